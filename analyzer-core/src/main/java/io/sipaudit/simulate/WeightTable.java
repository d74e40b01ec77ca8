package io.sipaudit.simulate;

import io.sipaudit.config.Destination;
import java.util.List;

/**
 * The 100-slot tables of Kamailio's weight algorithms, as built at load time (before the shuffle). The order
 * of the slots is random per load, but their counts are exact: every 100 consecutive selections give each
 * destination exactly its slots (while the set's states do not change).
 *
 * <p>Alg 9 ({@code dp_init_weights}): only when index 0 has a weight; walking from index 0, each destination
 * takes {@code weight} slots until 100 are full; any slots left go to the last index. Example: weights 50, 30,
 * 20 give 50/30/20; 70, 20 and an unweighted third give 70/20/10.
 *
 * <p>Alg 11 ({@code dp_init_relative_weights}): over usable destinations with {@code rweight}, each takes
 * {@code rweight * 100 / sum} slots (integer division); the rest go to the last destination that got slots.
 * Example: 1, 2, 3, 4 give 10/20/30/40; three times 1 give 33/33/34.
 */
public final class WeightTable {
  private WeightTable() {
  }

  /** Returns the slots per set index (summing to 100) for algorithm 9 or 11. */
  public static int[] slots(List<Destination> set, int alg) {
    int n = set.size();
    int[] slots = new int[n];
    if (alg == 9) {
      if (set.get(0).percentAttr("weight") == 0) {
        slots[0] = 100;   // no table is built: the all-zero table always points at index 0
        return slots;
      }
      int t = 0;
      for (int j = 0; j < n && t < 100; j++) {
        int w = Math.min(set.get(j).percentAttr("weight"), 100 - t);
        slots[j] += w;
        t += w;
      }
      slots[n - 1] += 100 - t;
      return slots;
    }
    if (alg == 11) {
      return relativeSlots(set, i -> set.get(i).skippedAtLoad());
    }
    throw new IllegalArgumentException("algorithm " + alg + " has no weight table (expected: 9 or 11)");
  }

  /** Alg 11's slots with the destinations that {@code skipped} says are inactive or disabled left out. */
  public static int[] relativeSlots(List<Destination> set, java.util.function.IntPredicate skipped) {
    int n = set.size();
    int[] slots = new int[n];
    int sum = 0;
    for (int j = 0; j < n; j++) {
      sum += skipped.test(j) ? 0 : set.get(j).percentAttr("rweight");
    }
    if (sum == 0 || n < 2) {
      slots[0] = 100;
      return slots;
    }
    int t = 0;
    int last = n - 1;
    for (int j = 0; j < n; j++) {
      if (skipped.test(j)) {
        continue;
      }
      int k = set.get(j).percentAttr("rweight") * 100 / sum;
      if (k > 0) {
        slots[j] += k;
        t += k;
        last = j;
      }
    }
    slots[last] += 100 - t;
    return slots;
  }

  /** Returns the table before the shuffle: each index repeated as many times as it has slots, in index order. */
  public static int[] expand(int[] slots) {
    int[] table = new int[100];
    int t = 0;
    for (int j = 0; j < slots.length; j++) {
      for (int k = 0; k < slots[j] && t < 100; k++) {
        table[t++] = j;
      }
    }
    return table;
  }
}
