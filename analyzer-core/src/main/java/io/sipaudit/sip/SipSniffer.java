package io.sipaudit.sip;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Recognises SIP by content, so SIP on a non-standard port is found too. Cheap: reads at most one line.
 *
 * <p>Example: a UDP payload starting {@code "OPTIONS sip:10.0.0.5:5080 SIP/2.0\r\n"} or
 * {@code "SIP/2.0 200 OK\r\n"} could be SIP; {@code "HTTP/1.1 200 OK\r\n"} and an RTP packet could not.
 */
public final class SipSniffer {
  private SipSniffer() {}

  /**
   * Returns whether {@code buf[off, off+len)} begins with a complete SIP start line:
   * {@code Method SP Request-URI SP "SIP/2.0" CRLF} or {@code "SIP/2.0" SP 3DIGIT ... CRLF} (bare LF allowed).
   */
  public static boolean couldBeSip(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    return StartLineMatcher.match(buf, off, off + len) >= 0;
  }

  /**
   * Returns whether the bytes from position to limit begin with a complete SIP start line; see above. A buffer
   * without an accessible array is read through a copy of at most its first 1 KiB.
   */
  public static boolean couldBeSip(ByteBuffer bytes) {
    ByteSlice s = ByteSlice.of(bytes, 1024);
    return couldBeSip(s.buf(), s.off(), s.len());
  }

  /** Returns whether the bytes are a keep-alive: one or more CR and LF bytes only (RFC 5626 §3.5.1). */
  public static boolean isKeepalive(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (len == 0) {
      return false;
    }
    for (int i = off; i < off + len; i++) {
      if (buf[i] != Ascii.CR && buf[i] != Ascii.LF) {
        return false;
      }
    }
    return true;
  }
}
