package io.sipaudit.attribution;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Percentiles of a latency in milliseconds, from an HdrHistogram (1 ms to 1 hour, 3 significant digits, so a
 * value is exact to 0.1 %). Example: {@code p50=1502 p95=1511 max=1520 n=8}.
 *
 * @param count how many values
 * @param p50 median, or null when there were none
 * @param p95 95th percentile, or null
 * @param max largest, or null
 */
public record Percentiles(long count, @Nullable Long p50, @Nullable Long p95, @Nullable Long max) {

  /** Returns the percentiles recorded in {@code h}. */
  static Percentiles of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new Percentiles(0, null, null, null);
    }
    // the lowest value of each bucket, so that recorded values come back as they were (within 0.1 %)
    return new Percentiles(h.getTotalCount(), h.lowestEquivalentValue(h.getValueAtPercentile(50)),
        h.lowestEquivalentValue(h.getValueAtPercentile(95)), h.lowestEquivalentValue(h.getMaxValue()));
  }

  static Histogram newHistogram() {
    return new Histogram(3_600_000L, 3);
  }

  static void record(Histogram h, @Nullable Long millis) {
    if (millis != null) {
      h.recordValue(Math.max(0, Math.min(millis, 3_600_000L)));
    }
  }
}
