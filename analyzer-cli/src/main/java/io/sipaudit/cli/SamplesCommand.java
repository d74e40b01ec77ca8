package io.sipaudit.cli;

import io.sipaudit.truth.GroundTruthCsv;
import io.sipaudit.truth.LabSample;
import io.sipaudit.truth.LabSamples;
import io.sipaudit.truth.Outcome;
import io.sipaudit.truth.TruthSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipaudit samples}: lists the bundled lab captures with what the real balancer did in each.
 *
 * <p>Example output line: {@code rr-alg4  Kamailio dispatcher alg 4 (round-robin), udp, 30 calls}.
 */
@Command(
    name = "samples",
    mixinStandardHelpOptions = true,
    description = {
      "List the bundled lab samples: real captures of a Kamailio balancer (or DNS SRV relaying) in front of"
          + " several backends, each with its ground truth from the balancer's own log.",
      "For each: the balancer and algorithm, the calls and their outcomes, and per backend how many calls it"
          + " was picked first for and how many it answered."
    })
final class SamplesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      description = "Samples folder (default: the samples/ folder of this checkout).")
  @Nullable Path dir;

  @Override
  public Integer call() throws Exception {
    Path samplesDir = dir != null ? dir : SipAuditHome.samplesDir();
    if (!Files.isDirectory(samplesDir)) {
      throw new NoSuchFileException(samplesDir.toString());
    }
    List<LabSample> samples = LabSamples.list(samplesDir);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%d lab samples in %s (ground truth: the balancer's own log of its choices)%n",
        samples.size(), samplesDir.toAbsolutePath().normalize());
    for (LabSample sample : samples) {
      out.println();
      print(sample, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void print(LabSample s, PrintWriter out) throws Exception {
    String transport = s.setting("TRANSPORT", "udp");
    String mode = s.setting("MODE", "loopback");
    out.printf("%s%n  %s, %s, %s%n", s.name(), s.balancer(), transport, mode.equals("netns") ? "network namespaces" : "loopback");
    if (!s.description().isEmpty()) {
      out.printf("  %s%n", s.description());
    }
    if (s.truth().isEmpty()) {
      out.println("  no truth.csv yet (run samples/lab/run-scenario.sh)");
      return;
    }
    TruthSummary t = TruthSummary.of(GroundTruthCsv.readTruth(s.truth().get()));
    StringJoiner outcomes = new StringJoiner(", ");
    for (Outcome o : Outcome.values()) {
      if (t.count(o) > 0) {
        outcomes.add(t.count(o) + " " + o.csvName().replace('_', ' '));
      }
    }
    out.printf("  %d calls: %s; %d failed over%n", t.calls(), outcomes, t.failovers());
    StringJoiner per = new StringJoiner(", ");
    for (Map.Entry<String, Integer> e : destinations(t).entrySet()) {
      per.add(e.getKey() + " " + t.firstPicks().getOrDefault(e.getKey(), 0) + "/" + t.answeredBy().getOrDefault(e.getKey(), 0));
    }
    out.printf("  picked first / answered: %s%n", per);
    if (s.capture().isPresent()) {
      out.printf("  capture: %s (%d kB)%n", s.dir().relativize(s.capture().get()), Files.size(s.capture().get()) / 1024);
    }
  }

  private static Map<String, Integer> destinations(TruthSummary t) {
    Map<String, Integer> all = new java.util.TreeMap<>(t.firstPicks());
    t.answeredBy().keySet().forEach(k -> all.putIfAbsent(k, 0));
    return all;
  }
}
