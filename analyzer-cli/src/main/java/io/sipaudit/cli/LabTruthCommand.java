package io.sipaudit.cli;

import io.sipaudit.truth.GroundTruthBuilder;
import io.sipaudit.truth.GroundTruthCsv;
import io.sipaudit.truth.Outcome;
import io.sipaudit.truth.TruthLogParser;
import io.sipaudit.truth.TruthSummary;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sipaudit lab-truth samples/rr-alg4/lbtruth.log}: turns the lab balancer's {@code LBTRUTH} log into
 * {@code truth.csv} and {@code attempts.csv} next to it (or in {@code --out}).
 */
@Command(
    name = "lab-truth",
    mixinStandardHelpOptions = true,
    description = {
      "Turn the lab balancer's LBTRUTH log (its own record of every ds_select_dst, ds_next_dst, send and"
          + " final reply) into ground truth: truth.csv (call_id,first_pick,final_pick,outcome) and"
          + " attempts.csv (one row per destination tried).",
      "Used by samples/lab/run-scenario.sh; see samples/lab/README.md."
    })
final class LabTruthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "LOG", description = "Balancer log with LBTRUTH lines (other lines are ignored).")
  Path log;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the CSV files (default: the log's folder).")
  @Nullable Path out;

  @Override
  public Integer call() throws Exception {
    GroundTruthBuilder builder = new GroundTruthBuilder();
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      TruthLogParser.parse(reader, builder);
    }
    Path dir = out != null ? out : log.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    var calls = builder.calls();
    var attempts = builder.attempts();
    GroundTruthCsv.writeTruth(calls, dir.resolve("truth.csv"));
    GroundTruthCsv.writeAttempts(attempts, dir.resolve("attempts.csv"));
    TruthSummary s = TruthSummary.of(calls);
    spec.commandLine().getOut().printf(
        "%d calls (%d answered, %d failed over, %d timed out, %d rejected, %d without destination, %d unknown),"
            + " %d attempts -> %s%n",
        s.calls(), s.count(Outcome.ANSWERED), s.failovers(), s.count(Outcome.TIMEOUT), s.count(Outcome.REJECTED),
        s.count(Outcome.NO_DESTINATION), s.count(Outcome.UNKNOWN), attempts.size(), dir);
    return ExitCodes.OK;
  }
}
