package io.sipaudit.sip;

/**
 * Parses the first line of a message: a Request-Line or a Status-Line, recording positions only.
 *
 * <p>Example: {@code "SIP/2.0 503 Service Unavailable\r\n"} gives code 503 and the reason phrase's position;
 * {@code "INVITE  sip:bob@b.example SIP/2.0"} (two spaces) fails at offset 7 with "expected Request-URI".
 *
 * <pre>Request-Line = Method SP Request-URI SP SIP-Version CRLF
 * Status-Line  = SIP-Version SP Status-Code SP Reason-Phrase CRLF
 * SIP-Version  = "SIP" "/" 1*DIGIT "." 1*DIGIT</pre>
 *
 * <p>Lenient where senders are: a bare LF ends the line, and a status line may end right after the code.
 */
final class StartLine {
  private boolean request;
  private int methodStart;
  private int methodEnd;
  /** Where the Request-URI or the Reason-Phrase starts and ends. */
  int aStart;
  int aEnd;
  int code;
  int errorAt;
  String error = "";

  boolean isRequest() {
    return request;
  }

  SipMethod method(byte[] buf) {
    return SipMethod.of(buf, methodStart, methodEnd - methodStart);
  }

  /** Parses the line at {@code p}; returns the start of the next line, or -1 with {@link #error} set. */
  int parse(byte[] buf, int p, int end) {
    if (end - p >= 4 && Ascii.regionMatches(buf, p, "SIP/")) {
      request = false;
      return statusLine(buf, p, end);
    }
    request = true;
    return requestLine(buf, p, end);
  }

  private int requestLine(byte[] buf, int p, int end) {
    methodStart = p;
    while (p < end && Ascii.isToken(buf[p])) {
      p++;
    }
    methodEnd = p;
    if (p == methodStart) {
      return error(buf, p, end, "Method (token) or SIP-Version");
    }
    if (p == end || buf[p] != Ascii.SP) {
      return error(buf, p, end, "SP after Method");
    }
    aStart = ++p;
    while (p < end && (buf[p] & 0xff) > 0x20 && buf[p] != 0x7f) {
      p++;
    }
    aEnd = p;
    if (p == aStart) {
      return error(buf, p, end, "Request-URI");
    }
    if (p == end || buf[p] != Ascii.SP) {
      return error(buf, p, end, "SP after Request-URI");
    }
    p = version(buf, p + 1, end);
    return p < 0 ? -1 : lineEnd(buf, p, end);
  }

  private int statusLine(byte[] buf, int p, int end) {
    p = version(buf, p, end);
    if (p < 0) {
      return -1;
    }
    if (p == end || buf[p] != Ascii.SP) {
      return error(buf, p, end, "SP after SIP-Version");
    }
    p++;
    if (end - p < 3 || !Ascii.isDigit(buf[p]) || !Ascii.isDigit(buf[p + 1]) || !Ascii.isDigit(buf[p + 2])
        || buf[p] < '1' || buf[p] > '6' || (p + 3 < end && Ascii.isDigit(buf[p + 3]))) {
      return error(buf, p, end, "Status-Code (3DIGIT, 100..699)");
    }
    code = (buf[p] - '0') * 100 + (buf[p + 1] - '0') * 10 + (buf[p + 2] - '0');
    p += 3;
    if (p < end && buf[p] == Ascii.SP) {
      p++;
    }
    aStart = p;
    while (p < end && buf[p] != Ascii.CR && buf[p] != Ascii.LF) {
      p++;
    }
    aEnd = p;
    return lineEnd(buf, p, end);
  }

  /** {@code SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT}; returns the index after it or -1. */
  private int version(byte[] buf, int p, int end) {
    int start = p;
    if (end - p < 4 || !Ascii.regionMatches(buf, p, "SIP/")) {
      return error(buf, p, end, "SIP-Version (\"SIP/2.0\")");
    }
    p += 4;
    int digits = p;
    while (p < end && Ascii.isDigit(buf[p])) {
      p++;
    }
    if (p == digits || p == end || buf[p] != '.') {
      return error(buf, start, end, "SIP-Version (\"SIP/2.0\")");
    }
    digits = ++p;
    while (p < end && Ascii.isDigit(buf[p])) {
      p++;
    }
    return p == digits ? error(buf, start, end, "SIP-Version (\"SIP/2.0\")") : p;
  }

  /** {@code CRLF} or a bare LF; returns the start of the next line or -1. */
  private int lineEnd(byte[] buf, int p, int end) {
    if (p < end && buf[p] == Ascii.LF) {
      return p + 1;
    }
    if (p + 1 < end && buf[p] == Ascii.CR && buf[p + 1] == Ascii.LF) {
      return p + 2;
    }
    return error(buf, p, end, "CRLF at the end of the start line");
  }

  private int error(byte[] buf, int at, int end, String expected) {
    errorAt = at;
    error = "expected " + expected + ", found " + (at >= end ? "end of data" : "'" + Ascii.excerpt(buf, at, end) + "'");
    return -1;
  }
}
