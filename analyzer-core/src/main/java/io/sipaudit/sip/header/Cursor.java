package io.sipaudit.sip.header;

import io.sipaudit.sip.Ascii;
import io.sipaudit.sip.SipParseException;
import java.nio.charset.StandardCharsets;

/**
 * A read position in one header value, {@code buf[start, end)}, with one method per basic rule of RFC 3261 §25.1.
 * Errors carry the offset from {@code start}.
 *
 * <p>Example: over {@code "1 INVITE"}, {@code digits()} returns 1, {@code skipLws()} moves past the space and
 * {@code token("Method")} returns {@code "INVITE"}.
 */
final class Cursor {
  final byte[] buf;
  final int start;
  final int end;
  int pos;

  Cursor(byte[] buf, int start, int end) {
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.pos = start;
  }

  static Cursor of(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return new Cursor(bytes, 0, bytes.length);
  }

  static boolean isToken(byte b) {
    return Ascii.isToken(b);
  }

  static boolean isLws(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  /** Returns whether {@code buf[from..]} starts with exactly the ASCII characters of {@code s}. */
  static boolean regionEquals(byte[] buf, int from, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (buf[from + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /** Returns the byte at the position, or 0 at the end. */
  byte peek() {
    return pos < end ? buf[pos] : 0;
  }

  /** {@code LWS = [*WSP CRLF] 1*WSP}: skips spaces, tabs and folded line ends. */
  Cursor skipLws() {
    while (pos < end && isLws(buf[pos])) {
      pos++;
    }
    return this;
  }

  /** Consumes {@code c} (after optional LWS) and returns true, or leaves the position and returns false. */
  boolean consume(char c) {
    int saved = pos;
    skipLws();
    if (pos < end && buf[pos] == c) {
      pos++;
      return true;
    }
    pos = saved;
    return false;
  }

  /** Consumes {@code c} after optional LWS, or fails with "expected {@code what}". */
  void expect(char c, String what) {
    if (!consume(c)) {
      throw error(what);
    }
  }

  /** {@code token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")}. */
  String token(String what) {
    int from = pos;
    while (pos < end && isToken(buf[pos])) {
      pos++;
    }
    if (pos == from) {
      throw error(what);
    }
    return string(from, pos);
  }

  /** {@code 1*DIGIT}, at most 2^32-1. */
  long digits(String what) {
    int from = pos;
    long value = 0;
    while (pos < end && buf[pos] >= '0' && buf[pos] <= '9' && pos - from < 10) {
      value = value * 10 + (buf[pos++] - '0');
    }
    if (pos == from || value > 0xffffffffL || (pos < end && buf[pos] >= '0' && buf[pos] <= '9')) {
      pos = from;
      throw error(what);
    }
    return value;
  }

  /**
   * {@code quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE}, with {@code quoted-pair = "\" (%x00-09 /
   * %x0B-0C / %x0E-7F)}: returns the content without quotes, escapes resolved. The position must be at the quote.
   */
  String quotedString() {
    int open = pos++;
    StringBuilder sb = null;
    int from = pos;
    while (pos < end) {
      byte b = buf[pos];
      if (b == '"') {
        String text = sb == null ? string(from, pos) : sb.append(string(from, pos)).toString();
        pos++;
        return text;
      }
      if (b == '\\' && pos + 1 < end) {
        sb = (sb == null ? new StringBuilder() : sb).append(string(from, pos));
        from = pos + 1;
        pos += 2;
      } else {
        pos++;
      }
    }
    pos = open;
    throw error("closing '\"' of quoted-string");
  }

  /** Moves past the quoted-string at the position without decoding it. */
  void skipQuotedString() {
    int open = pos++;
    while (pos < end) {
      byte b = buf[pos];
      if (b == '"') {
        pos++;
        return;
      }
      pos += b == '\\' ? 2 : 1;
    }
    pos = open;
    throw error("closing '\"' of quoted-string");
  }

  /** Returns the index of the first {@code c} at or after the position, outside quoted strings, or -1. */
  int find(char c) {
    boolean quoted = false;
    for (int i = pos; i < end; i++) {
      byte b = buf[i];
      if (quoted && b == '\\') {
        i++;
      } else if (b == '"') {
        quoted = !quoted;
      } else if (!quoted && b == c) {
        return i;
      }
    }
    return -1;
  }

  /** Returns ASCII {@code buf[from, to)} trimmed, with each inner run of LWS replaced by one space. */
  String collapsed(int from, int to) {
    while (from < to && isLws(buf[from])) {
      from++;
    }
    while (to > from && isLws(buf[to - 1])) {
      to--;
    }
    for (int i = from; i < to; i++) {
      if (isLws(buf[i]) && (buf[i] != ' ' || isLws(buf[i + 1]))) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int j = from; j < to; j++) {
          if (!isLws(buf[j])) {
            sb.append((char) (buf[j] & 0xff));
          } else if (!isLws(buf[j - 1])) {
            sb.append(' ');
          }
        }
        return sb.toString();
      }
    }
    return string(from, to);
  }

  String string(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.UTF_8);
  }

  /** Returns an exception at the position: "expected {@code what}, found '...'" (or "found end of value"). */
  SipParseException error(String what) {
    String found = pos >= end ? "end of value" : "'" + printable(Math.min(end, pos + 16)) + "'";
    return new SipParseException(pos - start, "expected " + what + ", found " + found);
  }

  private String printable(int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = pos; i < to; i++) {
      int c = buf[i] & 0xff;
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return sb.toString();
  }
}
