package io.sipaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.attribution.Attempt;
import io.sipaudit.attribution.AttemptOutcome;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.attribution.CallOutcome;
import io.sipaudit.dialog.CallRecord;
import io.sipaudit.health.HealthTracker;
import io.sipaudit.net.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The dominant hash key explanation, on synthetic calls fed through the ledger and the auditor. */
final class DominantKeyTest {
  private static final Endpoint CLIENT = Endpoint.parse("10.0.0.100:5060");
  private static final Endpoint LB = Endpoint.parse("10.0.0.10:5060");
  private static final List<Endpoint> BACKENDS = List.of(Endpoint.parse("10.0.0.1:5060"),
      Endpoint.parse("10.0.0.2:5060"), Endpoint.parse("10.0.0.3:5060"), Endpoint.parse("10.0.0.4:5060"));
  private static final long T0 = 1_800_000_000L;

  /** Call {@code n} (five a second) from {@code from}, answered by {@code backend}. */
  private static AttributedCall call(int n, String from, Endpoint backend) {
    Instant t = Instant.ofEpochSecond(T0 + n / 5, (n % 5) * 200_000_000L);
    CallRecord r = new CallRecord(n + "-1@client.example", "tag" + n, t, from, "sip:desk@corp.example",
        "sip:desk@corp.example", List.of(), List.of(), t.plusSeconds(2), true, "test", n, Set.of());
    Attempt a = new Attempt(backend, t, AttemptOutcome.ANSWERED, 200, null, null, null, 1, false);
    return new AttributedCall(r, CLIENT, LB, List.of(a), backend, CallOutcome.ANSWERED, 200, null, null, null, null,
        List.of(), null, null, true);
  }

  /** Audits 100 calls made by {@code calls} with the ledger hashing the key of algorithm {@code alg}. */
  private static AuditResult audit(int alg, IntFunction<AttributedCall> calls) {
    CallLedger ledger = new CallLedger().trackHashedKeys(alg, 0);
    for (int n = 0; n < 100; n++) {
      ledger.accept(calls.apply(n));
    }
    HealthTracker health = new HealthTracker();
    health.finish();
    return new Auditor(AuditPolicy.DEFAULTS, new Expectation.Equal(), BalancerHints.NONE.withSet(alg, List.of()))
        .audit(ledger, health, BACKENDS);
  }

  /** Seven calls in ten from the boss, all on the first backend; the others from callers of their own, in turn. */
  private static AttributedCall bossHeavy(int n) {
    return n % 10 < 7 ? call(n, "sip:boss@corp.example", BACKENDS.get(0))
        : call(n, "sip:user" + n + "@corp.example", BACKENDS.get(n % 4));
  }

  @Test
  void aSkewUnderFromHashingIsExplainedByTheCallerWithMostOfTheCalls() {
    List<Finding> skew = audit(1, DominantKeyTest::bossHeavy).findings(FindingCode.DISTRIBUTION_SKEW);
    assertEquals(1, skew.size());
    Finding f = skew.get(0);
    assertEquals("dominant_hash_key", f.details().get("explanation"));
    @SuppressWarnings("unchecked")
    Map<String, Object> key = (Map<String, Object>) f.details().get("dominantKey");
    assertEquals("sip:boss@corp.example", key.get("value"));
    assertEquals(70L, key.get("calls"));
    assertEquals(0.7, (double) key.get("share"), 1e-9);
    assertEquals("10.0.0.1:5060", key.get("backend"));
    assertTrue(f.message().contains("70.0% of the calls (70 of 100) share the From URI sip:boss@corp.example, and"
        + " algorithm 1 hashes the From URI (user and host): they all go to one backend (10.0.0.1:5060 got 70 of"
        + " them)"), f.message());
    assertTrue(f.remedy().contains("algorithm 0 (Call-ID)"), f.remedy());
  }

  @Test
  void withoutAHashAlgorithmNothingIsCountedAndTheSkewIsNotExplainedByAKey() {
    List<Finding> skew = audit(4, DominantKeyTest::bossHeavy).findings(FindingCode.DISTRIBUTION_SKEW);
    assertEquals(1, skew.size());
    assertFalse(skew.get(0).details().containsKey("dominantKey"), skew.get(0).toString());
    assertNull(new CallLedger().trackHashedKeys(4, 0).hashedKeys());
  }

  @Test
  void aSkewWithoutADominantKeyGetsNoKeyExplanation() {
    List<Finding> skew = audit(1, n -> call(n, "sip:user" + n + "@corp.example", BACKENDS.get(n % 10 < 7 ? 0 : n % 4)))
        .findings(FindingCode.DISTRIBUTION_SKEW);
    assertEquals(1, skew.size(), "70% on one backend, but from 100 different callers");
    assertFalse(skew.get(0).details().containsKey("dominantKey"));
  }

  @Test
  void callsSpreadEvenlyDespiteAFrequentCallerAreNoSkew() {
    // A caller with 25% of the calls, but the balancer spread everything evenly: nothing to explain.
    assertEquals(List.of(), audit(1, n -> call(n, n % 4 == 0 ? "sip:boss@corp.example" : "sip:u" + n + "@corp.example",
        BACKENDS.get(n % 4))).findings(FindingCode.DISTRIBUTION_SKEW));
  }

  @Test
  void underToHashingTheKeyIsTheToUri() {
    CallLedger ledger = new CallLedger().trackHashedKeys(2, 0);
    for (int n = 0; n < 20; n++) {
      ledger.accept(call(n, "sip:user" + n + "@corp.example", BACKENDS.get(0)));
    }
    DominantKey k = DominantKey.find(ledger, 4);
    assertEquals("sip:desk@corp.example", k.value());
    assertEquals(20, k.calls());
    assertEquals("the To URI (user and host)", k.keyName());
  }
}
