package io.sipaudit.sip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Parses one framed SIP message from bytes. Knows nothing of pcap or transports: frame first with
 * {@link SipFramer}, then parse.
 *
 * <p>Example: {@code SipParser.parse(bytes, 0, bytes.length)} on {@code "SIP/2.0 180 Ringing\r\nl: 0\r\n\r\n"}
 * returns a {@link SipResponse} with status 180.
 *
 * <p>The one pass checks the start line and that every header line is {@code token ":" value} (or a continuation);
 * header values are decoded only when asked for. Lenient: CRLFs before the start line are skipped, bare LF ends a
 * line, a missing empty line at the end means "no body", and missing mandatory headers are allowed. The body is the
 * rest of the input, cut at Content-Length when that is smaller. Nothing is copied: the message refers to
 * {@code buf} (a {@link ByteBuffer} without an accessible array, e.g. a read-only one, is copied once). Stateless and
 * thread-safe.
 */
public final class SipParser {
  private SipParser() {}

  /**
   * Parses the message in {@code buf[off, off+len)}.
   *
   * @throws SipParseException with the offset from {@code off} when the start line or a header line is malformed
   */
  public static SipMessage parse(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    MessageScanner scanner = new MessageScanner(buf, off, len);
    SipMessage message = scanner.scan();
    if (message == null) {
      throw new SipParseException(scanner.errorOffset, scanner.errorReason);
    }
    return message;
  }

  /** Parses the message that fills {@code buf}. */
  public static SipMessage parse(byte[] buf) {
    return parse(buf, 0, buf.length);
  }

  /** Parses the message held from position to limit; the position does not move. */
  public static SipMessage parse(ByteBuffer bytes) {
    ByteSlice s = ByteSlice.of(bytes);
    return parse(s.buf(), s.off(), s.len());
  }

  /** Parses a message given as text (encoded as UTF-8), e.g. from a log. */
  public static SipMessage parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, 0, bytes.length);
  }

  /** Parses the message in {@code buf[off, off+len)}; never throws for bad input, and allocates no exception. */
  public static ParseResult tryParse(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    MessageScanner scanner = new MessageScanner(buf, off, len);
    SipMessage message = scanner.scan();
    if (message == null) {
      return new ParseResult.Malformed(scanner.errorOffset, scanner.errorReason,
          ByteBuffer.wrap(buf, off, len).slice().asReadOnlyBuffer());
    }
    return new ParseResult.Parsed(message);
  }

  /** Parses the message held from position to limit, never throwing for bad input. */
  public static ParseResult tryParse(ByteBuffer bytes) {
    ByteSlice s = ByteSlice.of(bytes);
    return tryParse(s.buf(), s.off(), s.len());
  }
}
