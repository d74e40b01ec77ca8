package io.sipaudit.sip;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds where the first SIP message in some bytes ends, without parsing it: start line, header lines up to the
 * empty line, then Content-Length bytes of body (RFC 3261 §7.5, §18.3, §20.14).
 *
 * <p>Example: for a TCP stream holding {@code "\r\n\r\nOPTIONS sip:lb SIP/2.0\r\nl: 0\r\n\r\nSIP/2.0 200 OK\r\n..."},
 * successive calls return {@code KEEPALIVE(4)}, {@code COMPLETE(32)}, then {@code COMPLETE} or {@code NEED_MORE}
 * for the response.
 *
 * <ul>
 *   <li>Lines end in CRLF or a bare LF; the headers end at the first empty line.
 *   <li>Content-Length is found by its full name or compact form {@code l}, in any case, with whitespace before the
 *       colon. Several Content-Length headers, or a value that is not {@code 1*DIGIT}, make the message
 *       {@code MALFORMED}.
 *   <li>Without Content-Length the body is the rest of a datagram (RFC 3261 §18.3) or empty on a stream.
 *   <li>The header section may be at most {@code maxHeaderBytes} long (64 KiB by default); no call scans more than
 *       that for the headers, so a 10 MB header line costs one bounded scan and yields {@code MALFORMED}.
 * </ul>
 *
 * <p>Stateless and thread-safe. Stream mode re-scans from {@code off} on each call; callers accumulate bytes and
 * call again after {@code NEED_MORE}. A keep-alive split across two calls is reported as two keep-alives.
 */
public final class SipFramer {
  /** The default bound on the header section: 64 KiB. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;

  private static final String EXPECTED_START_LINE =
      "(expected: Method SP Request-URI SP SIP/2.0, or SIP/2.0 SP 3DIGIT SP Reason-Phrase)";

  private final int maxHeaderBytes;

  /** Creates a framer with a 64 KiB bound on the header section. */
  public SipFramer() {
    this(DEFAULT_MAX_HEADER_BYTES);
  }

  /** Creates a framer that calls a header section longer than {@code maxHeaderBytes} malformed. */
  public SipFramer(int maxHeaderBytes) {
    if (maxHeaderBytes < 256) {
      throw new IllegalArgumentException("maxHeaderBytes " + maxHeaderBytes + " (expected: >= 256)");
    }
    this.maxHeaderBytes = maxHeaderBytes;
  }

  /** Returns the bound on the header section, in bytes. */
  public int maxHeaderBytes() {
    return maxHeaderBytes;
  }

  /**
   * Frames the first message of a UDP datagram (or another message-oriented payload): never {@code NEED_MORE};
   * a message cut short is {@code TRUNCATED}. A datagram may hold several messages: call again after each.
   */
  public FrameResult frameDatagram(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (len == 0) {
      throw new IllegalArgumentException("empty datagram (expected: len > 0)");
    }
    return frame(buf, off, len, true);
  }

  /**
   * Frames and parses a datagram in one pass when it holds exactly one well-framed message, as most do; returns
   * null otherwise, and the caller then frames with {@link #frameDatagram} and parses. When it returns a message,
   * that is the message {@code frameDatagram} (giving {@code COMPLETE} for the whole datagram) and
   * {@link SipParser#tryParse} would have given: a start line the framer accepts, no keep-alive before it, the
   * headers ended by an empty line within {@link #maxHeaderBytes}, and either no Content-Length or exactly one,
   * of 1*DIGIT, ending the body at the datagram's end. It saves the framer's own scan of the header lines.
   *
   * <p>Example: {@code "OPTIONS sip:lb SIP/2.0\r\nl: 0\r\n\r\n"} gives the OPTIONS request; the same with
   * {@code "\r\n\r\n"} before it, or with a second message after it, gives null.
   */
  public @Nullable SipMessage parseWholeDatagram(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (len == 0 || buf[off] == Ascii.CR || buf[off] == Ascii.LF) {
      return null;
    }
    int scanEnd = off + Math.min(len, maxHeaderBytes);
    int lf = StartLineMatcher.match(buf, off, scanEnd);
    if (lf < 0) {
      return null;
    }
    MessageScanner scanner = new MessageScanner(buf, off, len);
    SipMessage message = scanner.scan();
    if (message == null || scanner.headersStart != lf + 1 || !scanner.emptyLine || scanner.bodyStart > scanEnd) {
      return null;
    }
    int end = off + len;
    if (scanner.contentLengthHeaders == 0
        || scanner.contentLengthHeaders == 1 && scanner.firstContentLength == end - scanner.bodyStart) {
      return message;
    }
    return null;
  }

  /** Frames the first message of a reassembled TCP or TLS byte stream: {@code NEED_MORE} until it is complete. */
  public FrameResult frameStream(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    return len == 0 ? FrameResult.needMore(-1) : frame(buf, off, len, false);
  }

  /** Frames a datagram held from position to limit; the buffer's position does not move. */
  public FrameResult frameDatagram(ByteBuffer bytes) {
    ByteSlice s = ByteSlice.of(bytes);
    return frameDatagram(s.buf(), s.off(), s.len());
  }

  /** Frames stream bytes held from position to limit; the buffer's position does not move. */
  public FrameResult frameStream(ByteBuffer bytes) {
    ByteSlice s = ByteSlice.of(bytes);
    return frameStream(s.buf(), s.off(), s.len());
  }

  private FrameResult frame(byte[] buf, int off, int len, boolean datagram) {
    int end = off + len;
    if (buf[off] == Ascii.CR || buf[off] == Ascii.LF) {
      return keepalive(buf, off, end, datagram);
    }
    int scanEnd = off + Math.min(len, maxHeaderBytes);
    int lf = StartLineMatcher.match(buf, off, scanEnd);
    if (lf == StartLineMatcher.NO) {
      return notSip(buf, off, end);
    }
    if (lf == StartLineMatcher.PREFIX) {
      if (len >= maxHeaderBytes) {
        return tooLong(len, datagram, "start line");
      }
      if (datagram && !hasSpace(buf, off, end)) {
        return notSip(buf, off, end);   // a lone word such as a NAT keep-alive "hello", not a message cut short
      }
      return datagram
          ? FrameResult.truncated(len, -1, -1, "datagram ends inside the start line")
          : FrameResult.needMore(-1);
    }
    return HeaderSection.frame(buf, off, lf + 1, scanEnd, end, datagram, this);
  }

  private static boolean hasSpace(byte[] buf, int off, int end) {
    for (int i = off; i < end; i++) {
      if (buf[i] == Ascii.SP) {
        return true;
      }
    }
    return false;
  }

  /** Returns the result for a section with no end within {@link #maxHeaderBytes}. */
  FrameResult tooLong(int len, boolean datagram, String what) {
    return FrameResult.malformed(datagram ? len : maxHeaderBytes, -1,
        what + " not ended within " + maxHeaderBytes + " bytes (expected: an empty line after the headers)");
  }

  /** {@code CRLF} and {@code CRLFCRLF} keep-alives (RFC 5626 §3.5.1), and stray line ends before a start line. */
  private static FrameResult keepalive(byte[] buf, int off, int end, boolean datagram) {
    int p = off;
    while (p < end && (buf[p] == Ascii.CR || buf[p] == Ascii.LF)) {
      p++;
    }
    if (!datagram && p == end && buf[p - 1] == Ascii.CR) {
      // A CR at the end of the data may be the first half of a CRLF: wait for it.
      return p - 1 == off ? FrameResult.needMore(-1) : FrameResult.keepalive(p - 1 - off);
    }
    return FrameResult.keepalive(p - off);
  }

  /** Skips to the next line that is, or could become, a SIP start line; or to the end of the data. */
  private static FrameResult notSip(byte[] buf, int off, int end) {
    String problem = "no SIP start line at offset 0: '" + Ascii.excerpt(buf, off, end) + "' " + EXPECTED_START_LINE;
    int p = off;
    while (true) {
      int lf = Ascii.indexOfLf(buf, p, end);
      if (lf < 0 || lf + 1 == end) {
        return FrameResult.notSip(end - off, problem);
      }
      int next = lf + 1;
      if (StartLineMatcher.match(buf, next, end) != StartLineMatcher.NO) {
        return FrameResult.notSip(next - off, problem);
      }
      p = next;
    }
  }
}
