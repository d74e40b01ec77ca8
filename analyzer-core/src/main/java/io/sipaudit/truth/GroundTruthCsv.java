package io.sipaudit.truth;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes and reads the lab's ground-truth files.
 *
 * <p>{@code truth.csv}, one row per call:
 * <pre>
 * call_id,first_pick,final_pick,outcome
 * 1-3296@127.0.1.100,127.0.1.13:5060,127.0.1.13:5060,answered
 * </pre>
 * With parallel forking (algorithm 12) a fifth column lists the destinations forked to at once:
 * <pre>
 * call_id,first_pick,final_pick,outcome,parallel
 * 1-17924@127.0.1.100,127.0.1.183:5060,127.0.1.182:5060,answered,127.0.1.183:5060 127.0.1.182:5060 127.0.1.181:5060
 * </pre>
 * {@code attempts.csv}, one row per destination tried:
 * <pre>
 * call_id,attempt,time,destination,code
 * 1-3296@127.0.1.100,1,2026-11-26T04:45:05.732213Z,127.0.1.13:5060,200
 * </pre>
 */
public final class GroundTruthCsv {
  static final String[] TRUTH_HEADER = {"call_id", "first_pick", "final_pick", "outcome"};
  static final String[] PARALLEL_TRUTH_HEADER = {"call_id", "first_pick", "final_pick", "outcome", "parallel"};
  static final String[] ATTEMPTS_HEADER = {"call_id", "attempt", "time", "destination", "code"};

  private GroundTruthCsv() {
  }

  /**
   * Writes {@code truth.csv} rows; when the balancer forked calls in parallel (algorithm 12) a fifth column,
   * {@code parallel}, lists the destinations each call was forked to, space-separated.
   */
  public static void writeTruth(List<CallTruth> calls, Path file) {
    boolean forked = calls.stream().anyMatch(c -> !c.parallel().isEmpty());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = format(forked ? PARALLEL_TRUTH_HEADER : TRUTH_HEADER).print(w)) {
      for (CallTruth c : calls) {
        if (forked) {
          p.printRecord(c.callId(), c.firstPick(), c.finalPick(), c.outcome().csvName(), String.join(" ", c.parallel()));
        } else {
          p.printRecord(c.callId(), c.firstPick(), c.finalPick(), c.outcome().csvName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  /** Writes {@code attempts.csv} rows. */
  public static void writeAttempts(List<Attempt> attempts, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = format(ATTEMPTS_HEADER).print(w)) {
      for (Attempt a : attempts) {
        p.printRecord(a.callId(), a.number(), a.time(), a.destination(), a.code());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  /**
     * Reads {@code truth.csv}.
     *
     * @throws TruthLogException naming the line of a row that is not {@code call_id,first_pick,final_pick,outcome}
     */
  public static List<CallTruth> readTruth(Path file) {
    List<CallTruth> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        long line = rec.getRecordNumber() + 1;
        if (rec.size() != TRUTH_HEADER.length && rec.size() != PARALLEL_TRUTH_HEADER.length) {
          throw new TruthLogException(line, file + ": expected 4 or 5 columns, found " + rec.size());
        }
        try {
          List<String> parallel = rec.size() < 5 || rec.get(4).isBlank() ? List.of()
              : List.of(rec.get(4).trim().split(" +"));
          out.add(new CallTruth(rec.get(0), rec.get(1), rec.get(2), Outcome.ofCsvName(rec.get(3)), parallel));
        } catch (IllegalArgumentException e) {
          throw new TruthLogException(line, file + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    return out;
  }

  private static CSVFormat format(String[] header) {
    return CSVFormat.RFC4180.builder().setHeader(header).setRecordSeparator('\n').get();
  }
}
