package io.sipaudit.audit;

import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against expected ones (Apache Commons
 * Statistics), plus the plain numbers people read: the largest share deviation and the max/min ratio.
 *
 * <p>Example: observed {@code [63, 25, 12]} against expected {@code [60, 30, 10]} (SRV weights 60/30/10 over 100
 * calls): chi-square 1.38 with 2 degrees of freedom, p = 0.50, largest deviation 5 points: consistent.
 * Categories expected and observed empty are left out; a category observed but expected empty makes p = 0.
 */
public final class GoodnessOfFit {
  private GoodnessOfFit() {}

  /**
   * The result.
   *
   * @param calls the observed total
   * @param chiSquare the statistic
   * @param degreesOfFreedom categories used minus one
   * @param pValue the probability of a deviation at least this large by chance (1 with fewer than two categories)
   * @param maxDeviation the largest |observed share − expected share|, in share (0.05 = 5 points)
   * @param worst the index of the category with that deviation, or -1
   * @param maxMinRatio the largest observed count over the smallest among categories expected to get calls
   *     (infinite when one got none)
   */
  public record Fit(long calls, double chiSquare, int degreesOfFreedom, double pValue, double maxDeviation, int worst,
      double maxMinRatio) {}

  /** Tests {@code observed} against {@code expected} (any scale: shares or counts; rescaled to the total). */
  public static Fit test(double[] expected, long[] observed) {
    if (expected.length != observed.length) {
      throw new IllegalArgumentException("expected " + expected.length + " categories, observed " + observed.length);
    }
    long n = 0;
    double e = 0;
    for (int i = 0; i < observed.length; i++) {
      n += observed[i];
      e += expected[i];
    }
    double maxDev = 0;
    int worst = -1;
    long max = Long.MIN_VALUE;
    long min = Long.MAX_VALUE;
    int used = 0;
    boolean impossible = false;
    for (int i = 0; i < observed.length; i++) {
      double share = e > 0 ? expected[i] / e : 0;
      double got = n > 0 ? (double) observed[i] / n : 0;
      if (Math.abs(got - share) > maxDev) {
        maxDev = Math.abs(got - share);
        worst = i;
      }
      if (expected[i] > 0) {
        used++;
        max = Math.max(max, observed[i]);
        min = Math.min(min, observed[i]);
      } else if (observed[i] > 0) {
        impossible = true;
      }
    }
    double ratio = used == 0 ? 1 : (min == 0 ? (max == 0 ? 1 : Double.POSITIVE_INFINITY) : (double) max / min);
    if (n == 0 || e <= 0) {
      return new Fit(n, 0, 0, 1, 0, -1, 1);
    }
    if (impossible) {
      return new Fit(n, Double.POSITIVE_INFINITY, Math.max(used - 1, 0), 0, maxDev, worst, ratio);
    }
    if (used < 2) {
      return new Fit(n, 0, 0, 1, maxDev, worst, ratio);
    }
    double[] exp = new double[used];
    long[] obs = new long[used];
    int j = 0;
    for (int i = 0; i < observed.length; i++) {
      if (expected[i] > 0) {
        exp[j] = expected[i] / e * n;
        obs[j++] = observed[i];
      }
    }
    SignificanceResult r = ChiSquareTest.withDefaults().test(exp, obs);
    return new Fit(n, r.getStatistic(), used - 1, r.getPValue(), maxDev, worst, ratio);
  }
}
