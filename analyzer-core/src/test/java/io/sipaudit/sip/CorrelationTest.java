package io.sipaudit.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.sip.header.SessionId;
import org.junit.jupiter.api.Test;

final class CorrelationTest {
  private final SipMessage invite = SipParser.parse(SipFixtures.message("invite-kamailio-sdp.sip"));

  @Test
  void correlationHeadersOfARelayedInvite() {
    assertEquals("3c26700d4c3a11ef9f1d0242ac120002@198.51.100.7", Correlation.xCid(invite));
    assertEquals("3c2670a2", Correlation.icid(invite));
    SessionId sessionId = Correlation.sessionId(invite);
    assertEquals("ab30317f1a784dc48ff824d0d3715d86", sessionId.local());
    assertEquals("00000000000000000000000000000000", sessionId.remote());
  }

  @Test
  void absentHeadersGiveNull() {
    SipMessage m = SipParser.parse("BYE sip:b SIP/2.0\r\n\r\n");

    assertNull(Correlation.xCid(m));
    assertNull(Correlation.xCallId(m));
    assertNull(Correlation.sessionId(m));
    assertNull(Correlation.icid(m));
  }

  @Test
  void xCallIdAndQuotedIcid() {
    SipMessage m = SipParser.parse("BYE sip:b SIP/2.0\r\nx-call-id: orig-1@a\r\n"
        + "P-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\";orig-ioi=home1.net\r\n\r\n");

    assertEquals("orig-1@a", Correlation.xCallId(m));
    assertEquals("AyretyU0dm+6O2IrT5tAFrbHLso=023551024", Correlation.icid(m));
  }

  @Test
  void malformedSessionIdThrows() {
    SipMessage m = SipParser.parse("BYE sip:b SIP/2.0\r\nSession-ID: ;remote=x\r\n\r\n");

    SipParseException e = assertThrows(SipParseException.class, () -> Correlation.sessionId(m));
    assertTrue(e.reason().startsWith("expected local-uuid"), e.reason());
  }
}
