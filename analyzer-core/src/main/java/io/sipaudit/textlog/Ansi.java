package io.sipaudit.textlog;

/**
 * Removes ANSI terminal escape sequences, as opensips-cli and fs_cli print them around every trace line.
 *
 * <p>Example: {@code "\u001b[1;34m1718000000.5123\u001b[0m\u001b[1;36m UDP/SIP ..."} becomes
 * {@code "1718000000.5123 UDP/SIP ..."}. Handles CSI ({@code ESC [ params final}), OSC ({@code ESC ] ... BEL})
 * and two-byte escapes.
 */
final class Ansi {
  private static final char ESC = 0x1b;

  private Ansi() {}

  /** Returns {@code s} without escape sequences; the same instance when it has none. */
  static String strip(String s) {
    int esc = s.indexOf(ESC);
    if (esc < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, esc);
    int i = esc;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ESC) {
        out.append(c);
        i++;
      } else {
        i = skip(s, i + 1);
      }
    }
    return out.toString();
  }

  /** Returns the index after the escape sequence whose introducer ESC was just before {@code i}. */
  private static int skip(String s, int i) {
    if (i >= s.length()) {
      return i;
    }
    char kind = s.charAt(i);
    if (kind == '[') {
      int j = i + 1;
      while (j < s.length() && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x3f) {
        j++;   // parameter and intermediate bytes
      }
      return j < s.length() ? j + 1 : j;   // the final byte
    }
    if (kind == ']') {
      int bel = s.indexOf('\u0007', i);
      int st = s.indexOf(ESC + "\\", i);
      int end = bel < 0 ? st : st < 0 ? bel : Math.min(bel, st);
      return end < 0 ? s.length() : end + (end == st ? 2 : 1);
    }
    return i + 1;
  }
}
