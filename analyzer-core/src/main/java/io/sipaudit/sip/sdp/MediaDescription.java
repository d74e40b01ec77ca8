package io.sipaudit.sip.sdp;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One SDP media section: its {@code m=} line and the attributes sipaudit uses (RFC 4566 §5.14).
 *
 * <p>Example: {@code m=audio 49170 RTP/AVP 0 8 101} with {@code a=rtpmap:101 telephone-event/8000} gives type
 * {@code audio}, port 49170, proto {@code RTP/AVP}, formats {@code [0, 8, 101]} and codec names
 * {@code [PCMU, PCMA, telephone-event]} (static payload types 0 and 8 named from RFC 3551 when no rtpmap is given).
 *
 * <pre>media-field = %x6d "=" media SP port ["/" integer] SP proto 1*(SP fmt) CRLF</pre>
 *
 * @param type {@code audio}, {@code video}, {@code application}, ...
 * @param port the transport port; 0 means the stream is rejected or disabled
 * @param proto the transport protocol, e.g. {@code RTP/AVP}, {@code RTP/SAVP}, {@code UDP/TLS/RTP/SAVPF}
 * @param formats the format list (RTP payload type numbers for RTP protocols)
 * @param connection the media-level {@code c=} line, or null (then the session-level one applies)
 * @param rtpmap {@code a=rtpmap} values by payload type, e.g. {@code "101" -> "telephone-event/8000"}
 * @param direction the media-level direction attribute, or null
 */
public record MediaDescription(String type, int port, String proto, List<String> formats,
    @Nullable Connection connection, Map<String, String> rtpmap, @Nullable Direction direction) {

  public MediaDescription {
    requireNonNull(type, "type");
    requireNonNull(proto, "proto");
    formats = List.copyOf(formats);
    rtpmap = Map.copyOf(rtpmap);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("media port " + port + " (expected: 0..65535)");
    }
  }

  /**
   * Returns a codec name per format, in format order: the rtpmap encoding name, or the RFC 3551 name of a static
   * payload type, or the format itself.
   */
  public List<String> codecNames() {
    List<String> names = new ArrayList<>(formats.size());
    for (String format : formats) {
      String map = rtpmap.get(format);
      if (map != null) {
        int slash = map.indexOf('/');
        names.add(slash < 0 ? map : map.substring(0, slash));
      } else {
        names.add(StaticPayloadTypes.name(format));
      }
    }
    return names;
  }
}
