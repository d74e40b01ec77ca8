package io.sipaudit.sip.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.sip.SipParseException;
import org.junit.jupiter.api.Test;

final class MediaTypeTest {

  @Test
  void typeSubtypeAndBoundary() {
    MediaType t = MediaType.parse("multipart/mixed;boundary=\"unique-boundary-1\"");

    assertEquals("multipart", t.type());
    assertEquals("mixed", t.subtype());
    assertEquals("unique-boundary-1", t.params().get("boundary"));
  }

  @Test
  void typeAndSubtypeAreCaseInsensitive() {
    MediaType t = MediaType.parse("Application/SDP ; charset = utf-8");

    assertTrue(t.is("application", "sdp"));
    assertEquals("application/sdp", t.essence());
    assertEquals("utf-8", t.params().get("charset"));
  }

  @Test
  void missingSubtypeIsMalformed() {
    assertEquals("expected '/' after m-type, found end of value",
        assertThrows(SipParseException.class, () -> MediaType.parse("application")).reason());
  }
}
