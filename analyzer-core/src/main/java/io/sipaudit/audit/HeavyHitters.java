package io.sipaudit.audit;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The most frequent values of a stream in fixed memory: Space-Saving (Metwally, Agrawal and El Abbadi, 2005) with
 * {@code capacity} counters, each also counting the backends its value went to.
 *
 * <p>A value seen more than {@code total / capacity} times is always among the counters; a counter's count
 * overestimates its value's frequency by at most its {@code error}, so {@code count - error} is a lower bound.
 * Example with 2 counters over {@code a a b c a}: {@code a} count 3 error 0, {@code c} count 2 error 1 (it took
 * over {@code b}'s counter).
 */
final class HeavyHitters {
  /**
   * One counted value.
   *
   * @param value the value
   * @param count how often it was seen, at most {@code error} too many
   * @param error how much of {@code count} may belong to values it replaced
   * @param backends the backends of the calls counted since it got its counter
   */
  record Counter(String value, long count, long error, Map<Endpoint, Long> backends) {
    Counter {
      requireNonNull(value, "value");
      backends = java.util.Collections.unmodifiableMap(new TreeMap<>(backends));
    }

    /** Returns how often the value was surely seen. */
    long guaranteed() {
      return count - error;
    }
  }

  private static final class Slot {
    long count;
    long error;
    final Map<Endpoint, Long> backends = new HashMap<>();
  }

  private final int capacity;
  private final Map<String, Slot> slots = new HashMap<>();
  private long total;

  HeavyHitters(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Counts {@code value}, whose call went to {@code backend}. */
  void add(String value, Endpoint backend) {
    total++;
    Slot s = slots.get(value);
    if (s == null) {
      s = new Slot();
      if (slots.size() >= capacity) {
        Map.Entry<String, Slot> min = null;
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
          if (min == null || e.getValue().count < min.getValue().count) {
            min = e;
          }
        }
        slots.remove(min.getKey());
        s.count = min.getValue().count;
        s.error = min.getValue().count;
      }
      slots.put(value, s);
    }
    s.count++;
    s.backends.merge(backend, 1L, Long::sum);
  }

  /** Returns the values counted in all. */
  long total() {
    return total;
  }

  /** Returns the counters, the surest first (by guaranteed count, then count, then value). */
  List<Counter> top() {
    List<Counter> out = new ArrayList<>();
    slots.forEach((v, s) -> out.add(new Counter(v, s.count, s.error, s.backends)));
    out.sort(Comparator.comparingLong(Counter::guaranteed).reversed()
        .thenComparing(Comparator.comparingLong(Counter::count).reversed()).thenComparing(Counter::value));
    return out;
  }
}
