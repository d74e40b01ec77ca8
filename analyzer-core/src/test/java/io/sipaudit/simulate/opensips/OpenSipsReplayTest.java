package io.sipaudit.simulate.opensips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.config.opensips.OpenSipsDestination;
import io.sipaudit.config.opensips.OpenSipsDispatcherTable;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Selections worked by hand from the reference (opensips-and-srv.md A1.5 to A1.7). The Call-ID
 * {@code a84b4c76e66710@pc33.atlanta.com} hashes to h = 2175018094 (A1.4): h mod 2 = 0, mod 3 = 1, mod 4 = 2,
 * mod 5 = 4, mod 6 = 4.
 */
final class OpenSipsReplayTest {
  private static final String CALL_ID = "a84b4c76e66710@pc33.atlanta.com";
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  /** Destinations a, b, c ... at 10.0.0.1, .2, .3 ... with the given weights and states, all priority 0. */
  private static List<OpenSipsDestination> set(int[] weights, int... states) {
    StringBuilder csv = new StringBuilder("setid,destination,weight,state\n");
    for (int i = 0; i < weights.length; i++) {
      csv.append("1,sip:10.0.0.").append(i + 1).append(',').append(weights[i]).append(',')
          .append(i < states.length ? states[i] : 0).append('\n');
    }
    return OpenSipsDispatcherTable.parse(csv.toString(), "t.csv").set(1);
  }

  private static String d(int i) {
    return "10.0.0." + i + ":5060";
  }

  private static CallArrival call(String callId, int second) {
    return call(callId, second, null, null);
  }

  private static CallArrival call(String callId, int second, @Nullable Integer endSecond, @Nullable String authUser) {
    return new CallArrival(callId, T0.plusSeconds(second), "sip:alice@atlanta.com", "sip:bob@biloxi.com:5080",
        "sip:example.com", authUser, null, endSecond == null ? null : T0.plusSeconds(endSecond));
  }

  private static OpenSipsReplay replay(int alg, List<OpenSipsDestination> set, String flags) {
    return replay(alg, set, flags, 1000);
  }

  private static OpenSipsReplay replay(int alg, List<OpenSipsDestination> set, String flags, int maxRes) {
    DsFlags f = DsFlags.parse(flags);
    return new OpenSipsReplay(set, OpenSipsAlgorithms.create(alg, new OpenSipsAlgorithms.Settings(f, 1)), f, maxRes,
        false, null);
  }

  private static String pick(int alg, List<OpenSipsDestination> set, String flags) {
    return replay(alg, set, flags).next(call(CALL_ID, 0)).predicted();
  }

  @Test
  void theHashIsReducedThroughTheWeightRanges() {
    // h mod 5 = 4; running weights [1, 5]: 4 < 5 at index 1
    assertEquals(d(2), pick(0, set(new int[] {1, 4}), ""));
    // h mod 6 = 4; running [3, 4, 6]: 4 < 6 at index 2
    assertEquals(d(3), pick(0, set(new int[] {3, 1, 2}), ""));
    // all weights 0: h mod 3 = 1
    assertEquals(d(2), pick(0, set(new int[] {0, 0, 0}), ""));
  }

  @Test
  void aZeroWeightDestinationIsNeverChosenWhileAnotherHasWeight() {
    OpenSipsReplay r = replay(0, set(new int[] {0, 1, 0}), "");
    for (int i = 0; i < 500; i++) {
      assertEquals(d(2), r.next(call(i + "-x@host", i)).predicted());
    }
  }

  @Test
  void anInactiveCandidateIsReHashedOverTheActiveWeightsNotWalkedToItsNeighbour() {
    // five weight-1 destinations: h mod 5 = 4 -> e; e inactive: active running [1, 2, 3, 4, 4], h mod 4 = 2 -> c
    // (Kamailio's walk would give a, the next index after e)
    assertEquals(d(3), pick(0, set(new int[] {1, 1, 1, 1, 1}, 0, 0, 0, 0, 1), ""));
    // h mod 6 = 4 -> c (weights 3, 1, 2); c inactive: active running [3, 4, 4], h mod 4 = 2 -> a
    assertEquals(d(1), pick(0, set(new int[] {3, 1, 2}, 0, 0, 1), ""));
    // weights 0, 5, 0: h mod 5 = 4 -> b; b probing: no active weight, so h mod 2 (active count) = 0 -> the first active
    assertEquals(d(1), pick(0, set(new int[] {0, 5, 0}, 0, 2, 0), ""));
  }

  @Test
  void uriHashesUseTheReferenceKeys() {
    // From sip:alice@atlanta.com: 1053853112 mod 3 = 2; To sip:bob@biloxi.com:5080: 1220061292 mod 3 = 1;
    // R-URI sip:example.com: 3905729897 mod 3 = 2
    List<OpenSipsDestination> three = set(new int[] {1, 1, 1});
    assertEquals(d(3), pick(1, three, ""));
    assertEquals(d(2), pick(2, three, ""));
    assertEquals(d(3), pick(3, three, ""));
  }

  @Test
  void theFailoverListFollowsTheSelectedIndexCyclicallyLeavingOutInactiveOnes() {
    List<OpenSipsDestination> five = set(new int[] {1, 1, 1, 1, 1});
    // h mod 5 = 4 -> e; then a, b, c, d
    Prediction p = replay(0, five, "f").next(call(CALL_ID, 0));
    assertEquals(d(5), p.predicted());
    assertEquals(List.of(d(1), d(2), d(3), d(4)), p.failover());
    // c inactive: left out
    assertEquals(List.of(d(1), d(2), d(4)),
        replay(0, set(new int[] {1, 1, 1, 1, 1}, 0, 0, 1), "f").next(call(CALL_ID, 0)).failover());
    // max_res 3 counts the selected one: two more
    assertEquals(List.of(d(1), d(2)), replay(0, five, "f", 3).next(call(CALL_ID, 0)).failover());
    // without f: no list
    assertEquals(List.of(), replay(0, five, "").next(call(CALL_ID, 0)).failover());
  }

  @Test
  void withFlagDTheLastDestinationIsOnlyTheLastResort() {
    // set_size 4: W = 4, h mod 4 = 2 -> c; failover d, a, b, then the default e, pushed even when inactive
    Prediction p = replay(0, set(new int[] {1, 1, 1, 1, 1}, 0, 0, 0, 0, 1), "fd").next(call(CALL_ID, 0));
    assertEquals(d(3), p.predicted());
    assertEquals(List.of(d(4), d(1), d(2), d(5)), p.failover());
    // a and b inactive, c the default: h mod 2 = 0 -> a; no active non-default to re-hash over -> the default
    assertEquals(d(3), pick(0, set(new int[] {1, 1, 1}, 1, 1, 0), "d"));
    // without d, c is an ordinary destination: h mod 3 = 1 -> b, inactive; re-hashed over the active weight (c's 1)
    assertEquals(d(3), pick(0, set(new int[] {1, 1, 1}, 1, 1, 0), ""));
    // nothing active: no destination even with d
    assertEquals("none", pick(8, set(new int[] {1, 1, 1}, 1, 2, 1), "d"));
  }

  @Test
  void firstEntryTakesTheFirstActiveIndexAndProbingDestinationsAreNotUsed() {
    Prediction p = replay(8, set(new int[] {1, 1, 1}, 2, 0, 0), "f").next(call(CALL_ID, 0));
    assertEquals(d(2), p.predicted());
    assertEquals(List.of(d(3)), p.failover());
  }

  @Test
  void weightedRoundRobinPicksEachDestinationWeightTimesInARow() {
    // reference A1.7: weights 3, 1, 2 give A A A B C C A A A
    OpenSipsReplay r = replay(4, set(new int[] {3, 1, 2}), "");
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      picks.add(r.next(call("c" + i, i)).predicted());
    }
    assertEquals(List.of(d(1), d(1), d(1), d(2), d(3), d(3), d(1), d(1), d(1)), picks);
  }

  @Test
  void roundRobinStepsOverAnInactiveDestinationToTheNextIndex() {
    // last 0: a; a's turn used -> candidate b, inactive -> c; c's turn used -> candidate a; ...
    OpenSipsReplay r = replay(4, set(new int[] {1, 1, 1}, 0, 1, 0), "");
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      picks.add(r.next(call("c" + i, i)).predicted());
    }
    assertEquals(List.of(d(1), d(3), d(1), d(3)), picks);
  }

  @Test
  void roundRobinCanStartWhereTheFirstObservedCallWent() {
    List<OpenSipsDestination> three = set(new int[] {1, 1, 1});
    OpenSipsReplay r = new OpenSipsReplay(three, OpenSipsAlgorithms.create(4, OpenSipsAlgorithms.Settings.DEFAULTS),
        DsFlags.NONE, 1000, true, null);
    CallArrival first = new CallArrival("c0", T0, "sip:a@b", "sip:c@d", "sip:e@f", null, d(3));
    assertEquals(d(3), r.next(first).predicted());
    assertEquals(d(1), r.next(call("c1", 1)).predicted());
  }

  @Test
  void authUserHashesTheUsernameAndWithoutCredentialsRepeatsTheLastDestination() {
    // the username hashed as x alone: the Call-ID vector's string gives h, mod 5 = 4 -> e
    assertEquals(d(5), replay(5, set(new int[] {1, 1, 1, 1, 1}), "").next(call("x", 0, null, CALL_ID)).predicted());
    // no credentials: candidate last (0, inactive) -> b by the walk; then b again and again (code reading, A1.7)
    OpenSipsReplay r = replay(5, set(new int[] {1, 1, 1}, 1), "");
    for (int i = 0; i < 3; i++) {
      assertEquals(d(2), r.next(call("c" + i, i)).predicted());
    }
  }

  @Test
  void pvarLoadPicksTheDestinationWithFewestCallsInProgressAndSortsTheFailoverList() {
    OpenSipsReplay r = replay(9, set(new int[] {1, 1, 1}), "f");
    // t0: all 0 -> a (held to t10); t1: a 1 -> b (held to t2); t3: b's call ended -> a 1, b 0, c 0 -> b;
    // t4: a 1, b 1, c 0 -> c, failover a, b (equal values keep array order)
    assertEquals(d(1), r.next(call("c0", 0, 10, null)).predicted());
    assertEquals(d(2), r.next(call("c1", 1, 2, null)).predicted());
    assertEquals(d(2), r.next(call("c2", 3, 10, null)).predicted());
    Prediction p = r.next(call("c3", 4, 10, null));
    assertEquals(d(3), p.predicted());
    assertEquals(List.of(d(1), d(2)), p.failover());
  }

  @Test
  void randomIsWeightedAndRepeatableUnderItsSeed() {
    List<OpenSipsDestination> set = set(new int[] {1, 3});
    int[] counts = new int[2];
    OpenSipsReplay r = replay(6, set, "");
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String p = r.next(call("c" + i, i)).predicted();
      counts[p.equals(d(1)) ? 0 : 1]++;
      if (i < 50) {
        first.add(p);
      }
    }
    // P(k) = w_k / W = 1/4 and 3/4; 20,000 draws: sd of the count ~61, so 5,000 +- 400 is > 6 sd
    assertTrue(Math.abs(counts[0] - 5_000) < 400, "a got " + counts[0]);
    OpenSipsReplay again = replay(6, set, "");
    List<String> second = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      second.add(again.next(call("c" + i, i)).predicted());
    }
    assertEquals(first, second, "the same seed gives the same picks");
    DsFlags f = DsFlags.NONE;
    OpenSipsReplay other = new OpenSipsReplay(set, OpenSipsAlgorithms.create(6, new OpenSipsAlgorithms.Settings(f,
        99)), f, 1000, false, null);
    List<String> third = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      third.add(other.next(call("c" + i, i)).predicted());
    }
    assertNotEquals(first, third, "another seed gives other picks");
  }

  @Test
  void aMarkedDestinationIsSkippedFromTheMarkOn() {
    OpenSipsHealth health = new OpenSipsHealth(OpenSipsHealth.Settings.DISPATCHER);
    health.mark(T0.plusSeconds(5), d(1));
    OpenSipsReplay r = new OpenSipsReplay(set(new int[] {1, 1}), OpenSipsAlgorithms.create(8,
        OpenSipsAlgorithms.Settings.DEFAULTS), DsFlags.NONE, 1000, false, health);
    assertEquals(d(1), r.next(call("c0", 4)).predicted());
    assertEquals(d(2), r.next(call("c1", 5)).predicted());
  }
}
