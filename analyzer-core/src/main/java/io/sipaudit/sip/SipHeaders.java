package io.sipaudit.sip;

import io.sipaudit.sip.header.HeaderLists;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The header lines of one message as an index into its bytes: nothing is decoded until asked for.
 *
 * <p>Example: for {@code "i: a84b4c76e66710\r\nSubject: lunch\r\n  at noon\r\n"}, {@code get("Call-ID")} returns
 * {@code "a84b4c76e66710"} (compact form found by its full name, any case) and {@code get("subject")} returns the
 * unfolded {@code "lunch at noon"} (RFC 3261 §7.3.1).
 *
 * <pre>message-header = field-name HCOLON field-value CRLF
 * field-value = *( TEXT-UTF8char / UTF8-CONT / LWS )</pre>
 *
 * <p>Immutable and thread-safe, given that nobody changes the underlying bytes.
 */
public final class SipHeaders {
  /** Ints per header in {@link #index}: name start, id << 16 | name length, value start, value end. */
  static final int STRIDE = 4;

  private final byte[] buf;
  private final int[] index;
  private final int count;

  SipHeaders(byte[] buf, int[] index, int count) {
    this.buf = buf;
    this.index = index;
    this.count = count;
  }

  /** Returns the number of header lines (a folded header counts once). */
  public int size() {
    return count;
  }

  /** Returns the name of header {@code i} as written, e.g. {@code "v"} or {@code "VIA"}. */
  public String name(int i) {
    int start = index[i * STRIDE];
    return Ascii.string(buf, start, start + (index[i * STRIDE + 1] & 0xffff));
  }

  /** Returns the value of header {@code i}, trimmed and unfolded. */
  public String value(int i) {
    return unfold(valueStart(i), valueEnd(i));
  }

  /** Returns the first value of the named header (full or compact name, any case), or null. */
  public @Nullable String get(String name) {
    int i = find(name, 0);
    return i < 0 ? null : value(i);
  }

  /** Returns whether the named header is present. */
  public boolean contains(String name) {
    return find(name, 0) >= 0;
  }

  /** Returns the value of each header line with this name, in order; one entry per line, commas not split. */
  public List<String> getAll(String name) {
    List<String> values = new ArrayList<>(2);
    for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
      values.add(value(i));
    }
    return values;
  }

  /**
   * Returns the elements of a list header across all its lines: {@code Route: <a>, <b>} and {@code Route: <c>} give
   * {@code [<a>, <b>, <c>]}. Commas inside quotes, {@code <>} and {@code []} do not split. Use only for headers whose
   * grammar is a comma list (not for e.g. Date, User-Agent or WWW-Authenticate).
   */
  public List<String> values(String name) {
    List<String> values = new ArrayList<>(2);
    for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
      int end = valueEnd(i);
      for (int p = valueStart(i); p <= end; ) {
        int q = HeaderLists.elementEnd(buf, p, end);
        if (!HeaderLists.isBlank(buf, p, q)) {
          values.add(unfold(p, q));
        }
        p = q + 1;
      }
    }
    return values;
  }

  /** Returns the index of the first header at or after {@code from} with this name, or -1. */
  int find(String name, int from) {
    int id = HeaderName.idOf(name);
    if (id != HeaderName.UNKNOWN) {
      return find(id, from);
    }
    for (int i = from; i < count; i++) {
      int start = index[i * STRIDE];
      int meta = index[i * STRIDE + 1];
      if ((meta >>> 16) == HeaderName.UNKNOWN && (meta & 0xffff) == name.length()
          && regionMatchesIgnoreCase(start, name)) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the index of the first header at or after {@code from} with this id, or -1. */
  int find(int id, int from) {
    for (int i = from; i < count; i++) {
      if ((index[i * STRIDE + 1] >>> 16) == id) {
        return i;
      }
    }
    return -1;
  }

  int valueStart(int i) {
    return index[i * STRIDE + 2];
  }

  int valueEnd(int i) {
    return index[i * STRIDE + 3];
  }

  byte[] bytes() {
    return buf;
  }

  private boolean regionMatchesIgnoreCase(int start, String name) {
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (Ascii.lower(buf[start + k]) != (c >= 'A' && c <= 'Z' ? c + 32 : c)) {
        return false;
      }
    }
    return true;
  }

  /** Decodes {@code buf[start, end)}, trimmed, with each line break and its surrounding whitespace made one SP. */
  String unfold(int start, int end) {
    while (start < end && isLws(buf[start])) {
      start++;
    }
    while (end > start && isLws(buf[end - 1])) {
      end--;
    }
    int firstBreak = -1;
    for (int i = start; i < end && firstBreak < 0; i++) {
      if (buf[i] == Ascii.CR || buf[i] == Ascii.LF) {
        firstBreak = i;
      }
    }
    if (firstBreak < 0) {
      return Ascii.string(buf, start, end);
    }
    byte[] out = new byte[end - start];
    int n = 0;
    for (int i = start; i < end; ) {
      if (buf[i] == Ascii.CR || buf[i] == Ascii.LF) {
        while (n > 0 && Ascii.isWhitespace(out[n - 1])) {
          n--;
        }
        while (i < end && isLws(buf[i])) {
          i++;
        }
        out[n++] = Ascii.SP;
      } else {
        out[n++] = buf[i++];
      }
    }
    return Ascii.string(out, 0, n);
  }

  private static boolean isLws(byte b) {
    return b == Ascii.SP || b == Ascii.HTAB || b == Ascii.CR || b == Ascii.LF;
  }
}
