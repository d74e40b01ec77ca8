package io.sipaudit.sip.sdp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipaudit.sip.SipParseException;
import io.sipaudit.sip.header.MediaType;
import org.junit.jupiter.api.Test;

final class SdpBodiesTest {
  private static final String SDP = "v=0\r\nc=IN IP4 198.51.100.60\r\nm=audio 30000 RTP/AVP 8\r\n";

  @Test
  void plainSdpBody() {
    SessionDescription sdp = find("application/sdp", SDP);

    assertEquals("198.51.100.60", sdp.connection().address());
  }

  @Test
  void sdpPartOfAMultipartBody() {
    String body = "preamble\r\n"
        + "--b1\r\n"
        + "Content-Type: application/isup;version=itu-t92+\r\n"
        + "\r\n"
        + "01 00 49\r\n"
        + "--b1\r\n"
        + "content-type : Application/SDP\r\n"
        + "\r\n"
        + SDP
        + "\r\n--b1--\r\n";

    SessionDescription sdp = find("multipart/mixed; boundary=\"b1\"", body);

    assertEquals(30000, sdp.media().get(0).port());
  }

  @Test
  void malformedSdpPartReportsItsOffsetInTheBody() {
    String body = "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nc=IN\r\n--b1--\r\n";

    SipParseException e = assertThrows(SipParseException.class, () -> find("multipart/mixed;boundary=b1", body));

    assertEquals(body.indexOf("IN"), e.offset());
  }

  @Test
  void multipartWithoutSdpOrWithoutBoundaryGivesNull() {
    String body = "--b1\r\nContent-Type: application/isup\r\n\r\n01\r\n--b1--\r\n";

    assertNull(find("multipart/mixed;boundary=b1", body));
    assertNull(find("multipart/mixed", body));
    assertNull(find("text/plain", SDP));
  }

  private static SessionDescription find(String type, String body) {
    byte[] b = body.getBytes(UTF_8);
    return SdpBodies.find(MediaType.parse(type), b, 0, b.length);
  }
}
