package io.sipaudit.simulate.srv;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The draw every SRV implementation makes within one priority: the running sums S_1 ≤ … ≤ S_m of the weights in the
 * pool's order, an integer r drawn uniformly from {@code lo..hi}, and the first record with S_i ≥ r (or S_i > r when
 * {@code strict}). Implementations differ only in the pool order and the range (RFC 2782: 0..W, ≥; Kamailio: 1..W,
 * ≥; OpenSIPS: 0..W−1, ≥; reSIProcate: 0..W−1, &gt;), which is where their biases come from.
 *
 * <p>Example: weights [1, 1] with 0..W (RFC 2782): r ∈ {0, 1, 2}; the first record takes r = 0 and 1, the second
 * r = 2, so the shares are 2/3 and 1/3 ({@link #shares}).
 */
final class WeightedDraw {
  private WeightedDraw() {}

  /** Returns the index picked for {@code r}, or the last index when no running sum reaches it. */
  static int pick(List<SrvTarget> pool, long r, boolean strict) {
    long sum = 0;
    for (int i = 0; i < pool.size(); i++) {
      sum += pool.get(i).weight();
      if (strict ? sum > r : sum >= r) {
        return i;
      }
    }
    return pool.size() - 1;
  }

  /** Draws r from {@code lo..hi} and returns the index picked. */
  static int draw(List<SrvTarget> pool, long lo, long hi, boolean strict, RandomGenerator random) {
    long r = hi <= lo ? lo : lo + random.nextLong(hi - lo + 1);
    return pick(pool, r, strict);
  }

  /** Returns each index's exact probability when r is uniform over {@code lo..hi}. */
  static double[] shares(List<SrvTarget> pool, long lo, long hi, boolean strict) {
    double[] p = new double[pool.size()];
    if (pool.isEmpty()) {
      return p;
    }
    long count = Math.max(hi - lo + 1, 1);
    long prev = lo - 1;   // the largest r already taken by earlier records
    long sum = 0;
    for (int i = 0; i < pool.size(); i++) {
      sum += pool.get(i).weight();
      long top = i == pool.size() - 1 ? Math.max(hi, lo) : Math.min(strict ? sum - 1 : sum, Math.max(hi, lo));
      if (top > prev) {
        p[i] = (double) (top - prev) / count;
        prev = top;
      }
    }
    return p;
  }

  /** Returns the sum of the weights. */
  static long total(List<SrvTarget> pool) {
    long w = 0;
    for (SrvTarget t : pool) {
      w += t.weight();
    }
    return w;
  }
}
