package io.sipaudit.report;

import io.sipaudit.net.Endpoint;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;

/**
 * Per-backend series over the capture in equal buckets, at most {@link #MAX_BUCKETS} of them whatever the
 * capture's length: first picks, the peak of answered calls in progress, failed probes.
 *
 * <p>Example: a 12 s capture gets 1 s buckets; a 3 h capture gets 60 s buckets (180 of them). {@code picks} of
 * {@code 127.0.1.21:5060} might be {@code [3, 2, 0, 0, 4, ...]}.
 *
 * @param start the first bucket's start (epoch second)
 * @param bucketSeconds each bucket's length
 * @param buckets how many buckets
 * @param backends the backends, in table order
 * @param picks first picks per backend and bucket
 * @param concurrent the most answered calls in progress per backend and bucket
 * @param failedProbes failed probes per backend and bucket
 */
public record Timeline(
    long start,
    int bucketSeconds,
    int buckets,
    List<Endpoint> backends,
    Map<Endpoint, int[]> picks,
    Map<Endpoint, int[]> concurrent,
    Map<Endpoint, int[]> failedProbes) {

  /** The most buckets a series gets. */
  public static final int MAX_BUCKETS = 240;

  private static final int[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600,
      43200, 86400};

  public Timeline {
    backends = List.copyOf(backends);
    picks = Map.copyOf(picks);
    concurrent = Map.copyOf(concurrent);
    failedProbes = Map.copyOf(failedProbes);
  }

  /** Returns the bucket length for a span of {@code seconds}: the shortest step giving at most MAX_BUCKETS. */
  static int bucketFor(long seconds) {
    for (int s : STEPS) {
      if ((seconds + s - 1) / s <= MAX_BUCKETS) {
        return s;
      }
    }
    return (int) Math.max(86400, (seconds + MAX_BUCKETS - 1) / MAX_BUCKETS);
  }

  /** Returns the start of bucket {@code i}. */
  public Instant bucketStart(int i) {
    return Instant.ofEpochSecond(start + (long) i * bucketSeconds);
  }

  /**
   * Buckets per-second series over {@code from..to}.
   *
   * @param backends the backends to keep (others in the maps are ignored)
   * @param picks first picks per backend and epoch second
   * @param concurrencyChanges per backend and epoch second, the change of answered calls in progress
   * @param failedProbes failed probes per backend and epoch second
   */
  public static Timeline of(Instant from, Instant to, Collection<Endpoint> backends,
      Map<Endpoint, ? extends NavigableMap<Long, Integer>> picks,
      Map<Endpoint, ? extends NavigableMap<Long, Integer>> concurrencyChanges,
      Map<Endpoint, ? extends NavigableMap<Long, Integer>> failedProbes) {
    long first = from.getEpochSecond();
    long last = Math.max(first, to.getEpochSecond());
    int bucket = bucketFor(last - first + 1);
    long start = first - Math.floorMod(first, bucket);
    int n = (int) ((last - start) / bucket) + 1;
    List<Endpoint> order = List.copyOf(new TreeSet<>(backends));
    Map<Endpoint, int[]> p = new LinkedHashMap<>();
    Map<Endpoint, int[]> c = new LinkedHashMap<>();
    Map<Endpoint, int[]> f = new LinkedHashMap<>();
    for (Endpoint b : order) {
      p.put(b, sum(picks.get(b), start, bucket, n));
      f.put(b, sum(failedProbes.get(b), start, bucket, n));
      c.put(b, peaks(concurrencyChanges.get(b), start, bucket, n));
    }
    return new Timeline(start, bucket, n, order, p, c, f);
  }

  private static int[] sum(NavigableMap<Long, Integer> perSecond, long start, int bucket, int n) {
    int[] out = new int[n];
    if (perSecond != null) {
      perSecond.forEach((sec, v) -> {
        long i = (sec - start) / bucket;
        if (sec >= start && i < n) {
          out[(int) i] += v;
        }
      });
    }
    return out;
  }

  /** The highest level reached in each bucket, from level changes per second (a level carries into later buckets). */
  private static int[] peaks(NavigableMap<Long, Integer> changes, long start, int bucket, int n) {
    int[] out = new int[n];
    if (changes == null) {
      return out;
    }
    int level = 0;
    for (Map.Entry<Long, Integer> e : changes.headMap(start, false).entrySet()) {
      level += e.getValue();
    }
    var it = changes.tailMap(start, true).entrySet().iterator();
    Map.Entry<Long, Integer> next = it.hasNext() ? it.next() : null;
    for (int i = 0; i < n; i++) {
      long begin = start + (long) i * bucket;
      long end = begin + bucket;
      // the level carried in holds for the bucket's first second unless that second changes it
      int peak = next != null && next.getKey() == begin ? Integer.MIN_VALUE : level;
      while (next != null && next.getKey() < end) {
        level += next.getValue();
        peak = Math.max(peak, level);
        next = it.hasNext() ? it.next() : null;
      }
      out[i] = Math.max(0, peak);
    }
    return out;
  }
}
