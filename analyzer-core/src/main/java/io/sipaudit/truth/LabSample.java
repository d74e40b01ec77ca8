package io.sipaudit.truth;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One bundled lab sample: a folder such as {@code samples/rr-alg4/} holding {@code scenario.env},
 * {@code capture.pcap}, {@code truth.csv}, {@code attempts.csv} and the balancer's configuration.
 *
 * @param dir the sample's folder
 * @param settings the scenario's knobs as written in {@code scenario.env} ({@code ALG=4}, ...)
 */
public record LabSample(Path dir, Map<String, String> settings) {
  public LabSample {
    requireNonNull(dir, "dir");
    settings = Map.copyOf(settings);
  }

  /** Returns the scenario name ({@code NAME}), or the folder name. */
  public String name() {
    return settings.getOrDefault("NAME", dir.getFileName().toString());
  }

  /** Returns the one-line description ({@code DESCRIPTION}), or {@code ""}. */
  public String description() {
    return settings.getOrDefault("DESCRIPTION", "");
  }

  /** Returns a knob's value, with the lab's default where the scenario does not set it. */
  public String setting(String key, String defaultValue) {
    return settings.getOrDefault(key, defaultValue);
  }

  /**
   * Returns what balanced the calls, for example {@code "Kamailio dispatcher alg 4 (round-robin)"} or
   * {@code "DNS SRV, dns_srv_lb=1"}.
   */
  public String balancer() {
  if ("srv".equals(setting("MODE", "loopback"))) {
      return "DNS SRV, dns_srv_lb=" + setting("DNS_SRV_LB", "0");
  }
  String alg = setting("ALG", "4");
  return "Kamailio dispatcher alg " + alg + " (" + KAMAILIO_ALGORITHMS.getOrDefault(alg, "unknown") + ")";
  }

  private static final Map<String, String> KAMAILIO_ALGORITHMS = Map.ofEntries(
      Map.entry("0", "hash Call-ID"),
      Map.entry("1", "hash From URI"),
      Map.entry("2", "hash To URI"),
      Map.entry("3", "hash R-URI"),
      Map.entry("4", "round-robin"),
      Map.entry("5", "hash auth username"),
      Map.entry("6", "random"),
      Map.entry("7", "hash PV"),
      Map.entry("8", "serial by priority"),
      Map.entry("9", "weight"),
      Map.entry("10", "call load"),
      Map.entry("11", "relative weight"),
      Map.entry("12", "parallel"),
      Map.entry("13", "latency-optimised"));

  /** Returns the capture file, when the sample has one. */
  public Optional<Path> capture() {
    return existing("capture.pcap");
  }

  /** Returns {@code truth.csv}, when the sample has one. */
  public Optional<Path> truth() {
    return existing("truth.csv");
  }

  private Optional<Path> existing(String file) {
    Path p = dir.resolve(file);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }
}
