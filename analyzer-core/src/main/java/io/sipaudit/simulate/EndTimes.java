package io.sipaudit.simulate;

import java.time.Instant;
import java.util.Arrays;

/**
 * When the calls a replay holds end: a binary min-heap of end times (kept as seconds and nanoseconds, compared
 * exactly) with an index and an item per entry, for the call-load algorithms to release what has ended. Unlike a
 * {@code PriorityQueue} of records it allocates nothing per entry once grown.
 *
 * <p>Example: add(08:00:05, 0, "a"), add(08:00:02, 1, "b"); at 08:00:03 one entry is due: index 1, item "b".
 *
 * @param <T> the item held with each entry (a Call-ID, or nothing)
 */
public final class EndTimes<T> {
  private long[] seconds = new long[16];
  /** The nanosecond of each end in the upper 32 bits, the entry's index in the lower (compared after the second). */
  private long[] nanoIndexes = new long[16];
  private Object[] items = new Object[16];
  private int size;
  private boolean holdsItems;

  /** Adds an entry ending at {@code end}. */
  public void add(Instant end, int index, T item) {
    if (size == seconds.length) {
      int grown = size * 2;
      seconds = Arrays.copyOf(seconds, grown);
      nanoIndexes = Arrays.copyOf(nanoIndexes, grown);
      items = Arrays.copyOf(items, grown);
    }
    if (index < 0) {
      throw new IllegalArgumentException("index " + index + " (expected: 0 or more)");
    }
    long s = end.getEpochSecond();
    long n = (long) end.getNano() << 32 | index;
    holdsItems |= item != null;
    int at = size++;
    while (at > 0) {   // sift up
      int parent = (at - 1) >>> 1;
      if (!before(s, n, seconds[parent], nanoIndexes[parent])) {
        break;
      }
      move(parent, at);
      at = parent;
    }
    set(at, s, n, item);
  }

  /** Returns whether the earliest entry ends at or before {@code t}. */
  public boolean dueBy(Instant t) {
    return size > 0 && !before(t.getEpochSecond(), (long) t.getNano() << 32 | 0xFFFF_FFFFL, seconds[0],
        nanoIndexes[0]);
  }

  /** Returns the earliest entry's index. */
  public int firstIndex() {
    return (int) nanoIndexes[0];
  }

  /** Returns the earliest entry's item. */
  @SuppressWarnings("unchecked")
  public T firstItem() {
    return (T) items[0];
  }

  /** Removes the earliest entry. */
  public void removeFirst() {
    int last = --size;
    long s = seconds[last];
    long n = nanoIndexes[last];
    Object item = items[last];
    items[last] = null;
    int at = 0;
    int half = size >>> 1;
    while (at < half) {   // sift down
      int child = 2 * at + 1;
      int right = child + 1;
      if (right < size && before(seconds[right], nanoIndexes[right], seconds[child], nanoIndexes[child])) {
        child = right;
      }
      if (!before(seconds[child], nanoIndexes[child], s, n)) {
        break;
      }
      move(child, at);
      at = child;
    }
    if (size > 0) {
      set(at, s, n, item);
    }
  }

  /** Returns whether there are no entries. */
  public boolean isEmpty() {
    return size == 0;
  }

  private static boolean before(long s1, long n1, long s2, long n2) {
    return s1 < s2 || (s1 == s2 && n1 < n2);
  }

  private void move(int from, int to) {
    seconds[to] = seconds[from];
    nanoIndexes[to] = nanoIndexes[from];
    if (holdsItems) {
      items[to] = items[from];
    }
  }

  private void set(int at, long s, long n, Object item) {
    seconds[at] = s;
    nanoIndexes[at] = n;
    if (holdsItems) {
      items[at] = item;
    }
  }
}
