package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.config.Destination;
import io.sipaudit.config.DispatcherList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Algorithms 5, 6, 7, 9, 10, 11, 12 and 13, each against what the reference or glibc says they do. */
final class MoreKamailioAlgorithmsTest {
  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  private static List<Destination> set(String list) {
    return DispatcherList.parse(list, "test.list").set(1);
  }

  private static CallArrival call(int i, @Nullable String authUser, @Nullable String observed, @Nullable Instant end) {
    return new CallArrival(i + "-x@client", T0.plusSeconds(i), "sip:u" + i + "@example.com", "sip:bob@pbx",
        "sip:bob@pbx", authUser, observed, "10.0.0.9:5060", end);
  }

  private static List<String> picks(Replay r, List<CallArrival> calls) {
    List<String> out = new ArrayList<>();
    for (CallArrival c : calls) {
      out.add(r.next(c).predicted());
    }
    return out;
  }

  private static final String THREE = """
      1 sip:10.0.0.1:5060 0 0 duid=a
      1 sip:10.0.0.2:5060 0 0 duid=b
      1 sip:10.0.0.3:5060 0 0 duid=c
      """;

  @Test
  void alg5HashesTheUserPartOfTheDigestUsernameAndFallsBackToRoundRobinWithoutMovingItOtherwise() {
    List<Destination> s = set(THREE);
    Replay r = new Replay(s, KamailioAlgorithms.create(5, 0), false, false);
    // index 0 = .3 (equal priorities: reverse file order)
    String a = r.next(call(1, null, null, null)).predicted();
    String withCredentials = r.next(call(2, "alice@example.com", null, null)).predicted();
    String b = r.next(call(3, null, null, null)).predicted();
    assertEquals("10.0.0.3:5060", a, "round-robin starts at index 0");
    assertEquals("10.0.0.2:5060", b, "the call with credentials did not move the counter");
    long h = KamailioHash.hash("alice", null);
    assertEquals(s.get((int) Long.remainderUnsigned(h, 3)).hostPort(), withCredentials);
    Replay again = new Replay(s, KamailioAlgorithms.create(5, 0), false, false);
    assertEquals(withCredentials, again.next(call(9, "alice", null, null)).predicted(), "only 'alice' is hashed");
  }

  @Test
  void alg6WithASeedDrawsGlibcRandModuloTheSetSize() {
    List<Destination> s = set(THREE);
    Replay r = new Replay(s, KamailioAlgorithms.create(6, new KamailioAlgorithms.Options(0, null, 1L)), false, false);
    // srand(1); rand() % 3 for ten calls, printed by glibc: 1 1 0 1 2 1 1 0 0 1
    int[] expected = {1, 1, 0, 1, 2, 1, 1, 0, 0, 1};
    for (int i = 0; i < 10; i++) {
      assertEquals(s.get(expected[i]).hostPort(), r.next(call(i, null, null, null)).predicted(), "call " + i);
    }
    Map<String, Double> e = r.expected();
    assertEquals(10.0 / 3, e.get("10.0.0.1:5060"), 1e-9, "each destination is expected a third of the calls");
  }

  @Test
  void alg6GivesAnInactiveDestinationsShareToItsNextNeighbour() {
    List<Destination> s = set("""
        1 sip:10.0.0.1:5060 0 0
        1 sip:10.0.0.2:5060 1 0
        1 sip:10.0.0.3:5060 0 0
        """);   // array [.3, .2 inactive, .1]: .2's residue walks on to .1
    Replay r = new Replay(s, KamailioAlgorithms.create(6, 0), false, false);
    for (int i = 0; i < 30; i++) {
      r.next(call(i, null, null, null));
    }
    assertEquals(10.0, r.expected().get("10.0.0.3:5060"), 1e-9);
    assertEquals(20.0, r.expected().get("10.0.0.1:5060"), 1e-9);
    assertEquals(0.0, r.expected().get("10.0.0.2:5060"), 1e-9);
  }

  private static final String WEIGHTS = """
      1 sip:10.0.0.3:5060 0 0 weight=20
      1 sip:10.0.0.2:5060 0 0 weight=30
      1 sip:10.0.0.1:5060 0 0 weight=50
      """;   // array [.1 w50, .2 w30, .3 w20]

  @Test
  void alg9WithASeedShufflesTheTableAsKamailioDoesAndRepeatsItEveryHundredCalls() {
    List<Destination> s = set(WEIGHTS);
    Replay r = new Replay(s, KamailioAlgorithms.create(9, new KamailioAlgorithms.Options(0, null, 42L)), false, false);
    List<CallArrival> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(call(i, null, null, null));
    }
    List<String> p = picks(r, calls);
    // [0]*50 + [1]*30 + [2]*20 shuffled with srand(42) by glibc: the first 20 slots
    int[] head = {1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 1, 0, 0, 2, 0, 1, 1};
    for (int i = 0; i < head.length; i++) {
      assertEquals(s.get(head[i]).hostPort(), p.get(i), "call " + i);
    }
    assertEquals(p.subList(0, 100), p.subList(100, 200), "period 100");
    assertEquals(50, p.subList(0, 100).stream().filter("10.0.0.1:5060"::equals).count());
    assertEquals(20, p.subList(0, 100).stream().filter("10.0.0.3:5060"::equals).count());
  }

  @Test
  void alg9WithoutASeedLearnsTheTableFromTheFirstHundredPicksThenPredictsTheRest() {
    List<Destination> s = set(WEIGHTS);
    List<String> truth = picks(new Replay(s, KamailioAlgorithms.create(9,
        new KamailioAlgorithms.Options(0, null, 7L)), false, false), calls(250));
    Replay learner = new Replay(s, KamailioAlgorithms.create(9, 0), false, false);
    int learned = 0;
    for (int i = 0; i < 250; i++) {
      Prediction p = learner.next(call(i, null, truth.get(i), null));
      assertTrue(p.agrees(), "call " + i + ": " + p);
      learned += p.learned() ? 1 : 0;
    }
    assertEquals(100, learned, "only the first hundred calls are learnt; the other 150 are predicted");
  }

  @Test
  void alg11RebuildsItsTableWhenAnRweightDestinationBecomesUnusable() {
    List<Destination> s = set("""
        1 sip:10.0.0.3:5060 0 0 rweight=1
        1 sip:10.0.0.2:5060 0 0 rweight=2
        1 sip:10.0.0.1:5060 0 0 rweight=1
        """);   // array [.1 r1, .2 r2, .3 r1]: 25/50/25
    HealthModel health = new HealthModel(HealthModel.Settings.DEFAULTS);
    health.probe(T0.plusMillis(99_500), "10.0.0.3:5060", false);   // .3 inactive from call 100 on: 33/67
    Replay r = new Replay(s, KamailioAlgorithms.create(11, new KamailioAlgorithms.Options(0, null, 3L)), false,
        false, health);
    List<String> p = picks(r, calls(200));
    assertEquals(25, p.subList(0, 100).stream().filter("10.0.0.1:5060"::equals).count());
    assertEquals(50, p.subList(0, 100).stream().filter("10.0.0.2:5060"::equals).count());
    assertEquals(33, p.subList(100, 200).stream().filter("10.0.0.1:5060"::equals).count(), "33 + 66, the extra 1 "
        + "to the last sliced one");
    assertEquals(67, p.subList(100, 200).stream().filter("10.0.0.2:5060"::equals).count());
  }

  @Test
  void alg10FollowsTheReferencesSequenceOfLeastLoadedPicksWithMaxload() {
    // reference §4.10: [c (no max), b (max 2), a (max 2)] and 8 INVITEs that never end: c b a c b a c c
    List<Destination> s = set("""
        1 sip:10.0.0.1:5060 0 1 duid=a;maxload=2
        1 sip:10.0.0.2:5060 0 2 duid=b;maxload=2
        1 sip:10.0.0.3:5060 0 3 duid=c
        """);
    Replay r = new Replay(s, KamailioAlgorithms.create(10, 0), false, false);
    assertEquals(List.of("10.0.0.3:5060", "10.0.0.2:5060", "10.0.0.1:5060", "10.0.0.3:5060", "10.0.0.2:5060",
        "10.0.0.1:5060", "10.0.0.3:5060", "10.0.0.3:5060"), picks(r, calls(8)));
  }

  @Test
  void alg10ReleasesTheLoadWhenTheCallEnds() {
    List<Destination> s = set(THREE);
    Replay r = new Replay(s, KamailioAlgorithms.create(10, 0), false, false);
    // call 0 takes .3 (index 0) and ends at +1.5 s; call 1 takes .2; call 2 (at +2 s) finds .3 free again
    assertEquals("10.0.0.3:5060", r.next(call(0, null, null, T0.plusMillis(1500))).predicted());
    assertEquals("10.0.0.2:5060", r.next(call(1, null, null, null)).predicted());
    assertEquals("10.0.0.3:5060", r.next(call(2, null, null, null)).predicted());
    assertEquals("10.0.0.1:5060", r.next(call(3, null, null, null)).predicted());
  }

  @Test
  void alg12PicksTheFirstUsableAndBranchesToEveryLaterDestinationInactiveOnesIncluded() {
    List<Destination> s = set("""
        1 sip:10.0.0.1:5060 0 0
        1 sip:10.0.0.2:5060 1 0
        1 sip:10.0.0.3:5060 1 0
        """);   // array [.3 inactive, .2 inactive, .1]
    Prediction p = new Replay(s, KamailioAlgorithms.create(12, 0), false, false).next(call(0, null, null, null));
    assertEquals("10.0.0.1:5060", p.predicted());
    assertEquals(List.of(), p.failover());
    List<Destination> s2 = set(THREE.replace("sip:10.0.0.2:5060 0", "sip:10.0.0.2:5060 1"));
    Prediction q = new Replay(s2, KamailioAlgorithms.create(12, 0), false, false).next(call(0, null, null, null));
    assertEquals("10.0.0.3:5060", q.predicted());
    assertEquals(List.of("10.0.0.2:5060", "10.0.0.1:5060"), q.failover(), "the inactive .2 is a branch too");
  }

  @Test
  void alg13RoundRobinsOverTheHighestPriorityAfterTheLatencyHandicap() {
    // reference §4.13: array [.4 (p30, latency=91 -> 30 - 91/30 = 27), .2 (p30), .1 (p30), .3 (p20)] gave .2, .1,
    // .2, .1 with failover [.1, .4, .3] then [.2, .4, .3]
    List<Destination> s = set("""
        1 sip:10.0.0.1:5060 0 30
        1 sip:10.0.0.2:5060 0 30
        1 sip:10.0.0.4:5060 0 30 latency=91
        1 sip:10.0.0.3:5060 0 20
        """);
    Replay r = new Replay(s, KamailioAlgorithms.create(13, 0), false, false);
    Prediction a = r.next(call(0, null, null, null));
    Prediction b = r.next(call(1, null, null, null));
    Prediction c = r.next(call(2, null, null, null));
    assertEquals(List.of("10.0.0.2:5060", "10.0.0.1:5060", "10.0.0.2:5060"),
        List.of(a.predicted(), b.predicted(), c.predicted()));
    assertEquals(List.of("10.0.0.1:5060", "10.0.0.4:5060", "10.0.0.3:5060"), a.failover());
    assertEquals(List.of("10.0.0.2:5060", "10.0.0.4:5060", "10.0.0.3:5060"), b.failover());
  }

  @Test
  void alg13TakesMeasuredPingLatenciesIntoTheHandicap() {
    List<Destination> s = set("""
        1 sip:10.0.0.1:5060 0 10
        1 sip:10.0.0.2:5060 0 10
        """);   // array [.2, .1]
    HealthModel health = new HealthModel(HealthModel.Settings.DEFAULTS);
    health.latency(T0.minusSeconds(1), "10.0.0.2:5060", 35);   // estimate 35 > 10: handicap 3, priority 7
    health.latency(T0.minusSeconds(1), "10.0.0.1:5060", 4);
    Replay r = new Replay(s, KamailioAlgorithms.create(13, 0), false, false, health);
    assertEquals(List.of("10.0.0.1:5060", "10.0.0.1:5060", "10.0.0.1:5060"), picks(r, calls(3)),
        "the slow .2 only stays in the failover list");
  }

  @Test
  void alg7HashesTheExpandedHashPvar() {
    List<Destination> s = set(THREE);
    Replay r = new Replay(s, KamailioAlgorithms.create(7, new KamailioAlgorithms.Options(0, "$fU@$si", null)), false,
        false);
    Prediction p = r.next(call(4, null, null, null));
    long h = KamailioHash.hash("u4@10.0.0.9", null);
    assertEquals(s.get((int) Long.remainderUnsigned(h, 3)).hostPort(), p.predicted());
    Replay none = new Replay(s, KamailioAlgorithms.create(7, 0), false, false);
    assertEquals("none", none.next(call(4, null, null, null)).predicted(), "no hash_pvar: the select fails");
    assertThrows(IllegalArgumentException.class, () -> KamailioAlgorithms.create(7,
        new KamailioAlgorithms.Options(0, "$hdr(X-Tenant)", null)));
  }

  @Test
  void sbcLeastCallsTakesTheBackendWithFewestCallsAndRotatesAmongEqualOnes() {
    List<Destination> s = set(THREE);   // array [.3, .2, .1]
    Replay r = new Replay(s, KamailioAlgorithms.create(SbcAlgorithms.BASE, 0), false, false);
    // calls 0-2 take the three idle backends in turn; call 0 ends at +2.5 s, so call 3 (at +3 s) finds .3 with no
    // call and the others with one each; call 4: all hold one, and the tie goes on from the last pick (.3) to .2
    assertEquals("10.0.0.3:5060", r.next(call(0, null, null, T0.plusMillis(2500))).predicted());
    assertEquals("10.0.0.2:5060", r.next(call(1, null, null, null)).predicted());
    assertEquals("10.0.0.1:5060", r.next(call(2, null, null, null)).predicted());
    assertEquals("10.0.0.3:5060", r.next(call(3, null, null, null)).predicted());
    assertEquals("10.0.0.2:5060", r.next(call(4, null, null, null)).predicted());
    assertEquals("sbc:least-calls", KamailioAlgorithms.label(SbcAlgorithms.BASE));
  }

  private static List<CallArrival> calls(int n) {
    List<CallArrival> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(call(i, null, null, null));
    }
    return out;
  }
}
