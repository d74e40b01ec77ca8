package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class GlibcRandomTest {
  // Vectors printed by the machine's glibc 2.36 through Python's ctypes:
  //   libc.srand(ctypes.c_uint(s)); [libc.rand() for _ in range(5)]
  @Test
  void seedsGiveTheSameSequencesAsGlibc() {
    assertArrayEquals(new int[] {1804289383, 846930886, 1681692777, 1714636915, 1957747793}, first5(1));
    assertArrayEquals(first5(1), first5(0));   // srand(0) is srand(1)
    assertArrayEquals(new int[] {383100999, 858300821, 357768173, 455528251, 133005921}, first5(12345));
    assertArrayEquals(new int[] {1111130805, 1380198982, 1306113867, 1557021840, 1956528986}, first5(4000000000L));
  }

  @Test
  void theShuffleIsKamailiosForwardFisherYates() {
    // the identity table shuffled with srand(42) and "k = j + rand() % (100 - j)", as computed with glibc's rand()
    int[] t = new int[100];
    for (int i = 0; i < 100; i++) {
      t[i] = i;
    }
    new GlibcRandom(42).shuffle100(t);
    int[] head = java.util.Arrays.copyOf(t, 20);
    assertArrayEquals(new int[] {66, 43, 19, 49, 8, 1, 79, 2, 23, 9, 34, 54, 97, 70, 22, 32, 92, 0, 58, 64}, head);
  }

  private static int[] first5(long seed) {
    GlibcRandom r = new GlibcRandom(seed);
    int[] out = new int[5];
    for (int i = 0; i < 5; i++) {
      out[i] = r.next();
    }
    return out;
  }
}
