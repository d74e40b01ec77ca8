package io.sipaudit.sip;

import io.sipaudit.MalformedInputException;

/**
 * A SIP message, or one header value in it, that does not follow the RFC 3261 grammar: the byte offset where it
 * goes wrong and what was expected there.
 *
 * <p>Example message: {@code "offset 31: expected SP after Request-URI, found '\r\n'"}. The offset is relative to the
 * start of the bytes given to the parser; for a header value parsed on its own, to the start of that value.
 */
public final class SipParseException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  private final int offset;
  private final String reason;

  public SipParseException(int offset, String reason) {
    super("offset " + offset + ": " + reason);
    if (offset < 0) {
      throw new IllegalArgumentException("offset " + offset + " (expected: >= 0)");
    }
    this.offset = offset;
    this.reason = reason;
  }

  /** Returns the byte offset of the problem. */
  public int offset() {
    return offset;
  }

  /** Returns what was wrong and what was expected, without the offset. */
  public String reason() {
    return reason;
  }

  /** Returns this problem moved by {@code delta} bytes, with {@code context} (e.g. a header name) in front. */
  public SipParseException shift(int delta, String context) {
    SipParseException moved = new SipParseException(offset + delta, context + ": " + reason);
    moved.initCause(this);
    return moved;
  }
}
