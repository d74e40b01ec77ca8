package io.sipaudit.sip.header;

/**
 * Splits a header value that holds a comma-separated list (RFC 3261 §7.3.1), such as Via, Contact, Route and
 * Record-Route, without splitting inside quoted strings, angle brackets or IPv6 references.
 *
 * <p>Example: {@code "Smith, Bob" <sip:bob@b.example>, <sip:carol@c.example;x=a,b>} holds two elements;
 * the commas in the display name and between {@code <>} do not split.
 */
public final class HeaderLists {
  private HeaderLists() {}

  /** Returns the index of the comma ending the element that starts at {@code from}, or {@code end}. */
  public static int elementEnd(byte[] buf, int from, int end) {
    int comma = ByteSearch.indexOf(buf, from, end, (byte) ',');
    if (comma < 0) {
      return end;
    }
    boolean quoted = false;
    int angle = 0;
    int square = 0;
    for (int i = from; i < end; i++) {
      byte b = buf[i];
      if (quoted) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          quoted = false;
        }
      } else if (b == '"') {
        quoted = true;
      } else if (b == '<') {
        angle++;
      } else if (b == '>' && angle > 0) {
        angle--;
      } else if (b == '[') {
        square++;
      } else if (b == ']' && square > 0) {
        square--;
      } else if (b == ',' && angle == 0 && square == 0) {
        return i;
      }
    }
    return end;
  }

  /** Returns whether {@code buf[from, to)} is only whitespace (an empty list element, which is skipped). */
  public static boolean isBlank(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Cursor.isLws(buf[i])) {
        return false;
      }
    }
    return true;
  }
}
