package io.sipaudit.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.sip.header.CSeq;
import io.sipaudit.sip.header.NameAddress;
import io.sipaudit.sip.header.Reason;
import io.sipaudit.sip.header.Via;
import io.sipaudit.sip.sdp.SessionDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SipMessageTest {
  private final SipMessage invite = parse("invite-kamailio-sdp.sip");

  @Test
  void dialogIdentifiersOfARelayedInvite() {
    assertEquals("3c26700d4c3a11ef9f1d0242ac120002@198.51.100.7", invite.callId());
    assertEquals(new CSeq(102, SipMethod.INVITE), invite.cseq());
    assertEquals("as6a1f2c3d", invite.fromTag());
    assertNull(invite.toTag());
    assertEquals("z9hG4bK0c5e.b1a2f3e4d5c6b7a8.0", invite.topVia().branch());
  }

  @Test
  void fromAndToAreNameAddresses() {
    NameAddress from = invite.from();

    assertEquals("Alice Example", from.displayName());
    assertEquals("sip:alice@example.com", from.uri().text());
    assertEquals("alice", from.uri().user());
    assertEquals("example.com", from.uri().host());
    assertEquals("as6a1f2c3d", from.tag());
    assertEquals("+4930555123", invite.to().uri().user());
    assertNull(invite.to().tag());
  }

  @Test
  void viasComeInOrderWithTheirParameters() {
    List<Via> vias = invite.vias();

    assertEquals(2, vias.size());
    assertEquals("192.0.2.10", vias.get(0).host());
    assertEquals(-1, vias.get(0).port());
    Via client = vias.get(1);
    assertEquals("UDP", client.transport());
    assertEquals("198.51.100.7", client.sentBy().split(":")[0]);
    assertEquals(5060, client.port());
    assertEquals("198.51.100.7", client.received());
    assertEquals(5060, client.rport());
  }

  @Test
  void viaCommaListsAndFoldedViasAreAllReturned() {
    SipMessage m = parse("folded-quoted.sip");

    List<Via> vias = m.vias();

    assertEquals(List.of("z9hG4bKfold1", "z9hG4bKfold2", "z9hG4bKfold3"),
        vias.stream().map(Via::branch).toList());
    assertTrue(vias.get(1).hasRport());
    assertEquals(-1, vias.get(1).rport());
    assertEquals("198.51.100.90", vias.get(1).received());
    assertEquals("203.0.113.1", vias.get(2).host());
  }

  @Test
  void quotedDisplayNameWithCommaAndEscapedQuotes() {
    SipMessage m = parse("folded-quoted.sip");

    assertEquals("Smith, Bob \"The Builder\"", m.from().displayName());
    assertEquals("q1w2e3", m.fromTag());
    assertEquals("Bob", m.to().displayName());
    assertEquals("sip:bob@biloxi.example.com", m.to().uri().text());
    assertEquals("lunch at noon", m.header("Subject"));
  }

  @Test
  void contactsRoutesAndRecordRoutes() {
    SipMessage bye = parse("bye-reason.sip");

    assertEquals(List.of("sip:192.0.2.10;lr;ftag=as6a1f2c3d;did=b2c.a1", "sip:edge.example.com;lr"),
        bye.routes().stream().map(a -> a.uri().text()).toList());
    assertTrue(bye.routes().get(1).uri().params().has("lr"));
    assertEquals("sip:192.0.2.10;lr;ftag=as6a1f2c3d;did=b2c.a1", invite.recordRoutes().get(0).uri().text());
    assertEquals("sip:alice@198.51.100.7:5060;transport=udp", invite.contacts().get(0).uri().text());
  }

  @Test
  void contactParametersAndWildcard() {
    SipMessage register = parse("register-authorization.sip");
    SipMessage wildcard = SipParser.parse("REGISTER sip:r SIP/2.0\r\nContact: *\r\nExpires: 0\r\n\r\n");

    NameAddress contact = register.contacts().get(0);
    assertEquals("600", contact.params().get("expires"));
    assertEquals("<urn:uuid:00000000-0000-1000-8000-00d0c0ffee01>", contact.params().get("+sip.instance"));
    assertTrue(wildcard.contacts().get(0).isWildcard());
  }

  @Test
  void numbersAndSimpleHeaders() {
    assertEquals(69, invite.maxForwards());
    assertEquals(invite.body().remaining(), invite.contentLength());
    assertEquals("application/sdp", invite.contentType());
    assertEquals("Asterisk PBX 20.5.0", invite.userAgent());
    assertEquals("kamailio (5.7.4 (x86_64/linux))", parse("trying-100.sip").server());
  }

  @Test
  void authorizationUsernameFromAuthorizationOrProxyAuthorization() {
    SipMessage proxy = SipParser.parse("INVITE sip:b SIP/2.0\r\n"
        + "Proxy-Authorization: Digest realm=\"r\", username=\"dave\", nonce=\"n\"\r\n\r\n");

    assertEquals("carol", parse("register-authorization.sip").authorizationUsername());
    assertEquals("dave", proxy.authorizationUsername());
    assertNull(invite.authorizationUsername());
  }

  @Test
  void reasonHeadersOfA503() {
    SipMessage m = parse("service-unavailable-503.sip");

    assertEquals(new Reason("SIP", 503, "Overloaded", m.reason().params()), m.reason());
    assertEquals(List.of("SIP", "Q.850"), m.reasons().stream().map(Reason::protocol).toList());
    assertEquals(42, m.reasons().get(1).cause());
    assertEquals("120", m.header("Retry-After"));
  }

  @Test
  void compactFormMessageHasTheSameAccessors() {
    SipMessage m = parse("invite-compact-form.sip");

    assertEquals("a84b4c76e66710@pc33.atlanta.example.com", m.callId());
    assertEquals("1928301774", m.fromTag());
    assertEquals("Bob", m.to().displayName());
    assertEquals("pc33.atlanta.example.com", m.topVia().host());
    assertEquals("sip:alice@pc33.atlanta.example.com", m.contacts().get(0).uri().text());
    assertEquals(List.of("100rel", "timer"), m.headers("Supported"));
    assertEquals("application/sdp", m.mediaType().essence());
    assertEquals(m.body().remaining(), m.contentLength());
  }

  @Test
  void ipv6AddressesKeepTheirBrackets() {
    SipMessage m = parse("invite-ipv6.sip");
    Via via = m.topVia();

    assertEquals("[2001:db8::10]", via.host());
    assertEquals(5060, via.port());
    assertEquals("2001:db8::99", via.received());
    assertEquals(5062, via.rport());
    assertEquals("[2001:db8::20]", ((SipRequest) m).requestSipUri().host());
    assertEquals("[2001:db8::1]", m.recordRoutes().get(0).uri().host());
  }

  @Test
  void telUris() {
    SipRequest m = (SipRequest) parse("invite-tel-uri.sip");

    assertEquals("tel", m.requestSipUri().scheme());
    assertEquals("+1-201-555-0123", m.requestSipUri().user());
    assertEquals("example.com", m.to().uri().params().get("phone-context"));
    assertEquals("phone", m.from().uri().params().get("user"));
  }

  @Test
  void malformedHeaderThrowsFromItsAccessorWithTheOffsetInTheMessage() {
    String text = "INVITE sip:b SIP/2.0\r\nCSeq: abc INVITE\r\nMax-Forwards: many\r\n\r\n";
    SipMessage m = SipParser.parse(text);

    SipParseException cseq = assertThrows(SipParseException.class, m::cseq);
    SipParseException maxForwards = assertThrows(SipParseException.class, m::maxForwards);

    assertEquals(text.indexOf("abc"), cseq.offset());
    assertEquals("CSeq: expected sequence number (1*DIGIT, at most 2^32-1), found 'abc INVITE'", cseq.reason());
    assertEquals(text.indexOf("many"), maxForwards.offset());
    assertEquals("abc INVITE", m.header("CSeq"));
  }

  @Test
  void malformedViaInAListReportsWhereInTheMessage() {
    String text = "OPTIONS sip:b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=1, SIP/2.0/UDP\r\n\r\n";
    SipMessage m = SipParser.parse(text);

    SipParseException e = assertThrows(SipParseException.class, m::vias);

    assertEquals("1", m.topVia().branch());
    assertEquals(text.length() - 4, e.offset());
    assertEquals("Via: expected LWS before sent-by, found end of value", e.reason());
  }

  @Test
  void typedValuesAreComputedOnce() {
    assertSame(invite.callId(), invite.callId());
    assertSame(invite.cseq(), invite.cseq());
    assertSame(invite.from(), invite.from());
    assertSame(invite.vias(), invite.vias());
  }

  @Test
  void sdpOfAPlainAndOfAMultipartBody() {
    SessionDescription plain = invite.sdp();
    SessionDescription multipart = parse("invite-multipart-isup.sip").sdp();

    assertEquals("198.51.100.7", plain.connection().address());
    assertEquals(18046, plain.media().get(0).port());
    assertEquals(List.of("PCMA"), multipart.media().get(0).codecNames());
    assertNull(parse("notify-refer.sip").sdp());
    assertNull(parse("ack.sip").sdp());
  }

  @Test
  void malformedSdpReportsItsOffsetInTheMessage() {
    String text = "INVITE sip:b SIP/2.0\r\nc: application/sdp\r\n\r\nv=0\r\nm=audio port RTP/AVP 0\r\n";
    SipMessage m = SipParser.parse(text);

    SipParseException e = assertThrows(SipParseException.class, m::sdp);

    assertEquals(text.indexOf("audio"), e.offset());
    assertEquals("body: expected port (1*DIGIT, at most 65535), found 'port'", e.reason());
  }

  @Test
  void headersByNameWorkForAnyHeader() {
    SipMessage notify = parse("notify-refer.sip");

    assertEquals("refer;id=93809824", notify.header("o"));
    assertEquals("active;expires=60", notify.header("subscription-state"));
    assertEquals(List.of("active;expires=60"), notify.headerLines("Subscription-State"));
    assertEquals(List.of("1 102 INVITE"), parse("prack.sip").headers("RAck"));
  }

  @Test
  void requestsAndResponsesDescribeThemselves() {
    SipResponse ringing = (SipResponse) parse("ringing-180.sip");

    assertFalse(ringing.isRequest());
    assertTrue(ringing.status().isProvisional());
    assertEquals("SIP/2.0 180 Ringing (628 bytes)", ringing.toString());
    assertEquals("8f1c2a7e-55aa", ringing.toTag());
  }

  private static SipMessage parse(String fixture) {
    byte[] bytes = SipFixtures.message(fixture);
    return SipParser.parse(bytes, 0, bytes.length);
  }
}
