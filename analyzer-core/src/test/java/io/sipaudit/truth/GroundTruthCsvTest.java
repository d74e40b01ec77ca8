package io.sipaudit.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GroundTruthCsvTest {

  @Test
  void truthFileHasTheDocumentedHeaderAndRoundTrips(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("truth.csv");
    List<CallTruth> calls = List.of(
        new CallTruth("1-3296@127.0.1.100", "127.0.1.13:5060", "127.0.1.13:5060", Outcome.ANSWERED),
        new CallTruth("odd,\"id\"", "", "", Outcome.NO_DESTINATION));
    GroundTruthCsv.writeTruth(calls, file);
    List<String> lines = Files.readAllLines(file);
    assertEquals("call_id,first_pick,final_pick,outcome", lines.get(0));
    assertEquals("1-3296@127.0.1.100,127.0.1.13:5060,127.0.1.13:5060,answered", lines.get(1));
    assertEquals(calls, GroundTruthCsv.readTruth(file));
  }

  @Test
  void forkedCallsAddAParallelColumnAndRoundTrip(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("truth.csv");
    List<CallTruth> calls = List.of(new CallTruth("1-9@h", "127.0.1.183:5060", "127.0.1.182:5060", Outcome.ANSWERED,
        List.of("127.0.1.183:5060", "127.0.1.182:5060")));
    GroundTruthCsv.writeTruth(calls, file);
    assertEquals(List.of("call_id,first_pick,final_pick,outcome,parallel",
        "1-9@h,127.0.1.183:5060,127.0.1.182:5060,answered,127.0.1.183:5060 127.0.1.182:5060"), Files.readAllLines(file));
    assertEquals(calls, GroundTruthCsv.readTruth(file));
  }

  @Test
  void attemptsFileHasOneRowPerAttempt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("attempts.csv");
    GroundTruthCsv.writeAttempts(List.of(
        new Attempt("c", 1, Instant.parse("2026-11-26T04:45:05.732213Z"), "127.0.1.12:5060", "408"),
        new Attempt("c", 2, Instant.parse("2026-11-26T04:45:07.732213Z"), "127.0.1.11:5060", "200")), file);
    assertEquals(List.of("call_id,attempt,time,destination,code",
        "c,1,2026-11-26T04:45:05.732213Z,127.0.1.12:5060,408",
        "c,2,2026-11-26T04:45:07.732213Z,127.0.1.11:5060,200"), Files.readAllLines(file));
  }

  @Test
  void rowWithUnknownOutcomeNamesItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("truth.csv");
    Files.writeString(file, "call_id,first_pick,final_pick,outcome\na,b:1,b:1,answered\nc,d:1,d:1,exploded\n");
    TruthLogException e = assertThrows(TruthLogException.class, () -> GroundTruthCsv.readTruth(file));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("'exploded'"), e.getMessage());
  }
}
