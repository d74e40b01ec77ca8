package io.sipaudit.simulate.srv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.config.SrvSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Expected values come from the team reference opensips-and-srv.md (B1-B4) or are worked out in the comments. */
final class SrvBehaviourTest {
  private static final SrvSetup LB_ON = new SrvSetup(true, true, false, false, 60, 30000);
  private static final SrvSetup LB_OFF = new SrvSetup(false, true, false, false, 60, 30000);
  private static final double EPS = 1e-12;

  /** Targets named t0, t1, ... with (priority, weight) pairs, in arrival order. */
  private static List<SrvTarget> targets(int... pw) {
    List<SrvTarget> out = new ArrayList<>();
    for (int i = 0; i < pw.length; i += 2) {
      int n = i / 2;
      out.add(new SrvTarget(pw[i], pw[i + 1], "t" + n, List.of("10.0.0." + n + ":5060"), 60, n));
    }
    return out;
  }

  private static List<String> names(List<SrvTarget> order) {
    return order.stream().map(SrvTarget::target).toList();
  }

  @Test
  void kamailioWithoutSrvLbAlwaysTakesTheFirstRecordByPriorityThenWeight() {
    // the lab's zone: 10 50 a, 10 20 b, 20 100 c (B3: priority ascending, weight descending)
    List<SrvTarget> t = targets(10, 20, 20, 100, 10, 50);
    SrvOrdering o = SrvBehaviour.KAMAILIO.ordering(LB_OFF);
    assertEquals(List.of("t2", "t0", "t1"), names(o.order(t, new SplittableRandom(1))));
    assertArrayEquals(new double[] {0, 0, 1}, o.firstShares(t), EPS);
  }

  @Test
  void kamailioSrvLbWithoutDnsFailoverIsStillTheFixedOrder() {
    SrvSetup lbOnly = new SrvSetup(true, false, false, false, 60, 30000);
    assertTrue(!SrvBehaviour.KAMAILIO.ordering(lbOnly).random());
    assertTrue(SrvBehaviour.KAMAILIO.ordering(LB_ON).random());
  }

  @Test
  void kamailioSrvLbSharesAreWeightOverSumAndTheLowerPriorityGetsNothingFirst() {
    // the lab's pool.lab: 10 60, 10 30, 10 10, 20 0
    List<SrvTarget> t = targets(10, 60, 10, 30, 10, 10, 20, 0);
    assertArrayEquals(new double[] {0.6, 0.3, 0.1, 0}, SrvBehaviour.KAMAILIO.ordering(LB_ON).firstShares(t), EPS);
  }

  @Test
  void kamailioGivesAZeroWeightRecordOneChanceIn1001TimesWeightTakenFromTheFirstRecord() {
    // {50, 0}: r in 1..50, r = 1 (1/50) and fastrand_max(1000) == 0 (1/1001) picks the zero: 1/50050 (B3)
    List<SrvTarget> t = targets(10, 50, 10, 0);
    double zero = 1.0 / (1001 * 50);
    assertArrayEquals(new double[] {1 - zero, zero}, SrvBehaviour.KAMAILIO.ordering(LB_ON).firstShares(t), EPS);
  }

  @Test
  void kamailioKeepsTheLastZeroWeightRecordWhenAllWeightsAreZero() {
    // sum == 0: saved_idx is the last zero-weight record in cache order (equal weights: arrival order)
    List<SrvTarget> t = targets(10, 0, 10, 0, 10, 0);
    assertArrayEquals(new double[] {0, 0, 1}, SrvBehaviour.KAMAILIO.ordering(LB_ON).firstShares(t), EPS);
    assertEquals("t2", SrvBehaviour.KAMAILIO.ordering(LB_ON).order(t, new SplittableRandom(3)).get(0).target());
  }

  @Test
  void rfcAsWrittenGivesTheFirstRecordOneMoreChanceInWPlusOne() {
    // B1: {1,1} -> 2/3, 1/3; {0,1,1} -> 1/3 each; 100 listed before 50 -> 101/151, 50/151
    SrvOrdering rfc = SrvBehaviour.RFC2782.ordering(SrvSetup.DEFAULTS);
    assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, rfc.firstShares(targets(0, 1, 0, 1)), EPS);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, rfc.firstShares(targets(0, 1, 0, 1, 0, 0)), EPS);
    assertArrayEquals(new double[] {101.0 / 151, 50.0 / 151}, rfc.firstShares(targets(0, 100, 0, 50)), EPS);
  }

  @Test
  void openSipsBiasGivesTheLastRecordOneChanceLessInW() {
    // B3b: pool in reverse arrival; {1,1} -> 100 % / 0 %; {1,1,1} -> 2/3, 1/3, 0; {50,50} -> 51 % / 49 %
    SrvOrdering os = SrvBehaviour.OPENSIPS.ordering(SrvSetup.DEFAULTS);
    assertArrayEquals(new double[] {0, 1}, os.firstShares(targets(0, 1, 0, 1)), EPS);
    assertArrayEquals(new double[] {0, 1.0 / 3, 2.0 / 3}, os.firstShares(targets(0, 1, 0, 1, 0, 1)), EPS);
    assertArrayEquals(new double[] {0.49, 0.51}, os.firstShares(targets(0, 50, 0, 50)), EPS);
  }

  @Test
  void resiprocateIsExactlyWeightOverSumAndNeverPicksAZeroWhilePositivesRemain() {
    SrvOrdering r = SrvBehaviour.RESIPROCATE.ordering(SrvSetup.DEFAULTS);
    assertArrayEquals(new double[] {0.6, 0.3, 0.1, 0}, r.firstShares(targets(1, 60, 1, 30, 1, 10, 1, 0)), EPS);
    for (int seed = 0; seed < 200; seed++) {
      List<SrvTarget> order = r.order(targets(1, 60, 1, 30, 1, 10, 1, 0), new SplittableRandom(seed));
      assertEquals("t3", order.get(3).target(), "seed " + seed);
    }
  }

  @Test
  void pjsipsUnstableSelectionSortPutsTheLaterOfTwoEqualPrioritiesFirst() {
    // arrival [10 a, 10 b, 5 c]: i=0 swaps c in -> [c, b, a]; i=1: b and a equal, no swap. So b is first in the
    // draw's order and gets (w+1)/(W+1) = 2/3 with weights 1 and 1.
    SrvOrdering p = SrvBehaviour.PJSIP.ordering(SrvSetup.DEFAULTS);
    List<SrvTarget> t = targets(10, 1, 10, 1, 5, 7);
    assertEquals("t2", p.order(t, new SplittableRandom(1)).get(0).target());
    List<SrvTarget> withoutC = targets(10, 1, 10, 1, 5, 7).subList(0, 2);
    assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, p.firstShares(withoutC), EPS);   // no swap needed here
    List<SrvTarget> lowerFirst = List.of(t.get(0), t.get(1), new SrvTarget(5, 0, "c", List.of("x:1"), 0, 2));
    // first group is c alone; the second group, after the sort, is [b, a]
    List<List<SrvTarget>> groups = ((GroupedOrdering) p).groups(lowerFirst);
    assertEquals(List.of("t1", "t0"), names(groups.get(1)));
  }

  @Test
  void jainSipNeverDrawsAndPrefersTheHeavierRecord() {
    SrvOrdering j = SrvBehaviour.JAIN_SIP.ordering(SrvSetup.DEFAULTS);
    assertEquals(List.of("t1", "t0", "t2"), names(j.order(targets(1, 10, 1, 90, 2, 100), null)));
  }

  @Test
  void weightedDrawsWithoutReplacementGiveTheReferencesSecondPlaceShares() {
    // B1 worked example {60, 30, 10}: second place .324 / .483 / .193 for the unbiased w/W draw (Kamailio lb)
    SrvOrdering o = SrvBehaviour.KAMAILIO.ordering(LB_ON);
    List<SrvTarget> t = targets(1, 60, 1, 30, 1, 10);
    SplittableRandom random = new SplittableRandom(42);
    int n = 200_000;
    int[] first = new int[3];
    int[] second = new int[3];
    for (int i = 0; i < n; i++) {
      List<SrvTarget> order = o.order(t, random);
      first[order.get(0).arrival()]++;
      second[order.get(1).arrival()]++;
    }
    double[] wantFirst = {0.6, 0.3, 0.1};
    double[] wantSecond = {0.324, 0.483, 0.193};
    for (int k = 0; k < 3; k++) {
      // 4 standard deviations of a share estimated from 200,000 draws is at most 0.0045
      assertEquals(wantFirst[k], (double) first[k] / n, 0.0045, "first place of t" + k);
      assertEquals(wantSecond[k], (double) second[k] / n, 0.0045, "second place of t" + k);
    }
  }

  @Test
  void everyBehaviourHasAName() {
    assertEquals(SrvBehaviour.CLIENT_CACHE, SrvBehaviour.parse("Client-Cache"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SrvBehaviour.parse("bind"));
    assertTrue(e.getMessage().contains("kamailio"), e.getMessage());
  }
}
