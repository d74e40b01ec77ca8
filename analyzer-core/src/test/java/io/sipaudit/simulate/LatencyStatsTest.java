package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class LatencyStatsTest {
  @Test
  void theEstimateIsTheMeanForTheFirstTenSamples() {
    LatencyStats l = new LatencyStats(0, 900);
    l.sample(20);
    l.sample(40);
    assertEquals(30f, l.estimate(), 1e-6);
  }

  @Test
  void afterTenSamplesTheEstimateIsAnExponentialAverage() {
    LatencyStats l = new LatencyStats(0, 900);
    for (int i = 0; i < 10; i++) {
      l.sample(20);
    }
    // count 10 -> 11 with stdev 0 < 0.5: "trained" (count 10000); then est = 20 * 0.9 + 120 * 0.1 = 30
    l.sample(120);
    assertEquals(30f, l.estimate(), 1e-4);
  }

  @Test
  void aLatencyAttributeStartsTrained() {
    LatencyStats l = new LatencyStats(91, 900);
    assertEquals(91f, l.estimate());
    l.sample(1);   // 91 * 0.9 + 1 * 0.1 = 82
    assertEquals(82f, l.estimate(), 1e-4);
  }
}
