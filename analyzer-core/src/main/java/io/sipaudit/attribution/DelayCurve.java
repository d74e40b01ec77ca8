package io.sipaudit.attribution;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A latency's distribution as its value at each whole percentile, for a cumulative distribution chart:
 * {@code values.get(k)} is the smallest value (ms) at or below which {@code k} % of the samples lie, for k = 0..100.
 * 101 numbers whatever the number of samples.
 *
 * <p>Example: 8 failed-over calls' setup times give {@code [1442, 1442, ..., 1498]} and {@code count} 8.
 *
 * @param count how many samples
 * @param values 101 values (ms), or none when there were no samples
 */
public record DelayCurve(long count, List<Long> values) {

  public DelayCurve {
    values = List.copyOf(values);
  }

  static DelayCurve of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new DelayCurve(0, List.of());
    }
    Long[] v = new Long[101];
    for (int k = 0; k <= 100; k++) {
      v[k] = h.lowestEquivalentValue(k == 0 ? h.getMinValue() : h.getValueAtPercentile(k));
    }
    return new DelayCurve(h.getTotalCount(), List.of(v));
  }
}
