package io.sipaudit.simulate;

/**
 * Kamailio 5.6's latency statistics of one destination ({@code latency_stats_update()}), which algorithm 13 reads:
 * a Welford mean and deviation, and an estimate that is the mean for the first 10 samples and then an exponential
 * moving average {@code est = est * 0.9 + x * 0.1} ({@code ds_latency_estimator_alpha} 900). Averages are binary32
 * floats as in Kamailio. A {@code latency=N} attribute starts the estimate at N with the count at 10000 (trained).
 *
 * <p>Example: samples 20, 40 ms give estimate 30 (the mean); ten samples of 20 then one of 120 give 20 * 0.9 +
 * 120 * 0.1 = 30.
 */
public final class LatencyStats {
  private static final int COUNT_CAP = 1 << 21;
  private int count;
  private float average;
  private float stdev;
  private float estimate;
  private double m2;
  private int timeouts;
  private final float alpha;

  /** Fresh statistics; {@code staticLatency} is the {@code latency=} attribute, or 0. */
  public LatencyStats(int staticLatency, int alphaPerMille) {
    this.alpha = alphaPerMille / 1000f;
    if (staticLatency > 0) {
      estimate = staticLatency;
      count = 10000;
    }
  }

  /** Adds one ping's round trip in whole milliseconds (any reply but tm's 408). */
  public void sample(int ms) {
    if (count < COUNT_CAP) {
      count++;
    } else {
      m2 -= m2 / count;
    }
    if (count == 1) {
      average = ms;
      estimate = ms;
      stdev = 0;
      m2 = 0;
      return;
    }
    if (count > 10 && count < 10000 && stdev < 0.5f) {
      count = 10000;   // "trained"
    }
    float delta = ms - average;
    average += delta / count;
    m2 += delta * (ms - average);
    stdev = (float) Math.sqrt(m2 / (count - 1));
    estimate = count < 10 ? average : estimate * alpha + ms * (1 - alpha);
  }

  /** Counts a ping that timed out (408): no sample. */
  public void timeout() {
    timeouts++;
  }

  public float estimate() {
    return estimate;
  }

  public float average() {
    return average;
  }

  public int count() {
    return count;
  }

  public int timeouts() {
    return timeouts;
  }
}
