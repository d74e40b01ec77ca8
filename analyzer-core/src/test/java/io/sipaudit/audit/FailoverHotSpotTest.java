package io.sipaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.audit.Auditor.Span;
import io.sipaudit.net.Endpoint;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class FailoverHotSpotTest {
  private static final Endpoint A = Endpoint.parse("10.0.0.1:5060");
  private static final Endpoint B = Endpoint.parse("10.0.0.2:5060");
  private static final Endpoint C = Endpoint.parse("10.0.0.3:5060");
  private static final Endpoint D = Endpoint.parse("10.0.0.4:5060");
  private static final List<Endpoint> POOL = List.of(A, B, C, D);
  /** dispatcher.list lines A, B, C, D at one priority: Kamailio indexes them D, C, B, A. */
  private static final List<Endpoint> KAMAILIO_ORDER = List.of(D, C, B, A);
  private static final long T0 = 1_800_000_000L;
  /** C is out of rotation from second 20 to second 40. */
  private static final Span C_OUT = new Span(C, Instant.ofEpochSecond(T0 + 20), Instant.ofEpochSecond(T0 + 40));

  /**
   * Forty seconds of first picks: in the first twenty one call per backend and second; in the next twenty C gets
   * none and {@code taker} gets its call as well as its own.
   */
  private static Map<Long, Map<Endpoint, Integer>> picks(Endpoint taker) {
    Map<Long, Map<Endpoint, Integer>> m = new TreeMap<>();
    for (long s = 0; s < 40; s++) {
      Map<Endpoint, Integer> second = new HashMap<>(Map.of(A, 1, B, 1, C, 1, D, 1));
      if (s >= 20) {
        second.remove(C);
        second.merge(taker, 1, Integer::sum);
      }
      m.put(T0 + s, second);
    }
    return m;
  }

  private static List<Finding> find(Map<Long, Map<Endpoint, Integer>> picks, int algorithm, List<Span> out) {
    return FailoverHotSpot.find(picks, out, POOL, BalancerHints.NONE.withSet(algorithm, KAMAILIO_ORDER),
        AuditPolicy.DEFAULTS);
  }

  @Test
  void underACallIdHashTheNextDestinationTakingTheDeadOnesWholeShareIsAHotSpot() {
    List<Finding> found = find(picks(B), 0, List.of(C_OUT));
    assertEquals(1, found.size(), found.toString());
    Finding f = found.get(0);
    assertEquals(FindingCode.HASH_FAILOVER_HOTSPOT, f.code());
    assertEquals(Severity.WARNING, f.severity());
    assertEquals("10.0.0.2:5060", f.backend());
    assertEquals(C_OUT.from(), f.start());
    assertEquals(C_OUT.to(), f.end());
    assertEquals(40L, f.count(), "B's first picks while C was out: 2 a second for 20 s");
    assertEquals(0.5, (double) f.details().get("neighbourShareWhileOut"), 1e-9);
    assertEquals(0.25, (double) f.details().get("neighbourShareAllUp"), 1e-9);
    assertEquals(80L, f.details().get("callsWhileOut"));
    assertEquals(80L, f.details().get("callsAllUp"));
    assertEquals(1.0, (double) f.details().get("partOfLostShareTaken"), 1e-9);
    assertEquals("10.0.0.3:5060", f.details().get("outBackend"));
    assertTrue(f.message().contains("took 50.0% of the first picks (40 of 80 calls) against 25.0% while all were"
        + " up"), f.message());
    assertTrue(f.message().contains("10.0.0.2:5060 follows 10.0.0.3:5060"), f.message());
  }

  @Test
  void aDeadDestinationsShareSpreadOverAllTheOthersIsNoHotSpot() {
    Map<Long, Map<Endpoint, Integer>> m = picks(B);
    List<Endpoint> rest = List.of(A, B, D);
    for (long s = 20; s < 40; s++) {
      Map<Endpoint, Integer> second = new HashMap<>(Map.of(A, 1, B, 1, D, 1));
      second.merge(rest.get((int) (s % 3)), 1, Integer::sum);   // C's call goes to each of the others in turn
      m.put(T0 + s, second);
    }
    assertEquals(List.of(), find(m, 0, List.of(C_OUT)));
  }

  @Test
  void aBackendThatIsNotTheNextInKamailiosOrderTakingTheShareIsNotTheSkipWalk() {
    assertEquals(List.of(), find(picks(A), 0, List.of(C_OUT)), "A comes before C in the order D, C, B, A");
  }

  @Test
  void roundRobinAndFirstAvailableAreNotJudged() {
    assertEquals(List.of(), find(picks(B), 4, List.of(C_OUT)));
    assertEquals(List.of(), find(picks(B), 8, List.of(C_OUT)));
    assertEquals(1, find(picks(B), 9, List.of(C_OUT)).size(), "the weight table's slots fall through too");
  }

  @Test
  void withoutTheSetOrderTheBiggestGainerIsNamed() {
    List<Finding> found = FailoverHotSpot.find(picks(A), List.of(C_OUT), POOL,
        BalancerHints.NONE.withSet(1, List.of()), AuditPolicy.DEFAULTS);
    assertEquals(1, found.size(), found.toString());
    assertEquals("10.0.0.1:5060", found.get(0).backend());
    assertEquals(false, found.get(0).details().get("neighbourPredicted"));
  }

  @Test
  void secondsWhenAnotherBackendWasOutTooAreLeftOut() {
    Span dAlsoOut = new Span(D, Instant.ofEpochSecond(T0 + 30), null);
    Finding f = find(picks(B), 0, List.of(C_OUT, dAlsoOut)).get(0);
    assertEquals(40L, f.details().get("callsWhileOut"), "seconds 20 to 29 only: 4 calls each");
    assertEquals(20L, f.count());
  }

  @Test
  void tooFewCallsWhileOutAreNotJudged() {
    Span brief = new Span(C, Instant.ofEpochSecond(T0 + 20), Instant.ofEpochSecond(T0 + 22));
    assertEquals(List.of(), find(picks(B), 0, List.of(brief)), "8 calls in two seconds");
  }

  @Test
  void theNeighbourWrapsAroundTheSet() {
    assertEquals(D, FailoverHotSpot.neighbour(KAMAILIO_ORDER, A));
    assertEquals(B, FailoverHotSpot.neighbour(KAMAILIO_ORDER, C));
    assertNull(FailoverHotSpot.neighbour(KAMAILIO_ORDER, Endpoint.parse("10.0.0.9:5060")));
  }

  @Test
  void overlappingSpansOfOneBackendAreJoined() {
    Span refused = new Span(C, Instant.ofEpochSecond(T0 + 15), Instant.ofEpochSecond(T0 + 25));
    List<Span> m = FailoverHotSpot.merged(List.of(C_OUT, refused));
    assertEquals(List.of(new Span(C, Instant.ofEpochSecond(T0 + 15), Instant.ofEpochSecond(T0 + 40))), m);
  }
}
