package io.sipaudit.simulate;

/**
 * glibc's {@code srand(seed)} / {@code rand()} (the default TYPE_3 additive generator, {@code RAND_MAX} 2^31 − 1),
 * which Kamailio's {@code kam_rand()} is on Linux. Used for the seeded modes of algorithm 6 and of the weight-table
 * shuffles of 9 and 11.
 *
 * <p>A real Kamailio seeds each process from /dev/urandom, pid and time, so no seed reproduces a real server; a seed
 * makes a replay repeatable and Kamailio-like. Example: seed 1 gives 1804289383, 846930886, 1681692777, ...
 */
public final class GlibcRandom {
  private final int[] r = new int[34];
  private int k;   // the index of the next output, in the r[i] numbering of the glibc recurrence

  /** Seeds as {@code srand(seed)}: the seed is taken as an unsigned 32-bit number, and 0 counts as 1. */
  public GlibcRandom(long seed) {
    int s = (int) seed;
    if (s == 0) {
      s = 1;
    }
    int[] init = new int[34];
    init[0] = s;
    for (int i = 1; i < 31; i++) {
      // 16807 * r[i-1] mod (2^31 - 1), on the signed value, as glibc's srandom_r does (Schrage's method)
      long v = (16807L * init[i - 1]) % 2147483647L;
      if (v < 0) {
        v += 2147483647L;
      }
      init[i] = (int) v;
    }
    for (int i = 31; i < 34; i++) {
      init[i] = init[i - 31];
    }
    System.arraycopy(init, 0, r, 0, 34);
    k = 34;
    for (int i = 0; i < 310; i++) {   // outputs r[34..343] are discarded
      step();
    }
  }

  private int step() {
    // r[k] = r[k-31] + r[k-3] (mod 2^32), kept in a ring of 34
    int v = r[(k - 31) % 34] + r[(k - 3) % 34];
    r[k % 34] = v;
    k++;
    return v;
  }

  /** Returns the next {@code rand()}: 0 .. 2^31 − 1. */
  public int next() {
    return step() >>> 1;
  }

  /** Kamailio's {@code shuffle_uint100array()}: a forward Fisher–Yates with exactly 100 calls to rand(). */
  public void shuffle100(int[] table) {
    if (table.length != 100) {
      throw new IllegalArgumentException("the weight table has 100 slots, not " + table.length);
    }
    for (int j = 0; j < 100; j++) {
      int k = j + next() % (100 - j);
      int t = table[j];
      table[j] = table[k];
      table[k] = t;
    }
  }
}
