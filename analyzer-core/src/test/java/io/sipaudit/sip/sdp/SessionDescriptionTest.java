package io.sipaudit.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.sip.SipParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SessionDescriptionTest {
  private static final String OFFER = """
      v=0\r
      o=- 20518 0 IN IP4 203.0.113.1\r
      s=-\r
      c=IN IP4 203.0.113.1\r
      t=0 0\r
      m=audio 54400 RTP/AVP 0 8 101\r
      a=rtpmap:101 telephone-event/8000\r
      a=fmtp:101 0-16\r
      a=sendrecv\r
      m=video 0 RTP/AVP 96\r
      c=IN IP6 2001:db8::5\r
      a=rtpmap:96 H264/90000\r
      a=inactive\r
      """;

  @Test
  void sessionLevelConnectionAndMediaLines() {
    SessionDescription sdp = SessionDescription.parse(OFFER);

    assertEquals("- 20518 0 IN IP4 203.0.113.1", sdp.origin());
    assertEquals(new Connection("IN", "IP4", "203.0.113.1"), sdp.connection());
    assertEquals(2, sdp.media().size());
    MediaDescription audio = sdp.media().get(0);
    assertEquals("audio", audio.type());
    assertEquals(54400, audio.port());
    assertEquals("RTP/AVP", audio.proto());
    assertEquals(List.of("0", "8", "101"), audio.formats());
    assertEquals(Map.of("101", "telephone-event/8000"), audio.rtpmap());
  }

  @Test
  void codecNamesUseRtpmapOrTheStaticPayloadTable() {
    MediaDescription audio = SessionDescription.parse(OFFER).media().get(0);

    assertEquals(List.of("PCMU", "PCMA", "telephone-event"), audio.codecNames());
  }

  @Test
  void mediaLevelConnectionAndDirectionOverrideTheSession() {
    SessionDescription sdp = SessionDescription.parse(OFFER);
    MediaDescription video = sdp.media().get(1);

    assertEquals("2001:db8::5", sdp.connectionOf(video).address());
    assertEquals("203.0.113.1", sdp.connectionOf(sdp.media().get(0)).address());
    assertEquals(Direction.INACTIVE, sdp.directionOf(video));
    assertEquals(Direction.SENDRECV, sdp.directionOf(sdp.media().get(0)));
    assertEquals(0, video.port());
  }

  @Test
  void sessionLevelDirectionAppliesWhenMediaHasNone() {
    SessionDescription sdp = SessionDescription.parse("v=0\nc=IN IP4 0.0.0.0\na=sendonly\nm=audio 4000 RTP/AVP 18\n");

    assertEquals(Direction.SENDONLY, sdp.direction());
    assertEquals(Direction.SENDONLY, sdp.directionOf(sdp.media().get(0)));
    assertTrue(sdp.connection().isHold());
    assertEquals(List.of("G729"), sdp.media().get(0).codecNames());
  }

  @Test
  void withoutDirectionAttributesMediaIsSendrecv() {
    SessionDescription sdp = SessionDescription.parse("v=0\r\nm=audio 4000 RTP/AVP 0\r\n");

    assertNull(sdp.direction());
    assertNull(sdp.connection());
    assertEquals(Direction.SENDRECV, sdp.directionOf(sdp.media().get(0)));
  }

  @Test
  void portWithCountIsAccepted() {
    assertEquals(49170, SessionDescription.parse("m=video 49170/2 RTP/AVP 31\n").media().get(0).port());
  }

  @Test
  void malformedLinesSayWhatWasExpectedAndWhere() {
    SipParseException port = assertThrows(SipParseException.class,
        () -> SessionDescription.parse("v=0\r\nm=audio x RTP/AVP 0\r\n"));
    SipParseException connection = assertThrows(SipParseException.class,
        () -> SessionDescription.parse("v=0\r\nc=IN IP4\r\n"));

    assertEquals(7, port.offset());
    assertEquals("expected port (1*DIGIT, at most 65535), found 'x'", port.reason());
    assertEquals("expected c=nettype SP addrtype SP connection-address, found 'IN IP4'", connection.reason());
  }
}
