package io.sipaudit.sip.sdp;

import io.sipaudit.sip.SipParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code o=}, {@code c=}, {@code m=}, {@code a=rtpmap} and direction lines of an SDP body; other lines are
 * skipped. CRLF and bare LF line ends are both accepted.
 *
 * <p>Example: {@code "m=audio 49170 RTP/AVP 0\r\n"} adds a media section; {@code "m=audio x RTP/AVP 0"} fails with
 * "expected port (1*DIGIT, at most 65535), found 'x'" and the offset of the value in the body.
 *
 * <pre>session-description = proto-version origin-field session-name-field ... *(media-description)
 * media-field      = %x6d "=" media SP port ["/" integer] SP proto 1*(SP fmt) CRLF
 * connection-field = %x63 "=" nettype SP addrtype SP connection-address CRLF
 * attribute        = (att-field ":" att-value) / att-field</pre>
 */
final class SdpParser {
  private SdpParser() {}

  static SessionDescription parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, 0, bytes.length);
  }

  /** Parses {@code buf[start, end)}; errors carry the offset from {@code start}. */
  static SessionDescription parse(byte[] buf, int start, int end) {
    String origin = "";
    Connection sessionConnection = null;
    Direction sessionDirection = null;
    List<MediaDescription> media = new ArrayList<>(2);
    MediaBuilder current = null;
    int p = start;
    while (p < end) {
      int lf = p;
      while (lf < end && buf[lf] != '\n') {
        lf++;
      }
      int lineEnd = lf > p && buf[lf - 1] == '\r' ? lf - 1 : lf;
      if (lineEnd - p >= 2 && buf[p + 1] == '=') {
        String value = new String(buf, p + 2, lineEnd - p - 2, StandardCharsets.UTF_8).strip();
        int at = p + 2 - start;
        switch (buf[p]) {
          case 'o' -> origin = current == null ? value : origin;
          case 'c' -> {
            Connection c = connection(value, at);
            if (current == null) {
              sessionConnection = c;
            } else {
              current.connection = c;
            }
          }
          case 'm' -> {
            if (current != null) {
              media.add(current.build());
            }
            current = mediaLine(value, at);
          }
          case 'a' -> attribute(value, current, at);
          default -> { }
        }
        if (buf[p] == 'a' && current == null) {
          Direction d = Direction.ofAttribute(value);
          sessionDirection = d != null ? d : sessionDirection;
        }
      }
      p = lf + 1;
    }
    if (current != null) {
      media.add(current.build());
    }
    return new SessionDescription(origin, sessionConnection, sessionDirection, media);
  }

  private static Connection connection(String value, int at) {
    String[] parts = words(value);
    if (parts.length != 3) {
      throw new SipParseException(at, "expected c=nettype SP addrtype SP connection-address, found '" + value + "'");
    }
    return new Connection(parts[0], parts[1], parts[2]);
  }

  private static MediaBuilder mediaLine(String value, int at) {
    String[] parts = words(value);
    if (parts.length < 3) {
      throw new SipParseException(at, "expected m=media SP port SP proto *(SP fmt), found '" + value + "'");
    }
    String port = parts[1];
    int slash = port.indexOf('/');
    port = slash < 0 ? port : port.substring(0, slash);
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(ch -> ch >= '0' && ch <= '9')
        || Integer.parseInt(port) > 65535) {
      throw new SipParseException(at, "expected port (1*DIGIT, at most 65535), found '" + parts[1] + "'");
    }
    MediaBuilder m = new MediaBuilder(parts[0], Integer.parseInt(port), parts[2]);
    m.formats.addAll(List.of(parts).subList(3, parts.length));
    return m;
  }

  /** {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<parameters>]} and direction attributes. */
  private static void attribute(String value, @Nullable MediaBuilder m, int at) {
    if (m == null) {
      return;
    }
    if (value.regionMatches(true, 0, "rtpmap:", 0, 7)) {
      int space = value.indexOf(' ');
      if (space < 0) {
        throw new SipParseException(at, "expected rtpmap:<payload type> SP <encoding name>/<clock rate>, found '"
            + value + "'");
      }
      m.rtpmap.putIfAbsent(value.substring(7, space).strip(), value.substring(space + 1).strip());
    } else {
      Direction d = Direction.ofAttribute(value);
      m.direction = d != null ? d : m.direction;
    }
  }

  /** Splits on runs of spaces. */
  private static String[] words(String value) {
    List<String> words = new ArrayList<>(8);
    int i = 0;
    while (i < value.length()) {
      int j = value.indexOf(' ', i);
      j = j < 0 ? value.length() : j;
      if (j > i) {
        words.add(value.substring(i, j));
      }
      i = j + 1;
    }
    return words.toArray(new String[0]);
  }

  private static final class MediaBuilder {
    final String type;
    final int port;
    final String proto;
    final List<String> formats = new ArrayList<>();
    final Map<String, String> rtpmap = new HashMap<>();
    @Nullable Connection connection;
    @Nullable Direction direction;

    MediaBuilder(String type, int port, String proto) {
      this.type = type;
      this.port = port;
      this.proto = proto;
    }

    MediaDescription build() {
      return new MediaDescription(type, port, proto, formats, connection, rtpmap, direction);
    }
  }
}
