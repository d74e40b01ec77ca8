package io.sipaudit.sip;

/**
 * Recognises a SIP start line in bytes that may be cut short, as needed to frame a TCP stream and to sniff SIP on
 * any port. Allows bare LF line ends.
 *
 * <p>Example: {@code "INVITE sip:bob@example.com SIP/2.0\r\n"} matches; {@code "INVITE sip:bo"} is a
 * {@link #PREFIX} (could still become a start line); {@code "GET / HTTP/1.1\r\n"} does not match.
 *
 * <pre>Request-Line = Method SP Request-URI SP SIP-Version CRLF
 * Status-Line  = SIP-Version SP Status-Code SP Reason-Phrase CRLF
 * SIP-Version  = "SIP" "/" 1*DIGIT "." 1*DIGIT</pre>
 *
 * <p>Only {@code SIP/2.0} is accepted. The Request-URI is any run of visible bytes (its grammar is checked later).
 * A status line may omit the SP and reason phrase after the code.
 */
final class StartLineMatcher {
  /** The bytes cannot begin a SIP start line. */
  static final int NO = -1;
  /** The bytes so far are a proper prefix of a plausible start line. */
  static final int PREFIX = -2;

  private static final String VERSION = "SIP/2.0";
  private static final int MAX_METHOD_LENGTH = 32;

  private StartLineMatcher() {}

  /**
   * Matches a start line at {@code off}, reading no further than {@code end}.
   *
   * @return the index of the LF that ends the line, or {@link #NO}, or {@link #PREFIX}
   */
  static int match(byte[] buf, int off, int end) {
    if (off >= end) {
      return PREFIX;
    }
    if (buf[off] == 'S') {
      int v = startsWithVersion(buf, off, end);
      if (v == PREFIX || (v != NO && v == end)) {
        return PREFIX;   // "S", "SIP/2." or "SIP/2.0": a status line or a method such as SUBSCRIBE, cut short
      }
      if (v != NO && isVersionThenSpace(buf, off, end)) {
        return statusLine(buf, off, end);
      }
    }
    return requestLine(buf, off, end);
  }

  /** {@code Method SP Request-URI SP SIP-Version CRLF}. */
  private static int requestLine(byte[] buf, int off, int end) {
    int p = off;
    while (p < end && Ascii.isToken(buf[p])) {
      p++;
    }
    if (p - off > MAX_METHOD_LENGTH) {
      return NO;
    }
    if (p == end) {
      return PREFIX;
    }
    if (p == off || buf[p] != Ascii.SP) {
      return NO;
    }
    int uri = ++p;
    while (p < end && (buf[p] & 0xff) > 0x20 && buf[p] != 0x7f) {
      p++;
    }
    if (p == end) {
      return PREFIX;
    }
    if (p == uri || buf[p] != Ascii.SP) {
      return NO;
    }
    p++;
    int v = startsWithVersion(buf, p, end);
    if (v != p + VERSION.length()) {
      return v;
    }
    return lineEnd(buf, v, end);
  }

  /** {@code SIP-Version SP Status-Code [SP Reason-Phrase] CRLF}. */
  private static int statusLine(byte[] buf, int off, int end) {
    int p = off + VERSION.length() + 1;
    for (int i = 0; i < 3; i++, p++) {
      if (p == end) {
        return PREFIX;
      }
      byte lowest = i == 0 ? (byte) '1' : (byte) '0';
      byte highest = i == 0 ? (byte) '6' : (byte) '9';
      if (buf[p] < lowest || buf[p] > highest) {
        return NO;
      }
    }
    if (p == end) {
      return PREFIX;
    }
    if (buf[p] != Ascii.SP) {
      return lineEnd(buf, p, end);
    }
    while (p < end && buf[p] != Ascii.LF && buf[p] != Ascii.CR) {
      p++;
    }
    return lineEnd(buf, p, end);
  }

  /** Returns the index after {@code "SIP/2.0"} at {@code p}, or {@link #NO}, or {@link #PREFIX} when cut short. */
  private static int startsWithVersion(byte[] buf, int p, int end) {
    for (int i = 0; i < VERSION.length(); i++) {
      if (p + i == end) {
        return PREFIX;
      }
      if (buf[p + i] != VERSION.charAt(i)) {
        return NO;
      }
    }
    return p + VERSION.length();
  }

  private static boolean isVersionThenSpace(byte[] buf, int off, int end) {
    int p = off + VERSION.length();
    return p >= end || buf[p] == Ascii.SP;
  }

  /** {@code CRLF} (or a bare LF) at {@code p}: returns the index of the LF. */
  private static int lineEnd(byte[] buf, int p, int end) {
    if (p == end) {
      return PREFIX;
    }
    if (buf[p] == Ascii.LF) {
      return p;
    }
    if (buf[p] != Ascii.CR) {
      return NO;
    }
    if (p + 1 == end) {
      return PREFIX;
    }
    return buf[p + 1] == Ascii.LF ? p + 1 : NO;
  }
}
