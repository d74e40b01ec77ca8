package io.sipaudit.sip.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.sip.SipParseException;
import org.junit.jupiter.api.Test;

final class ViaTest {

  @Test
  void protocolTransportSentByAndBranch() {
    Via v = Via.parse("SIP/2.0/TCP 192.0.2.4:5060;branch=z9hG4bK776asdhds");

    assertEquals("SIP/2.0", v.protocol());
    assertEquals("TCP", v.transport());
    assertEquals("192.0.2.4", v.host());
    assertEquals(5060, v.port());
    assertEquals("z9hG4bK776asdhds", v.branch());
    assertEquals("192.0.2.4:5060", v.sentBy());
    assertFalse(v.hasRport());
  }

  @Test
  void rportWithoutValueAndReceived() {
    Via v = Via.parse("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK1;received=203.0.113.9");

    assertTrue(v.hasRport());
    assertEquals(-1, v.rport());
    assertEquals("203.0.113.9", v.received());
  }

  @Test
  void rportWithValue() {
    assertEquals(41000, Via.parse("SIP/2.0/UDP h;rport=41000").rport());
    assertEquals(-1, Via.parse("SIP/2.0/UDP h;rport=x").rport());
  }

  @Test
  void ipv6SentByAndUnbracketedIpv6Received() {
    Via v = Via.parse("SIP/2.0/UDP [2001:db8::9]:5060;branch=z9hG4bK74bf9;received=2001:db8::10;rport=41000");

    assertEquals("[2001:db8::9]", v.host());
    assertEquals(5060, v.port());
    assertEquals("2001:db8::10", v.received());
    assertEquals(41000, v.rport());
  }

  @Test
  void unbracketedIpv6SentByIsToleratedAndANinthGroupIsThePort() {
    Via full = Via.parse("SIP/2.0/UDP fe80:0:0:0:21a:a0ff:fe07:32e0:5060;branch=z9hG4bKkdjuw8376");
    Via compressed = Via.parse("SIP/2.0/UDP fe80::1:5060;branch=z9hG4bK1");

    assertEquals("fe80:0:0:0:21a:a0ff:fe07:32e0", full.host());
    assertEquals(5060, full.port());
    assertEquals("fe80::1:5060", compressed.host(), "ambiguous with '::', so all of it is the host");
    assertEquals(-1, compressed.port());
  }

  @Test
  void whitespaceAroundSlashesColonAndSemicolonsIsAllowed() {
    Via v = Via.parse("SIP / 2.0 / WSS  ws.example.com : 443 ; branch = z9hG4bK9");

    assertEquals("SIP/2.0", v.protocol());
    assertEquals("WSS", v.transport());
    assertEquals("ws.example.com", v.host());
    assertEquals(443, v.port());
    assertEquals("z9hG4bK9", v.branch());
  }

  @Test
  void foldedViaIsParsedAcrossTheLineBreak() {
    Via v = Via.parse("SIP/2.0/UDP\r\n 203.0.113.1:5060;branch=z9hG4bKfold3");

    assertEquals("203.0.113.1", v.host());
  }

  @Test
  void missingBranchIsNull() {
    assertNull(Via.parse("SIP/2.0/UDP h").branch());
  }

  @Test
  void malformedViasSayWhatWasExpected() {
    assertEquals("expected LWS before sent-by, found end of value",
        assertThrows(SipParseException.class, () -> Via.parse("SIP/2.0/UDP")).reason());
    assertEquals("expected port (1*DIGIT), found 'abc'",
        assertThrows(SipParseException.class, () -> Via.parse("SIP/2.0/UDP h:abc")).reason());
    assertEquals("expected ']' closing the IPv6reference, found '[2001:db8::1'",
        assertThrows(SipParseException.class, () -> Via.parse("SIP/2.0/UDP [2001:db8::1")).reason());
    assertEquals("expected '/' after protocol-version, found ' UDP h'",
        assertThrows(SipParseException.class, () -> Via.parse("SIP/2.0 UDP h")).reason());
  }
}
