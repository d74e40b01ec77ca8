package io.sipaudit.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class DestinationsTest {

  @Test
  void sipUriWithParamsBecomesHostPort() {
    assertEquals("127.0.1.12:5060", Destinations.hostPort("sip:127.0.1.12:5060;transport=tcp"));
  }

  @Test
  void missingPortGetsTheSchemeDefault() {
    assertEquals("10.1.1.1:5060", Destinations.hostPort("sip:10.1.1.1"));
    assertEquals("gw.example.com:5061", Destinations.hostPort("sips:gw.example.com"));
  }

  @Test
  void transportTlsWithoutAPortDefaultsTo5061() {
    // a Microsoft Teams Direct Routing dispatcher.list: 1 sip:sip.pstnhub.microsoft.com;transport=tls 0 1 ...
    assertEquals("sip.pstnhub.microsoft.com:5061", Destinations.hostPort("sip:sip.pstnhub.microsoft.com;transport=tls"));
    assertEquals("10.0.0.5:5061", Destinations.hostPort("sip:10.0.0.5;lr;transport=TLS"));
    assertEquals("10.0.0.5:5070", Destinations.hostPort("sip:10.0.0.5:5070;transport=tls"));
    assertEquals("10.0.0.5:5060", Destinations.hostPort("sip:10.0.0.5;transport=tcp"));
  }

  @Test
  void userPartIsDropped() {
    assertEquals("192.0.2.7:5080", Destinations.hostPort("sip:alice@192.0.2.7:5080"));
  }

  @Test
  void ipv6ReferenceKeepsBrackets() {
    assertEquals("[2001:db8::1]:5060", Destinations.hostPort("sip:[2001:db8::1]"));
    assertEquals("[2001:db8::1]:5070", Destinations.hostPort("sip:[2001:db8::1]:5070;lr"));
  }

  @Test
  void bareHostPortIsKept() {
    assertEquals("127.0.1.11:5060", Destinations.hostPort("127.0.1.11:5060"));
  }

  @Test
  void emptyHostIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Destinations.hostPort("sip:"));
  }
}
