package io.sipaudit.sip;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SipSnifferTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "OPTIONS sip:10.0.0.5:5080 SIP/2.0\r\nVia: x\r\n",
    "INVITE sip:bob@[2001:db8::1] SIP/2.0\n",
    "X-PING sip:lb SIP/2.0\r\n",
    "SIP/2.0 200 OK\r\n",
    "SIP/2.0 183 Session Progress\r\n",
    "SIP/2.0 487\r\n",
  })
  void sipStartLinesAreRecognised(String text) {
    assertTrue(SipSniffer.couldBeSip(bytes(text), 0, text.length()), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "HTTP/1.1 200 OK\r\n",
    "GET / HTTP/1.1\r\n",
    "INVITE sip:bob@b SIP/2.0",
    "INVITE sip:bob@b SIP/2.0 \r\n",
    "SIP/2.0 099 Odd\r\n",
    "SIP/2.0 2000 OK\r\n",
    "\u0080\u0000\u0012\u0034",
    "\r\n\r\n",
    "",
  })
  void otherBytesAreNot(String text) {
    byte[] b = bytes(text);
    assertFalse(SipSniffer.couldBeSip(b, 0, b.length), text);
  }

  @Test
  void byteBufferFromItsPosition() {
    ByteBuffer b = ByteBuffer.wrap(bytes("junkSIP/2.0 100 Trying\r\n")).position(4).asReadOnlyBuffer();

    assertTrue(SipSniffer.couldBeSip(b));
  }

  @Test
  void keepalivesAreOnlyLineEnds() {
    assertTrue(SipSniffer.isKeepalive(bytes("\r\n\r\n"), 0, 4));
    assertTrue(SipSniffer.isKeepalive(bytes("\r\n"), 0, 2));
    assertFalse(SipSniffer.isKeepalive(bytes("\r\n "), 0, 3));
    assertFalse(SipSniffer.isKeepalive(new byte[0], 0, 0));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }
}
