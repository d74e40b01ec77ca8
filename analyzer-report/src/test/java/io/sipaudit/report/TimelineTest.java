package io.sipaudit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final Endpoint A = Endpoint.parse("10.0.0.1:5060");
  private static final Endpoint B = Endpoint.parse("10.0.0.2:5060");

  private static TreeMap<Long, Integer> series(long... secondValue) {
    TreeMap<Long, Integer> m = new TreeMap<>();
    for (int i = 0; i < secondValue.length; i += 2) {
      m.put(secondValue[i], (int) secondValue[i + 1]);
    }
    return m;
  }

  @Test
  void shortCapturesGetOneSecondBucketsAndLongOnesAtMostTheMaximum() {
    assertEquals(1, Timeline.bucketFor(12));
    assertEquals(1, Timeline.bucketFor(240));
    assertEquals(2, Timeline.bucketFor(241));
    assertEquals(60, Timeline.bucketFor(3 * 3600));
    for (long s : new long[] {1, 59, 1000, 86_400, 30L * 86_400, 400L * 86_400}) {
      assertTrue((s + Timeline.bucketFor(s) - 1) / Timeline.bucketFor(s) <= Timeline.MAX_BUCKETS, "span " + s);
    }
  }

  @Test
  void picksAreSummedPerBucketAndBackendsWithoutCallsGetZeros() {
    Timeline t = Timeline.of(Instant.ofEpochSecond(1000), Instant.ofEpochSecond(1004), List.of(B, A),
        Map.of(A, series(1000, 2, 1001, 1, 1004, 5)), Map.of(), Map.of());
    assertEquals(List.of(A, B), t.backends());
    assertEquals(1, t.bucketSeconds());
    assertArrayEquals(new int[] {2, 1, 0, 0, 5}, t.picks().get(A));
    assertArrayEquals(new int[5], t.picks().get(B));
  }

  @Test
  void concurrencyIsThePeakLevelInEachBucketCarriedAcrossQuietBuckets() {
    // one call answered at 1000 ending in 1002 (-1 at 1003); another from 1001 to 1005 (-1 at 1006)
    Timeline t = Timeline.of(Instant.ofEpochSecond(1000), Instant.ofEpochSecond(1006), List.of(A), Map.of(),
        Map.of(A, series(1000, 1, 1001, 1, 1003, -1, 1006, -1)), Map.of());
    assertArrayEquals(new int[] {1, 2, 2, 1, 1, 1, 0}, t.concurrent().get(A));
  }

  @Test
  void aLongCaptureIsBucketedAndBucketsStartOnTheirBoundary() {
    long from = 1_000_017;
    Timeline t = Timeline.of(Instant.ofEpochSecond(from), Instant.ofEpochSecond(from + 3 * 3600), List.of(A),
        Map.of(A, series(from, 1, from + 59, 1, from + 3 * 3600, 7)), Map.of(), Map.of(A, series(from + 30, 3)));
    assertEquals(60, t.bucketSeconds());
    assertEquals(0, t.start() % 60);
    assertTrue(t.buckets() <= Timeline.MAX_BUCKETS);
    assertEquals(9, java.util.Arrays.stream(t.picks().get(A)).sum());
    assertEquals(7, t.picks().get(A)[t.buckets() - 1]);
    assertEquals(3, t.failedProbes().get(A)[(int) ((from + 30 - t.start()) / 60)]);
  }
}
