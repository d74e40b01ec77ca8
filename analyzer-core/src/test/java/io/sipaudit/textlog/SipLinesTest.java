package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class SipLinesTest {

  @Test
  void startLinesAreRequestsWithAnyTokenMethodAndStatusLines() {
    assertTrue(SipLines.isStartLine("INVITE sip:bob@203.0.113.5 SIP/2.0"));
    assertTrue(SipLines.isStartLine("invite sip:bob@203.0.113.5 SIP/2.0 "));
    assertTrue(SipLines.isStartLine("X-CUSTOM.1 tel:+1 SIP/2.0"));
    assertTrue(SipLines.isStartLine("SIP/2.0 100 Trying"));
    assertTrue(SipLines.isStartLine("SIP/2.0 200"));
    assertFalse(SipLines.isStartLine("SIP/2.0 700 Nope"));
    assertFalse(SipLines.isStartLine("Via: SIP/2.0/UDP 192.0.2.1"));
    assertFalse(SipLines.isStartLine("GET / HTTP/1.1"));
  }

  @Test
  void headerLinesNeedATokenNameThatStartsWithALetter() {
    assertTrue(SipLines.isHeaderLine("Via: SIP/2.0/UDP 192.0.2.10:5060"));
    assertTrue(SipLines.isHeaderLine("l:0"));
    assertTrue(SipLines.isHeaderLine("Content-Length : 0"));
    assertFalse(SipLines.isHeaderLine("192.168.1.9:5160;branch=z9hG4bK1"));
    assertFalse(SipLines.isHeaderLine("<sip:bob@x>;tag=1"));
    assertFalse(SipLines.isHeaderLine(" Via: x"));
  }

  @Test
  void contentLengthIsReadFromFullAndCompactNamesAndRejectsNonDigits() {
    assertEquals(42, SipLines.contentLength("Content-Length:  42 "));
    assertEquals(0, SipLines.contentLength("l: 0"));
    assertEquals(1_000_000_000_000L, SipLines.contentLength("Content-Length: 1000000000000"));
    assertEquals(-2, SipLines.contentLength("Content-Length: 12a"));
    assertEquals(-2, SipLines.contentLength("Content-Length: 99999999999999999999"));
    assertEquals(-1, SipLines.contentLength("Content-Type: text/plain"));
  }

  @Test
  void knownHeadersAreRecognisedBehindLeadingSpace() {
    assertTrue(SipLines.startsWithKnownHeader(" From: <sip:a@x>"));
    assertFalse(SipLines.startsWithKnownHeader(" sip:bob@x"));
  }
}
