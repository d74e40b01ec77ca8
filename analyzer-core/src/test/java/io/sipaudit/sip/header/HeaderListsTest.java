package io.sipaudit.sip.header;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class HeaderListsTest {

  @Test
  void commasInQuotesBracketsAndIpv6DoNotSplit() {
    String value = "\"Smith, \\\"B\\\", Bob\" <sip:b@x;a=1,2>, SIP/2.0/UDP [2001:db8::1,odd]:5060, last";
    byte[] b = value.getBytes(UTF_8);

    int first = HeaderLists.elementEnd(b, 0, b.length);
    int second = HeaderLists.elementEnd(b, first + 1, b.length);

    assertEquals(value.indexOf(">, ") + 1, first);
    assertEquals(value.indexOf(", last"), second);
    assertEquals(b.length, HeaderLists.elementEnd(b, second + 1, b.length));
  }

  @Test
  void blankElements() {
    byte[] b = " \t\r\n x".getBytes(UTF_8);

    assertTrue(HeaderLists.isBlank(b, 0, 5));
    assertFalse(HeaderLists.isBlank(b, 0, 6));
  }
}
