package io.sipaudit.sip.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class SipUriTest {

  @Test
  void sipUriParts() {
    SipUri u = SipUri.parse("sip:bob@192.0.2.4:5060;transport=udp;lr");

    assertEquals("sip", u.scheme());
    assertEquals("bob", u.user());
    assertEquals("192.0.2.4", u.host());
    assertEquals(5060, u.port());
    assertEquals("udp", u.params().get("transport"));
    assertEquals("", u.params().get("lr"));
    assertEquals("192.0.2.4:5060", u.hostPort());
    assertTrue(u.isSip());
  }

  @Test
  void sipsWithoutUserOrPort() {
    SipUri u = SipUri.parse("SIPS:proxy.example.com");

    assertEquals("sips", u.scheme());
    assertEquals("", u.user());
    assertEquals("proxy.example.com", u.host());
    assertEquals(-1, u.port());
    assertEquals("SIPS:proxy.example.com", u.text());
  }

  @Test
  void ipv6ReferenceKeepsBracketsAndPort() {
    SipUri u = SipUri.parse("sip:alice@[2001:db8::7]:5061;maddr=[2001:db8::9]");

    assertEquals("[2001:db8::7]", u.host());
    assertEquals(5061, u.port());
    assertEquals("[2001:db8::9]", u.params().get("maddr"));
  }

  @Test
  void unbracketedIpv6HostIsTolerated() {
    SipUri withPort = SipUri.parse("sip:9876@fe80:0:0:0:21a:a0ff:fe07:32e0:5060;transport=udp");
    SipUri withoutPort = SipUri.parse("sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c");

    assertEquals("fe80:0:0:0:21a:a0ff:fe07:32e0", withPort.host());
    assertEquals(5060, withPort.port());
    assertEquals("udp", withPort.params().get("transport"));
    assertEquals("fec0:0:0:0:216:d3ff:fe0d:22c", withoutPort.host());
    assertEquals(-1, withoutPort.port());
  }

  @Test
  void passwordIsNotPartOfTheUser() {
    assertEquals("alice", SipUri.parse("sip:alice:secret@atlanta.example.com").user());
  }

  @Test
  void userWithSemicolonsAndHeadersAfterQuestionMark() {
    SipUri u = SipUri.parse("sip:+1234;isub=56@gw.example.com;user=phone?Subject=hi%20there");

    assertEquals("+1234;isub=56", u.user());
    assertEquals("gw.example.com", u.host());
    assertEquals("phone", u.params().get("user"));
    assertEquals(1, u.params().size());
  }

  @Test
  void telUriNumberAndParameters() {
    SipUri u = SipUri.parse("tel:+1-201-555-0123;phone-context=example.com");

    assertEquals("tel", u.scheme());
    assertEquals("+1-201-555-0123", u.user());
    assertEquals("", u.host());
    assertEquals("example.com", u.params().get("phone-context"));
    assertFalse(u.isSip());
  }

  @Test
  void otherSchemesKeepOnlyTheirText() {
    SipUri u = SipUri.parse("urn:service:sos");

    assertEquals("urn", u.scheme());
    assertEquals("", u.host());
    assertEquals("urn:service:sos", u.toString());
  }

  @Test
  void oddHostsAndPortsDoNotThrow() {
    assertEquals("x.x.x.x", SipUri.parse("sip:bob@x.x.x.x:port").host());
    assertEquals(-1, SipUri.parse("sip:bob@x.x.x.x:port").port());
    assertEquals(-1, SipUri.parse("sip:h:99999").port());
    assertEquals("", SipUri.parse("no colon at all").scheme());
  }
}
