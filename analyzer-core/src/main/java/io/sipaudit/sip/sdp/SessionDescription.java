package io.sipaudit.sip.sdp;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an SDP body (RFC 4566) that tell where media goes: session-level connection and direction, and the
 * media sections.
 *
 * <p>Example:
 * <pre>v=0
 * o=- 20518 0 IN IP4 203.0.113.1
 * s=-
 * c=IN IP4 203.0.113.1
 * t=0 0
 * m=audio 54400 RTP/AVP 0 101
 * a=rtpmap:101 telephone-event/8000
 * a=sendrecv</pre>
 * gives connection {@code 203.0.113.1}, one audio stream on port 54400 with codecs {@code [PCMU, telephone-event]}
 * and direction {@code SENDRECV}.
 *
 * @param origin the {@code o=} value, or {@code ""}
 * @param connection the session-level {@code c=} line, or null
 * @param direction the session-level direction attribute, or null
 * @param media the media sections in order
 */
public record SessionDescription(String origin, @Nullable Connection connection, @Nullable Direction direction,
    List<MediaDescription> media) {

  public SessionDescription {
    requireNonNull(origin, "origin");
    media = List.copyOf(media);
  }

  /** Parses an SDP body given as text. */
  public static SessionDescription parse(String text) {
    return SdpParser.parse(text);
  }

  /** Returns the connection that applies to {@code m}: its own {@code c=} line, else the session's; or null. */
  public @Nullable Connection connectionOf(MediaDescription m) {
    return m.connection() != null ? m.connection() : connection;
  }

  /** Returns the direction that applies to {@code m}: its own, else the session's, else {@code SENDRECV}. */
  public Direction directionOf(MediaDescription m) {
    if (m.direction() != null) {
      return m.direction();
    }
    return direction != null ? direction : Direction.SENDRECV;
  }
}
