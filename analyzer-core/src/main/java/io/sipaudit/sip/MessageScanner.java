package io.sipaudit.sip;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a framed message: checks the start line and the shape of each header line, and records where
 * header names and values are. Reports the first problem as an offset and a reason instead of throwing.
 *
 * <p>Example: {@code "INVITE sip:bob@b.example SIP/2.0\r\nv: SIP/2.0/UDP h\r\n\r\n"} gives a request with one
 * header (id {@link HeaderName#VIA}, value {@code "SIP/2.0/UDP h"}) and an empty body.
 *
 * <pre>SIP-message    = Request / Response
 * Request        = Request-Line *( message-header ) CRLF [ message-body ]
 * message-header = field-name HCOLON field-value CRLF
 * HCOLON         = *( SP / HTAB ) ":" SWS</pre>
 */
final class MessageScanner {
  private final byte[] buf;
  private final int off;
  private final int end;
  private int[] index = new int[SipHeaders.STRIDE * 16];
  private int count;
  private int contentLength = -1;
  private final StartLine startLine = new StartLine();

  // What the framer would also have found, for SipFramer#parseWholeDatagram.
  /** Where the first header line starts (just after the start line). */
  int headersStart = -1;
  /** Where the body starts; {@code end} when there was no empty line. */
  int bodyStart = -1;
  /** Whether the headers ended with an empty line. */
  boolean emptyLine;
  /** How many Content-Length headers there were, and the first one's value (-1 when it is not 1*DIGIT). */
  int contentLengthHeaders;
  int firstContentLength = -1;

  int errorOffset = -1;
  String errorReason = "";

  MessageScanner(byte[] buf, int off, int len) {
    this.buf = buf;
    this.off = off;
    this.end = off + len;
  }

  /** Returns the message, or null with {@link #errorOffset} and {@link #errorReason} set. */
  @Nullable SipMessage scan() {
    int p = off;
    while (p < end && (buf[p] == Ascii.CR || buf[p] == Ascii.LF)) {
      p++; // RFC 3261 §7.5: CRLFs before the start line are ignored.
    }
    int start = p;
    p = startLine.parse(buf, p, end);
    if (p < 0) {
      error(startLine.errorAt, startLine.error);
      return null;
    }
    headersStart = p;
    int bodyStart = headers(p);
    if (bodyStart < 0) {
      return null;
    }
    this.bodyStart = bodyStart;
    int bodyEnd = end;
    if (contentLength >= 0 && contentLength < end - bodyStart) {
      bodyEnd = bodyStart + contentLength;
    }
    SipHeaders headers = new SipHeaders(buf, index, count); // not trimmed to size: saves a copy
    MessageBase.Layout layout = new MessageBase.Layout(buf, start, bodyEnd - start, bodyStart, headers);
    return startLine.isRequest()
        ? new SipRequest(layout, startLine.method(buf), startLine.aStart, startLine.aEnd)
        : new SipResponse(layout, startLine.code, startLine.aStart, startLine.aEnd);
  }

  /** Indexes header lines from {@code p}; returns where the body starts, or -1 after {@link #error}. */
  private int headers(int p) {
    while (p < end) {
      byte c = buf[p];
      if (c == Ascii.LF) {
        emptyLine = true;
        return p + 1;
      }
      if (c == Ascii.CR && p + 1 < end && buf[p + 1] == Ascii.LF) {
        emptyLine = true;
        return p + 2;
      }
      if (c == Ascii.SP || c == Ascii.HTAB) {
        p = continuation(p);
      } else {
        p = headerLine(p);
      }
      if (p < 0) {
        return -1;
      }
    }
    return end; // Lenient: no empty line before the end of the data, so no body.
  }

  /** {@code field-name HCOLON field-value CRLF}; returns the start of the next line or -1. */
  private int headerLine(int p) {
    int name = p;
    while (p < end && Ascii.isToken(buf[p])) {
      p++;
    }
    int nameEnd = p;
    if (nameEnd == name) {
      return error(p, "expected header field-name (token), found '" + Ascii.excerpt(buf, p, end) + "'");
    }
    while (p < end && Ascii.isWhitespace(buf[p])) {
      p++;
    }
    if (p == end || buf[p] != ':') {
      return error(p, "expected ':' after header name '" + Ascii.string(buf, name, nameEnd) + "', found '"
          + Ascii.excerpt(buf, p, end) + "'");
    }
    if (nameEnd - name > 0xffff) {
      return error(name, "header name longer than 65535 bytes");
    }
    p++;
    while (p < end && Ascii.isWhitespace(buf[p])) {
      p++;
    }
    int valueStart = p;
    int lf = Ascii.indexOfLf(buf, p, end);
    int next = lf < 0 ? end : lf + 1;
    int valueEnd = trimEnd(valueStart, lf < 0 ? end : lf);
    int id = HeaderName.id(buf, name, nameEnd);
    if (id == HeaderName.CONTENT_LENGTH) {
      if (contentLength < 0) {   // the first valid one counts
        contentLength = HeaderSection.digits(buf, valueStart, valueEnd);
        if (contentLengthHeaders == 0) {
          firstContentLength = contentLength;
        }
      }
      contentLengthHeaders++;
    }
    if (count * SipHeaders.STRIDE == index.length) {
      index = Arrays.copyOf(index, index.length * 2);
    }
    int i = count++ * SipHeaders.STRIDE;
    index[i] = name;
    index[i + 1] = id << 16 | (nameEnd - name);
    index[i + 2] = valueStart;
    index[i + 3] = valueEnd;
    return next;
  }

  /** A line starting with SP or HTAB continues the previous header's value (RFC 3261 §7.3.1). */
  private int continuation(int p) {
    if (count == 0) {
      return error(p, "expected a header line, found a continuation line (starting with whitespace) before any header");
    }
    int lf = Ascii.indexOfLf(buf, p, end);
    int next = lf < 0 ? end : lf + 1;
    int lineEnd = trimEnd(p, lf < 0 ? end : lf);
    int i = (count - 1) * SipHeaders.STRIDE;
    if (!isBlank(p, lineEnd)) {
      index[i + 3] = lineEnd;
    }
    return next;
  }

  private int trimEnd(int from, int to) {
    while (to > from && (Ascii.isWhitespace(buf[to - 1]) || buf[to - 1] == Ascii.CR)) {
      to--;
    }
    return to;
  }

  private boolean isBlank(int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Ascii.isWhitespace(buf[i])) {
        return false;
      }
    }
    return true;
  }

  /** Records the problem at {@code at} and returns -1. */
  private int error(int at, String reason) {
    errorOffset = at - off;
    errorReason = reason;
    return -1;
  }
}
