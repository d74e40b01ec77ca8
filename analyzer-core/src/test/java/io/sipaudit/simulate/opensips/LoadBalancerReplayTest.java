package io.sipaudit.simulate.opensips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.config.opensips.LbDestination;
import io.sipaudit.config.opensips.OpenSipsLbTable;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Selections worked by hand from {@code lb_route()} as the reference (A2) restates it. */
final class LoadBalancerReplayTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private static final String A = "10.0.0.1:5060";
  private static final String B = "10.0.0.2:5060";
  private static final String C = "10.0.0.3:5060";

  /** Destinations 10.0.0.1, .2, ... in group 1 with these resources. */
  private static List<LbDestination> group(String... resources) {
    StringBuilder csv = new StringBuilder("group_id,dst_uri,resources\n");
    for (int i = 0; i < resources.length; i++) {
      csv.append("1,sip:10.0.0.").append(i + 1).append(",\"").append(resources[i]).append("\"\n");
    }
    return OpenSipsLbTable.parse(csv.toString(), "lb.csv").group(1);
  }

  private static CallArrival call(int i, int second, @Nullable Integer end) {
    return new CallArrival("c" + i, T0.plusSeconds(second), "sip:a@b", "sip:c@d", "sip:e@f", null, null,
        end == null ? null : T0.plusSeconds(end));
  }

  private static List<String> picks(LoadBalancerReplay r, int calls) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      out.add(r.next(call(i, i, null)).predicted());
    }
    return out;
  }

  private static LoadBalancerReplay lb(List<LbDestination> g, String resources, String flags) {
    return new LoadBalancerReplay(g, List.of(resources.split(";")), LbFlags.parse(flags), null, 7);
  }

  @Test
  void identicalIdleDestinationsAlternateBecauseTheLoadIsBookedAtSelection() {
    assertEquals(List.of(A, B, A, B), picks(lb(group("pstn=10", "pstn=10"), "pstn", ""), 4));
  }

  @Test
  void absoluteAvailabilityCountsFreeSlotsAndRelativeCountsTheFreeShare() {
    List<LbDestination> g = group("pstn=10", "pstn=30");
    // absolute: free 10 vs 30; B until its free slots fall to A's 10 (after 20 calls), then a tie -> A, then B
    List<String> abs = picks(lb(g, "pstn", ""), 22);
    assertEquals(List.of(B), abs.subList(0, 20).stream().distinct().toList());
    assertEquals(List.of(A, B), abs.subList(20, 22));
    // relative, 100 - floor(100 load / max): 100/100 tie -> A; 90/100 -> B; 90/97 -> B; 90/94 -> B; 90/90 -> A;
    // 80/90 -> B; 80/87 -> B; 80/84 -> B; 80/80 -> A
    assertEquals(List.of(A, B, B, B, A, B, B, B, A), picks(lb(g, "pstn", "r"), 9));
  }

  @Test
  void aCallHoldsItsResourcesUntilItEndsAndAFullGroupHasNoDestinationUnlessFlagN() {
    List<LbDestination> g = group("pstn=1", "pstn=1");
    for (String flags : new String[] {"", "n"}) {
      LoadBalancerReplay r = lb(g, "pstn", flags);
      assertEquals(A, r.next(call(0, 0, 10)).predicted());
      assertEquals(B, r.next(call(1, 1, 2)).predicted());
      assertEquals(B, r.next(call(2, 3, 10)).predicted(), "B's call ended at 2 s");
      // both full: free 0 is not > 0; with n the tie of 0 and 0 goes to A
      assertEquals(flags.isEmpty() ? "none" : A, r.next(call(3, 4, 10)).predicted(), flags);
    }
  }

  @Test
  void onlyDestinationsWithEveryRequestedResourceCountAndTheScarcestOneDecides() {
    List<LbDestination> g = group("pstn=50", "pstn=10;transc=1", "pstn=5;transc=5");
    // A lacks transc; B min(10, 1) = 1; C min(5, 5) = 5 -> C
    assertEquals(C, lb(g, "pstn;transc", "").next(call(0, 0, null)).predicted());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lb(g, "vm", ""));
    assertTrue(e.getMessage().contains("-4"), e.getMessage());
  }

  @Test
  void theFailoverListIsWhatLbNextWouldPickInTurn() {
    Prediction p = lb(group("pstn=10", "pstn=20", "pstn=30"), "pstn", "").next(call(0, 0, null));
    assertEquals(C, p.predicted());
    assertEquals(List.of(B, A), p.failover());
  }

  @Test
  void aDestinationDisabledByAFailedProbeIsSkippedUntilItAnswersAgain() {
    OpenSipsHealth health = new OpenSipsHealth(OpenSipsHealth.Settings.LOAD_BALANCER);
    health.probe(T0.plusSeconds(1), A, false);
    health.probe(T0.plusSeconds(3), A, true);
    LoadBalancerReplay r = new LoadBalancerReplay(group("pstn=10", "pstn=10"), List.of("pstn"), LbFlags.NONE, health,
        0);
    assertEquals(A, r.next(call(0, 0, 1)).predicted());
    assertEquals(B, r.next(call(1, 2, 10)).predicted(), "A disabled at 1 s");
    assertEquals(A, r.next(call(2, 4, 10)).predicted(), "A enabled again at 3 s: 10 free vs 9");
  }

  @Test
  void randomTieBreaksAreSpreadAndRepeatableUnderTheSeed() {
    List<LbDestination> g = group("pstn=1000", "pstn=1000", "pstn=1000");
    List<String> first = new ArrayList<>();
    LoadBalancerReplay r = lb(g, "pstn", "s");
    for (int i = 0; i < 300; i++) {
      first.add(r.next(call(i, i, i)).predicted());   // each call ends as the next arrives: every pick is a 3-way tie
    }
    LoadBalancerReplay again = lb(g, "pstn", "s");
    for (int i = 0; i < 300; i++) {
      assertEquals(first.get(i), again.next(call(i, i, i)).predicted());
    }
    for (String d : List.of(A, B, C)) {
      long n = first.stream().filter(d::equals).count();
      assertTrue(n > 60 && n < 140, d + " " + n + " of 300 (expected about 100)");
    }
  }
}
