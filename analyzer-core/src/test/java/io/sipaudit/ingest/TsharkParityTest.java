package io.sipaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Debian's tshark ({@code tshark -q -z sip,stat}) and our ingest on every capture in {@code samples/} and
 * {@code samples/external/}, and requires the same per-method and per-status counts, total messages and
 * resent messages. Where tshark does not recognise SIP on its own, {@link DecodeAs} tells it where, as a user
 * would; the cases are documented in {@code docs/tshark-parity.md}.
 *
 * <p>Needs tshark; skipped without it on a developer machine, fails under CI (environment variable CI).
 */
final class TsharkParityTest {

  @TestFactory
  Stream<DynamicTest> everySampleMatchesTshark() throws IOException {
    requireTshark();
    Path samples = repoRoot().resolve("samples");
    List<Path> captures;
    try (Stream<Path> files = Files.walk(samples)) {
      captures = files.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)$"))
          .filter(p -> !p.toString().contains("/lab/work/")).sorted().toList();
    }
    assertTrue(captures.size() >= 30, "expected the lab and external captures, found " + captures.size());
    return captures.stream().map(p -> DynamicTest.dynamicTest(samples.relativize(p).toString(), () -> compare(samples, p)));
  }

  private static void compare(Path samples, Path capture) throws Exception {
    String name = samples.relativize(capture).toString();
    Counts ours = ours(capture);
    Counts truth = TsharkWrong.TRUTH.get(name);
    if (truth != null) {
      // tshark counts these wrongly (docs/tshark-parity.md); ours must equal the truth the capture was made with
      assertEquals(truth, ours, name + ": the counts the capture was made with");
      assertTrue(tshark(capture, List.of()).messages > ours.messages, name + ": tshark still counts retransmissions");
      return;
    }
    Counts expected = tshark(capture, DecodeAs.argsFor(name));
    assertEquals(expected.requests, ours.requests, name + ": requests per method");
    assertEquals(expected.responses, ours.responses, name + ": responses per status code");
    assertEquals(expected.messages, ours.messages, name + ": SIP messages");
    assertEquals(expected.resent, ours.resent, name + ": resent SIP messages");
  }

  /** What {@code sip,stat} reports. */
  record Counts(long messages, long resent, Map<String, Long> requests, Map<Integer, Long> responses) {}

  /**
   * Status codes our samples hold that tshark 4.0's {@code sip,stat} has no name for: it counts them in its class's
   * "Others" line (x99). 477 is Kamailio's local reply to a send refused by its dst blocklist
   * ({@code srv-blocklist-lb0}); we keep the real code, so ours are translated before comparing.
   */
  private static final Map<Integer, Integer> TSHARK_OTHERS = Map.of(477, 499);

  static Counts ours(Path capture) {
    SipStats stats = new SipStats();
    new SipIngest().run(List.of(capture), stats);
    Map<Integer, Long> responses = new TreeMap<>();
    stats.responses().forEach((code, n) -> responses.merge(TSHARK_OTHERS.getOrDefault(code, code), n, Long::sum));
    return new Counts(stats.messages(), stats.resent(), new TreeMap<>(stats.requests()), responses);
  }

  private static final Pattern MESSAGES = Pattern.compile("Number of SIP messages: (\\d+)");
  private static final Pattern RESENT = Pattern.compile("Number of resent SIP messages: (\\d+)");
  private static final Pattern STATUS = Pattern.compile("^\\s*SIP (\\d{3}) .*:\\s*(\\d+) Packets");
  private static final Pattern METHOD = Pattern.compile("^\\s*(\\S+)\\s*:\\s*(\\d+) Packets");

  static Counts tshark(Path capture, List<String> extraArgs) throws Exception {
    Path out = Files.createTempFile("tshark", ".txt");
    try {
      List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString()));
      cmd.addAll(extraArgs);
      cmd.addAll(List.of("-q", "-z", "sip,stat"));
      Process p = new ProcessBuilder(cmd)
          .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(out.toFile()).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark hung on " + capture);
      long messages = 0;
      long resent = 0;
      Map<String, Long> requests = new TreeMap<>();
      Map<Integer, Long> responses = new TreeMap<>();
      boolean inMethods = false;
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        Matcher m;
        if ((m = MESSAGES.matcher(line)).find()) {
          messages = Long.parseLong(m.group(1));
        } else if ((m = RESENT.matcher(line)).find()) {
          resent = Long.parseLong(m.group(1));
        } else if (line.contains("List of SIP Request methods")) {
          inMethods = true;
        } else if ((m = STATUS.matcher(line)).find() && !inMethods) {
          responses.merge(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long::sum);
        } else if (inMethods && (m = METHOD.matcher(line)).find()) {
          requests.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
        }
      }
      return new Counts(messages, resent, requests, responses);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static void requireTshark() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "tshark"))) {
        return;
      }
    }
    if (System.getenv("CI") != null) {
      fail("tshark (Debian package tshark) is needed for the parity test under CI");
    }
    assumeTrue(false, "tshark not installed: parity test skipped");
  }

  static Path repoRoot() {
    return io.sipaudit.testing.Repo.root();
  }

  /** Captures whose counts tshark gets wrong, with the counts they were made with (samples/tshark-differs/README.md). */
  static final class TsharkWrong {
    private static final Map<String, Long> HUNDRED_EACH = Map.of("ACK", 100L, "BYE", 100L, "INFO", 100L, "INVITE",
        100L, "MESSAGE", 100L, "OPTIONS", 100L, "PUBLISH", 100L, "REFER", 100L, "SUBSCRIBE", 100L, "UPDATE", 100L);
    static final Map<String, Counts> TRUTH = Map.of(
        // 100 calls of the SIPp scenarios next to it, 26 messages each, over TCP with 124 retransmitted segments
        "tshark-differs/tcp-retransmissions.pcap", new Counts(2600, 0,
            new TreeMap<>(with(HUNDRED_EACH, "REGISTER", 200L)),
            new TreeMap<>(Map.of(100, 100L, 180, 100L, 183, 100L, 200, 600L, 202, 200L, 401, 100L, 489, 100L,
                501, 100L))));

    private static Map<String, Long> with(Map<String, Long> base, String key, long value) {
      Map<String, Long> out = new TreeMap<>(base);
      out.put(key, value);
      return out;
    }

    private TsharkWrong() {
    }
  }

  /**
   * Captures where tshark, left to itself, does not recognise SIP that is there: it is told where with
   * {@code -d} (decode as), and then must agree with us. See docs/tshark-parity.md.
   */
  static final class DecodeAs {
    private static final Map<String, List<String>> ARGS = Map.of(
        // SIP over TCP on port 6060: tshark's SIP heuristics do not look at TCP by default
        "external/heplify/sip_ipv4_tcp_fragmented.pcap", List.of("-d", "tcp.port==6060,sip"));

    private DecodeAs() {
    }

    static List<String> argsFor(String name) {
      return ARGS.getOrDefault(name, List.of());
    }
  }
}
