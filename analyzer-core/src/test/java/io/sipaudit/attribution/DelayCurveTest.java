package io.sipaudit.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

final class DelayCurveTest {

  @Test
  void theCurveHoldsTheValueAtEachWholePercentileFromTheSmallestToTheLargest() {
    Histogram h = Percentiles.newHistogram();
    for (long ms = 1; ms <= 200; ms++) {
      h.recordValue(ms);
    }
    DelayCurve c = DelayCurve.of(h);
    assertEquals(200, c.count());
    assertEquals(101, c.values().size());
    assertEquals(1L, c.values().get(0));
    assertEquals(100L, c.values().get(50));
    assertEquals(190L, c.values().get(95));
    assertEquals(200L, c.values().get(100));
  }

  @Test
  void noSamplesGiveAnEmptyCurve() {
    assertEquals(new DelayCurve(0, List.of()), DelayCurve.of(Percentiles.newHistogram()));
  }
}
