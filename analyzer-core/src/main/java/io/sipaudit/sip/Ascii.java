package io.sipaudit.sip;

import io.sipaudit.sip.header.ByteSearch;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers for the framer and the message scanner: character classes of RFC 3261 §25.1 and
 * case-insensitive comparison of ASCII header names.
 *
 * <p>Example: {@code isToken((byte) '-')} is true, {@code isToken((byte) ':')} is false.
 */
public final class Ascii {
  static final byte CR = '\r';
  static final byte LF = '\n';
  static final byte SP = ' ';
  static final byte HTAB = '\t';

  /** {@code token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")}. */
  private static final boolean[] TOKEN = new boolean[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[c - 32] = true;
    }
    for (char c : "-.!%*_+`'~".toCharArray()) {
      TOKEN[c] = true;
    }
  }

  private Ascii() {}

  public static boolean isToken(byte b) {
    return TOKEN[b & 0xff];
  }

  static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  static boolean isWhitespace(byte b) {
    return b == SP || b == HTAB;
  }

  static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }

  /** Returns whether {@code buf[off..]} starts with exactly the ASCII characters of {@code s}. */
  static boolean regionMatches(byte[] buf, int off, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (buf[off + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether {@code buf[off..]} starts with {@code lowerCase}, ignoring the case of ASCII letters. */
  static boolean regionMatchesIgnoreCase(byte[] buf, int off, String lowerCase) {
    for (int i = 0; i < lowerCase.length(); i++) {
      if (lower(buf[off + i]) != lowerCase.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Returns the index of the first LF in {@code [from, to)}, or -1. */
  static int indexOfLf(byte[] buf, int from, int to) {
    return ByteSearch.indexOf(buf, from, to, LF);
  }

  /** Decodes {@code buf[start, end)} as UTF-8 (ASCII in practice, so this is a plain copy). */
  static String string(byte[] buf, int start, int end) {
    return new String(buf, start, end - start, StandardCharsets.UTF_8);
  }

  /** Returns a printable excerpt of at most 20 bytes at {@code off}, for error messages. */
  static String excerpt(byte[] buf, int off, int end) {
    int stop = Math.min(end, off + 20);
    StringBuilder sb = new StringBuilder();
    for (int i = off; i < stop; i++) {
      int c = buf[i] & 0xff;
      if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\x%02x", c));
      } else {
        sb.append((char) c);
      }
    }
    return stop < end ? sb + "..." : sb.toString();
  }
}
