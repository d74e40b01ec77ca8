package io.sipaudit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class EndpointTest {

  @Test
  void ipv4PrintsAsAddressColonPort() {
    assertEquals("10.0.0.1:5060", Endpoint.parse("10.0.0.1:5060").toString());
  }

  @Test
  void ipv6PrintsInRfc5952FormInBrackets() {
    assertEquals("[2001:db8::1]:5060", Endpoint.parse("[2001:0db8:0:0:0:0:0:1]:5060").toString());
    assertEquals("[fe80::21a:a0ff:fe07:32e0]:5060", Endpoint.parse("[fe80:0:0:0:21a:a0ff:fe07:32e0]:5060").toString());
    assertEquals("[2001:db8:0:1:1:1:1:1]:1", Endpoint.parse("[2001:db8:0:1:1:1:1:1]:1").toString(),
        "a single zero group is not shortened");
    assertEquals("[2001:0:0:1::1]:1", Endpoint.parse("[2001:0:0:1:0:0:0:1]:1").toString(), "the longest run wins");
    assertEquals("[::]:0", Endpoint.parse("[::]:0").toString());
  }

  @Test
  void hostNamesAreRefusedRatherThanLookedUp() {
    assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("pbx.example.com:5060"));
  }

  @Test
  void endpointsOrderByAddressThenPort() {
    assertEquals(-1, Integer.signum(Endpoint.parse("10.0.0.2:5060").compareTo(Endpoint.parse("10.0.0.10:5060"))));
    assertEquals(-1, Integer.signum(Endpoint.parse("10.0.0.2:5060").compareTo(Endpoint.parse("10.0.0.2:5080"))));
  }
}
