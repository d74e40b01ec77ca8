package io.sipaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.attribution.Attempt;
import io.sipaudit.attribution.AttemptOutcome;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.attribution.CallOutcome;
import io.sipaudit.dialog.CallRecord;
import io.sipaudit.dialog.InDialogRequest;
import io.sipaudit.health.HealthTracker;
import io.sipaudit.net.Endpoint;
import io.sipaudit.sip.SipMethod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class ConcurrentCallSkewTest {
  private static final Endpoint CLIENT = Endpoint.parse("10.0.0.100:5060");
  private static final Endpoint LB = Endpoint.parse("10.0.0.10:5060");
  private static final List<Endpoint> BACKENDS = List.of(Endpoint.parse("10.0.0.1:5060"),
      Endpoint.parse("10.0.0.2:5060"), Endpoint.parse("10.0.0.3:5060"), Endpoint.parse("10.0.0.4:5060"));
  private static final long T0 = 1_800_000_000L;

  /** Call {@code n} starts at T0 + n + 0.1 s on backend n mod 4 and ends with a BYE {@code seconds} later. */
  private static AttributedCall call(int n, long seconds) {
    Instant t = Instant.ofEpochSecond(T0 + n, 100_000_000L);
    Instant bye = t.plusSeconds(seconds);
    Endpoint backend = BACKENDS.get(n % 4);
    CallRecord r = new CallRecord(n + "@c", "f" + n, t, "sip:u" + n + "@x", "sip:d@x", "sip:d@x", List.of(),
        List.of(new InDialogRequest(SipMethod.BYE, CLIENT, LB, bye, 200, bye)), bye, true, "test", n, Set.of());
    return new AttributedCall(r, CLIENT, LB, List.of(new Attempt(backend, t, AttemptOutcome.ANSWERED, 200, null,
        null, null, 1, false)), backend, CallOutcome.ANSWERED, 200, null, null, null, null, List.of(), null, null, true);
  }

  /** 100 calls in turn; those on the first backend last {@code longOnes} seconds, the others 2 s. */
  private static CallLedger ledger(long longOnes) {
    CallLedger l = new CallLedger().trackConcurrentCalls();
    for (int n = 0; n < 100; n++) {
      l.accept(call(n, n % 4 == 0 ? longOnes : 2));
    }
    return l;
  }

  private static List<Finding> audit(CallLedger l, int alg) {
    HealthTracker h = new HealthTracker();
    h.finish();
    return new Auditor(AuditPolicy.DEFAULTS, new Expectation.Equal(), BalancerHints.NONE.withSet(alg, BACKENDS))
        .audit(l, h, BACKENDS).findings(FindingCode.CONCURRENT_CALL_SKEW);
  }

  @Test
  void longCallsPilingUpOnOneBackendUnderCallLoadBalancingAreAConcurrentCallSkew() {
    List<Finding> found = audit(ledger(20), 10);
    assertEquals(1, found.size(), found.toString());
    Finding f = found.get(0);
    assertEquals(Severity.WARNING, f.severity());
    assertEquals("10.0.0.1:5060", f.backend());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> rows = (Map<String, Map<String, Object>>) f.details().get("backends");
    // 25 calls of 20 samples each on the first backend, 25 of 2 on each other: 500 of 650 call-seconds.
    assertEquals(500.0 / 650, (double) rows.get("10.0.0.1:5060").get("share"), 1e-9);
    assertEquals(50.0 / 650, (double) rows.get("10.0.0.2:5060").get("share"), 1e-9);
    assertEquals(0.25, (double) rows.get("10.0.0.1:5060").get("expectedShare"), 1e-9);
    assertTrue(f.message().contains("10.0.0.1:5060 carried 76.9% of the concurrent calls"), f.message());
    assertTrue(f.remedy().contains("ds_load_update()"), f.remedy());
  }

  @Test
  void callsOfEqualLengthInTurnAreAnEvenLoad() {
    assertEquals(List.of(), audit(ledger(2), 10));
  }

  @Test
  void otherAlgorithmsAreNotJudgedByConcurrentCalls() {
    assertEquals(List.of(), audit(ledger(20), 4));
  }

  @Test
  void eachCallCountsAtTheMiddleOfEverySecondItSpans() {
    CallLedger l = new CallLedger().trackConcurrentCalls();
    l.accept(call(0, 2));   // 0.1 s to 2.1 s: samples at 0.5 and 1.5
    l.accept(call(1, 2));   // 1.1 s to 3.1 s: samples at 1.5 and 2.5
    Map<Endpoint, TreeMap<Long, Integer>> c = l.concurrentCalls();
    assertEquals(Map.of(T0, 1, T0 + 1, 1, T0 + 2, 0), c.get(BACKENDS.get(0)));
    assertEquals(Map.of(T0, 0, T0 + 1, 1, T0 + 2, 1), c.get(BACKENDS.get(1)));
    assertEquals(Map.of(), new CallLedger().concurrentCalls(), "not tracked");
  }
}
