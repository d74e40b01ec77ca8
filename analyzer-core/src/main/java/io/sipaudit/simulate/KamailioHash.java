package io.sipaudit.simulate;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Kamailio 5.6's dispatcher hash ({@code ds_get_hash}, dispatch.c): two keys mixed one after the other, four
 * bytes at a time with the leftover bytes as one more word, then folded; 0 becomes 1. Bytes are signed, as C
 * {@code char} is on x86-64 Debian builds. Example: {@code hash("abc", null)} is 7167810, so with 3
 * destinations alg 0 picks index 7167810 % 3 = 0. Checked against {@code kamcmd dispatcher.hash} vectors.
 */
public final class KamailioHash {
  private KamailioHash() {
  }

  /** Returns the unsigned 32-bit hash of one or two keys (null = absent; "" and null give the same result). */
  public static long hash(@Nullable String key1, @Nullable String key2) {
    if (key1 == null && key2 == null) {
      return 0;
    }
    int h = 0;
    if (key1 != null) {
      h = mix(key1.getBytes(StandardCharsets.UTF_8), h);
    }
    if (key2 != null) {
      h = mix(key2.getBytes(StandardCharsets.UTF_8), h);
    }
    return fold(h);
  }

  /**
   * Returns the hash of one key, {@code s[from, to)}, without copying it, or −1 when the range holds a character
   * outside US-ASCII (the caller then hashes the UTF-8 bytes with {@link #hash}). Same result as
   * {@code hash(s.substring(from, to), null)}.
   */
  public static long hashAscii(CharSequence s, int from, int to) {
    int h = 0;
    int v = 0;
    int k = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return -1;
      }
      v = (v << 8) + c;
      if (++k == 4) {
        h += v ^ (v >>> 3);
        v = 0;
        k = 0;
      }
    }
    h += v ^ (v >>> 3);
    return fold(h);
  }

  /** Returns {@code hash(s.strip(), null)}, without copying when {@code s} is US-ASCII. */
  public static long hashStripped(String s) {
    int b = stripStart(s, 0, s.length());
    int e = stripEnd(s, b, s.length());
    long h = hashAscii(s, b, e);
    return h >= 0 ? h : hash(s.strip(), null);
  }

  /** Returns the first index in {@code [b, e)} of {@code s} that is not whitespace, or {@code e}. */
  static int stripStart(CharSequence s, int b, int e) {
    while (b < e && Character.isWhitespace(s.charAt(b))) {
      b++;
    }
    return b;
  }

  /** Returns the end of {@code [b, e)} of {@code s} without its trailing whitespace. */
  static int stripEnd(CharSequence s, int b, int e) {
    while (e > b && Character.isWhitespace(s.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  /** Folds the mixed keys as {@code ds_get_hash} does; 0 becomes 1. */
  static long fold(int h) {
    h = (h + (h >>> 11)) + ((h >>> 13) + (h >>> 23));
    if (h == 0) {
      h = 1;
    }
    return h & 0xFFFFFFFFL;
  }

  private static int mix(byte[] s, int h) {
    int p = 0;
    int n = s.length;
    int v;
    for (; p <= n - 4; p += 4) {
      v = (s[p] << 24) + (s[p + 1] << 16) + (s[p + 2] << 8) + s[p + 3];
      h += v ^ (v >>> 3);
    }
    v = 0;
    for (; p < n; p++) {
      v = (v << 8) + s[p];
    }
    h += v ^ (v >>> 3);
    return h;
  }
}
