package io.sipaudit.sip;

/**
 * The framer's scan of the header section: finds the empty line and the Content-Length, then decides how long the
 * message is.
 *
 * <p>Example: {@code "Via: ...\r\nl : 132\r\n\r\n"} ends the headers after the empty line with Content-Length 132.
 *
 * <pre>Content-Length = ( "Content-Length" / "l" ) HCOLON 1*DIGIT
 * HCOLON = *( SP / HTAB ) ":" SWS</pre>
 */
final class HeaderSection {
  private HeaderSection() {}

  /**
   * Frames the headers that start at {@code p} (just after the start line) of the message at {@code off}.
   *
   * @param scanEnd where the header scan stops: {@code end} or {@code off + maxHeaderBytes}
   */
  static FrameResult frame(byte[] buf, int off, int p, int scanEnd, int end, boolean datagram, SipFramer framer) {
    int contentLength = -1;
    int contentLengthHeaders = 0;
    String problem = null;
    int bodyStart;
    while (true) {
      if (p >= scanEnd) {
        return incomplete(off, scanEnd, end, datagram, framer);
      }
      byte c = buf[p];
      if (c == Ascii.LF) {
        bodyStart = p + 1;
        break;
      }
      if (c == Ascii.CR && p + 1 < scanEnd && buf[p + 1] == Ascii.LF) {
        bodyStart = p + 2;
        break;
      }
      int lf = Ascii.indexOfLf(buf, p, scanEnd);
      if (lf < 0) {
        return incomplete(off, scanEnd, end, datagram, framer);
      }
      byte lower = (byte) (c | 0x20);
      if (lower == 'l' || lower == 'c') {
        int value = contentLengthValue(buf, p, lf);
        if (value >= 0) {
          contentLengthHeaders++;
          contentLength = digits(buf, value, lf);
          if (contentLength < 0 && problem == null) {
            problem = badContentLength(buf, off, value, lf);
          }
        }
      }
      p = lf + 1;
    }
    int headerLength = bodyStart - off;
    int skip = datagram ? end - off : headerLength;
    if (contentLengthHeaders > 1) {
      return FrameResult.malformed(skip, headerLength,
          contentLengthHeaders + " Content-Length headers (expected: exactly one)");
    }
    if (problem != null) {
      return FrameResult.malformed(skip, headerLength, problem);
    }
    if (contentLength < 0) {
      // RFC 3261 §18.3: without Content-Length, a datagram's body runs to its end; a stream's body is empty.
      return FrameResult.complete(datagram ? end - off : headerLength, headerLength);
    }
    long total = (long) headerLength + contentLength;
    if (total <= end - off) {
      return FrameResult.complete((int) total, headerLength);
    }
    int expected = total > Integer.MAX_VALUE ? -1 : (int) total;
    return datagram
        ? FrameResult.truncated(end - off, headerLength, expected,
            "Content-Length " + contentLength + " but only " + (end - bodyStart) + " body bytes in the datagram")
        : FrameResult.needMore(expected);
  }

  private static String badContentLength(byte[] buf, int off, int from, int lf) {
    int to = lf;
    while (from < to && Ascii.isWhitespace(buf[from])) {
      from++;
    }
    while (to > from && (Ascii.isWhitespace(buf[to - 1]) || buf[to - 1] == Ascii.CR)) {
      to--;
    }
    return "Content-Length value '" + Ascii.excerpt(buf, from, to) + "' at offset " + (from - off)
        + " (expected: 1*DIGIT, at most 2^31-1)";
  }

  private static FrameResult incomplete(int off, int scanEnd, int end, boolean datagram, SipFramer framer) {
    int len = end - off;
    if (scanEnd < end || len >= framer.maxHeaderBytes()) {
      return framer.tooLong(len, datagram, "header section");
    }
    return datagram
        ? FrameResult.truncated(len, -1, -1, "datagram ends before the empty line after the headers")
        : FrameResult.needMore(-1);
  }

  /**
   * Returns the index after the colon if the line at {@code p} is a Content-Length header (either name, any case,
   * optional whitespace before the colon), else -1.
   */
  static int contentLengthValue(byte[] buf, int p, int lf) {
    int q;
    if ((buf[p] | 0x20) == 'l') {
      q = p + 1;
    } else if (lf - p >= 14 && Ascii.regionMatchesIgnoreCase(buf, p, "content-length")) {
      q = p + 14;
    } else {
      return -1;
    }
    while (q < lf && Ascii.isWhitespace(buf[q])) {
      q++;
    }
    return q < lf && buf[q] == ':' ? q + 1 : -1;
  }

  /** Parses {@code *WSP 1*DIGIT *WSP [CR]} up to {@code lf}; returns the value or -1. */
  static int digits(byte[] buf, int p, int lf) {
    while (p < lf && Ascii.isWhitespace(buf[p])) {
      p++;
    }
    long value = 0;
    int start = p;
    while (p < lf && Ascii.isDigit(buf[p])) {
      value = value * 10 + (buf[p] - '0');
      if (value > Integer.MAX_VALUE) {
        return -1;
      }
      p++;
    }
    if (p == start) {
      return -1;
    }
    while (p < lf && (Ascii.isWhitespace(buf[p]) || buf[p] == Ascii.CR)) {
      p++;
    }
    return p == lf ? (int) value : -1;
  }
}
