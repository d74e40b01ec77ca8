package io.sipaudit.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.Endpoint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class GoodnessOfFitTest {

  @Test
  void srvWeightsSixtyThirtyTenFitAHundredCallsSplitSixtyThreeTwentyFiveTwelve() {
    GoodnessOfFit.Fit f = GoodnessOfFit.test(new double[] {60, 30, 10}, new long[] {63, 25, 12});
    double x = 9.0 / 60 + 25.0 / 30 + 4.0 / 10;   // Pearson's sum of (o - e)^2 / e
    assertEquals(x, f.chiSquare(), 1e-9);
    assertEquals(2, f.degreesOfFreedom());
    assertEquals(Math.exp(-x / 2), f.pValue(), 1e-9, "with 2 degrees of freedom p = exp(-x/2)");
    assertEquals(0.05, f.maxDeviation(), 1e-9);
    assertEquals(1, f.worst());
  }

  @Test
  void expectedSharesAreRescaledToTheObservedTotal() {
    GoodnessOfFit.Fit shares = GoodnessOfFit.test(new double[] {0.5, 0.5}, new long[] {70, 30});
    GoodnessOfFit.Fit counts = GoodnessOfFit.test(new double[] {50, 50}, new long[] {70, 30});
    assertEquals(counts.chiSquare(), shares.chiSquare(), 1e-9);
    assertEquals(16.0, counts.chiSquare(), 1e-9);
    assertTrue(counts.pValue() < 1e-4, "p " + counts.pValue());
  }

  @Test
  void callsOnABackendExpectedToGetNoneMakeTheFitImpossible() {
    GoodnessOfFit.Fit f = GoodnessOfFit.test(new double[] {1, 1, 0}, new long[] {10, 10, 1});
    assertEquals(0, f.pValue());
    assertEquals(Double.POSITIVE_INFINITY, f.chiSquare());
  }

  @Test
  void aBackendExpectedToGetCallsThatGotNoneHasAnInfiniteMaxMinRatio() {
    GoodnessOfFit.Fit f = GoodnessOfFit.test(new double[] {1, 1}, new long[] {40, 0});
    assertEquals(Double.POSITIVE_INFINITY, f.maxMinRatio());
    assertTrue(f.pValue() < 1e-9);
  }

  @Test
  void oneCategoryOrNoCallsCannotBeSkewed() {
    assertEquals(1, GoodnessOfFit.test(new double[] {1, 0}, new long[] {25, 0}).pValue());
    assertEquals(1, GoodnessOfFit.test(new double[] {1, 1}, new long[] {0, 0}).pValue());
  }

  @Test
  void srvSelectionUsesTheLowestPriorityWithABackendUpSharedByWeight() {
    Endpoint a = Endpoint.parse("10.0.0.1:5060");
    Endpoint b = Endpoint.parse("10.0.0.2:5060");
    Endpoint backup = Endpoint.parse("10.0.0.3:5060");
    Expectation.Weighted w = new Expectation.Weighted("zone", List.of(new Expectation.Share(a, 10, 60, "a"),
        new Expectation.Share(b, 10, 20, "b"), new Expectation.Share(backup, 20, 0, "backup")), true);
    List<Endpoint> pool = List.of(a, b, backup);
    assertArrayEquals(new double[] {0.75, 0.25, 0}, w.shares(pool, Set.of(a, b, backup)), 1e-9);
    assertArrayEquals(new double[] {0, 1, 0}, w.shares(pool, Set.of(b, backup)), 1e-9);
    assertArrayEquals(new double[] {0, 0, 1}, w.shares(pool, Set.of(backup)), 1e-9, "weight 0 alone takes all");
    assertArrayEquals(new double[] {0, 0, 0}, w.shares(pool, Set.of()), 1e-9);
  }
}
