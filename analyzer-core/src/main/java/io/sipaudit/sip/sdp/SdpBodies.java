package io.sipaudit.sip.sdp;

import io.sipaudit.sip.SipParseException;
import io.sipaudit.sip.header.MediaType;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Finds the SDP in a message body: the body itself for {@code application/sdp}, or the first
 * {@code application/sdp} part of a {@code multipart/*} body (RFC 2046 §5.1, as used with SIP-I/SIP-T ISUP
 * bodies and RFC 5621).
 *
 * <p>Example: a {@code multipart/mixed;boundary=unique-boundary-1} body with an SDP part and an
 * {@code application/isup} part yields the SDP part.
 *
 * <pre>multipart-body = [preamble CRLF] dash-boundary transport-padding CRLF body-part *encapsulation
 *                  close-delimiter transport-padding [CRLF epilogue]
 * encapsulation  = delimiter transport-padding CRLF body-part
 * delimiter      = CRLF dash-boundary</pre>
 */
public final class SdpBodies {
  private SdpBodies() {}

  /**
   * Returns the SDP in {@code buf[start, end)}, given the body's content type, or null if there is none.
   *
   * @throws SipParseException if the SDP has a malformed {@code m=}, {@code c=} or rtpmap line; the offset is from
   *     {@code start}
   */
  public static @Nullable SessionDescription find(MediaType type, byte[] buf, int start, int end) {
    if (type.is("application", "sdp")) {
      return SdpParser.parse(buf, start, end);
    }
    String boundary = type.params().get("boundary");
    if (!type.type().equals("multipart") || boundary == null || boundary.isEmpty()) {
      return null;
    }
    byte[] dash = ("--" + boundary).getBytes(StandardCharsets.UTF_8);
    int part = nextDelimiter(buf, start, end, dash);
    while (part >= 0) {
      int contentStart = lineAfter(buf, part + dash.length, end);
      if (contentStart >= end || (end - part > dash.length + 1 && buf[part + dash.length] == '-'
          && buf[part + dash.length + 1] == '-')) {
        return null; // close-delimiter
      }
      int next = nextDelimiter(buf, contentStart, end, dash);
      int partEnd = next < 0 ? end : trimLineEnd(buf, contentStart, next);
      SessionDescription sdp = sdpPart(buf, contentStart, partEnd, start);
      if (sdp != null) {
        return sdp;
      }
      part = next;
    }
    return null;
  }

  /** Reads the part headers; returns the parsed content if its Content-Type is application/sdp. */
  private static @Nullable SessionDescription sdpPart(byte[] buf, int p, int end, int bodyStart) {
    boolean sdp = false;
    while (p < end) {
      int lf = indexOf(buf, p, end, (byte) '\n');
      int lineEnd = trimLineEnd(buf, p, lf < 0 ? end : lf + 1);
      if (lineEnd == p) {
        return sdp ? parse(buf, lf < 0 ? end : lf + 1, end, bodyStart) : null;
      }
      String line = new String(buf, p, lineEnd - p, StandardCharsets.UTF_8);
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Type")) {
        sdp = MediaType.parse(line.substring(colon + 1)).is("application", "sdp");
      }
      p = lf < 0 ? end : lf + 1;
    }
    return null;
  }

  /** Parses SDP in {@code buf[from, to)}, with error offsets from {@code bodyStart}. */
  private static SessionDescription parse(byte[] buf, int from, int to, int bodyStart) {
    try {
      return SdpParser.parse(buf, from, to);
    } catch (SipParseException e) {
      throw e.shift(from - bodyStart, "SDP part");
    }
  }

  /** Returns the index of the next {@code dash-boundary} at a line start at or after {@code from}, or -1. */
  private static int nextDelimiter(byte[] buf, int from, int end, byte[] dash) {
    for (int i = from; i + dash.length <= end; i++) {
      if ((i == from || buf[i - 1] == '\n') && matches(buf, i, dash)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(byte[] buf, int at, byte[] s) {
    for (int k = 0; k < s.length; k++) {
      if (buf[at + k] != s[k]) {
        return false;
      }
    }
    return true;
  }

  private static int lineAfter(byte[] buf, int p, int end) {
    int lf = indexOf(buf, p, end, (byte) '\n');
    return lf < 0 ? end : lf + 1;
  }

  /** Returns {@code to} moved back over one CRLF or LF that ends the preceding line. */
  private static int trimLineEnd(byte[] buf, int from, int to) {
    if (to > from && buf[to - 1] == '\n') {
      to--;
      if (to > from && buf[to - 1] == '\r') {
        to--;
      }
    }
    return to;
  }

  private static int indexOf(byte[] buf, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
