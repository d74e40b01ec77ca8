package io.sipaudit.sip;

import static java.util.Objects.requireNonNull;

/**
 * What {@link SipFramer} found at the start of some bytes. All positions are relative to the {@code off} that was
 * passed to the framer.
 *
 * <p>Example: for a 612-byte datagram holding an INVITE whose headers end at byte 480 and whose body is 132 bytes,
 * the result is {@code COMPLETE(length=612, bodyOffset=480, expectedLength=612, problem="")}.
 *
 * @param kind what was found
 * @param length how many bytes the caller should consume: the message, the keep-alive, the bytes to skip; 0 for
 *     {@link Kind#NEED_MORE}
 * @param bodyOffset where the body starts, once the empty line after the headers has been seen; otherwise -1
 * @param expectedLength the full message length (headers + Content-Length), once known; otherwise -1
 * @param problem for {@code TRUNCATED}, {@code NOT_SIP} and {@code MALFORMED}, what was wrong and what was expected;
 *     otherwise {@code ""}
 */
public record FrameResult(Kind kind, int length, int bodyOffset, int expectedLength, String problem) {

  /** The kinds of result. */
  public enum Kind {
    /** A whole message: bytes {@code [0, length)}. */
    COMPLETE,
    /** CR and LF bytes before a start line, e.g. an RFC 5626 CRLFCRLF ping or CRLF pong. */
    KEEPALIVE,
    /** Stream mode only: the message is not complete yet; consume nothing and call again with more bytes. */
    NEED_MORE,
    /** Datagram mode only: the message is cut short (Content-Length beyond the datagram, no empty line). */
    TRUNCATED,
    /** The bytes do not start with a SIP start line; skip {@code length} bytes to the next line that might. */
    NOT_SIP,
    /** A start line, but the header section is unusable (bad or repeated Content-Length, too long). */
    MALFORMED
  }

  public FrameResult {
    requireNonNull(kind, "kind");
    requireNonNull(problem, "problem");
    if (length < 0 || (length == 0) != (kind == Kind.NEED_MORE)) {
      throw new IllegalArgumentException(kind + " with length " + length
          + " (expected: 0 for NEED_MORE, > 0 otherwise)");
    }
    if (bodyOffset < -1 || expectedLength < -1) {
      throw new IllegalArgumentException(
          "bodyOffset " + bodyOffset + ", expectedLength " + expectedLength + " (expected: >= -1)");
    }
  }

  static FrameResult complete(int length, int bodyOffset) {
    return new FrameResult(Kind.COMPLETE, length, bodyOffset, length, "");
  }

  static FrameResult keepalive(int length) {
    return new FrameResult(Kind.KEEPALIVE, length, -1, -1, "");
  }

  static FrameResult needMore(int expectedLength) {
    return new FrameResult(Kind.NEED_MORE, 0, -1, expectedLength, "");
  }

  static FrameResult truncated(int length, int bodyOffset, int expectedLength, String problem) {
    return new FrameResult(Kind.TRUNCATED, length, bodyOffset, expectedLength, problem);
  }

  static FrameResult notSip(int skip, String problem) {
    return new FrameResult(Kind.NOT_SIP, skip, -1, -1, problem);
  }

  static FrameResult malformed(int skip, int bodyOffset, String problem) {
    return new FrameResult(Kind.MALFORMED, skip, bodyOffset, -1, problem);
  }

  /** Returns whether this is a whole message. */
  public boolean isComplete() {
    return kind == Kind.COMPLETE;
  }
}
