package io.sipaudit.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.dialog.CallAssembler;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.truth.CallTruth;
import io.sipaudit.truth.GroundTruthCsv;
import io.sipaudit.truth.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The acceptance test of attribution: for every lab capture, each call's first attempt, final backend and
 * outcome equal what the real Kamailio logged it did (truth.csv), call for call; with parallel forking (alg 12),
 * the branches too.
 */
final class LabGroundTruthTest {

  @TestFactory
  Stream<DynamicTest> attributionEqualsKamailiosOwnLogForEveryLabCall() throws IOException {
    Path samples = repoRoot().resolve("samples");
    List<Path> dirs;
    try (Stream<Path> s = Files.list(samples)) {
      dirs = s.filter(d -> Files.isRegularFile(d.resolve("truth.csv"))).sorted().toList();
    }
    assertTrue(dirs.size() >= 10, "lab samples with truth: " + dirs.size());
    return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
  }

  static Map<String, AttributedCall> attribute(Path capture) {
    Map<String, AttributedCall> calls = new HashMap<>();
    Attributor attributor = new Attributor();
    CallAssembler assembler = new CallAssembler(c -> calls.put(c.callId(), attributor.attribute(c)));
    new SipIngest().run(List.of(capture), assembler);
    assembler.finish();
    return calls;
  }

  private static void check(Path dir) {
    Map<String, AttributedCall> calls = attribute(dir.resolve("capture.pcap"));
    List<CallTruth> truth = GroundTruthCsv.readTruth(dir.resolve("truth.csv"));
    assertEquals(truth.size(), calls.size(), "calls found");
    for (CallTruth t : truth) {
      AttributedCall c = calls.get(t.callId());
      assertNotNull(c, "call " + t.callId() + " not found");
      String where = t.callId() + " " + c.attempts();
      if (t.outcome() == Outcome.NO_DESTINATION) {
        assertTrue(c.attempts().isEmpty(), where);
        assertEquals(CallOutcome.REJECTED_BY_BALANCER, c.outcome(), where);
        continue;
      }
      assertEquals(t.firstPick(), String.valueOf(c.firstPick()), "first pick of " + where);
      if (!t.parallel().isEmpty()) {   // algorithm 12: the branches Kamailio forked to at once are our first round
        assertEquals(t.parallel(), c.attempts().stream().filter(a -> a.round() == 1).map(a -> a.backend().toString())
            .toList(), "parallel branches of " + where);
        assertTrue(c.attempts().stream().allMatch(Attempt::parallel), "parallel flags of " + where);
      }
      switch (t.outcome()) {
        case ANSWERED -> {
          assertEquals(t.finalPick(), String.valueOf(c.backend()), "final backend of " + where);
          assertTrue(c.outcome().answered(), "outcome of " + where + ": " + c.outcome());
          assertEquals(t.failedOver(), c.failedOver(), "failover of " + where);
        }
        case TIMEOUT -> assertTrue(c.outcome() == CallOutcome.TIMEOUT || c.outcome() == CallOutcome.FAILED_ALL,
            "outcome of " + where + ": " + c.outcome());
        case REJECTED -> assertTrue(c.outcome() == CallOutcome.REJECTED || c.outcome() == CallOutcome.FAILED_ALL,
            "outcome of " + where + ": " + c.outcome());
        default -> assertEquals(CallOutcome.UNKNOWN, c.outcome(), where);
      }
    }
  }

  static Path repoRoot() {
    return io.sipaudit.testing.Repo.root();
  }
}
