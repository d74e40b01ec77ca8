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
 * {@code attempts.csv}, one row per destination tried:
 * <pre>
 * call_id,attempt,time,destination,code
 * 1-3296@127.0.1.100,1,2026-11-26T04:45:05.732213Z,127.0.1.13:5060,200
 * </pre>
 */
public final class GroundTruthCsv {
  static final String[] TRUTH_HEADER = {"call_id", "first_pick", "final_pick", "outcome"};
  static final String[] ATTEMPTS_HEADER = {"call_id", "attempt", "time", "destination", "code"};

  private GroundTruthCsv() {
  }

  /** Writes {@code truth.csv} rows. */
  public static void writeTruth(List<CallTruth> calls, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = format(TRUTH_HEADER).print(w)) {
      for (CallTruth c : calls) {
        p.printRecord(c.callId(), c.firstPick(), c.finalPick(), c.outcome().csvName());
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
        if (rec.size() != TRUTH_HEADER.length) {
          throw new TruthLogException(line, file + ": expected 4 columns, found " + rec.size());
        }
        try {
          out.add(new CallTruth(rec.get(0), rec.get(1), rec.get(2), Outcome.ofCsvName(rec.get(3))));
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
