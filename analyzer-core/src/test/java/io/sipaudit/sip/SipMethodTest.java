package io.sipaudit.sip;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class SipMethodTest {

  @Test
  void standardMethodsAreTheirConstants() {
    assertSame(SipMethod.INVITE, SipMethod.of("INVITE"));
    assertSame(SipMethod.PUBLISH, SipMethod.of("PUBLISH"));
    assertTrue(SipMethod.REFER.isStandard());
  }

  @Test
  void extensionMethodIsAFreshInstanceEqualByName() {
    SipMethod ping = SipMethod.of("X-PING");

    assertNotSame(ping, SipMethod.of("X-PING"));
    assertEquals(ping, SipMethod.of("X-PING"));
    assertEquals(ping.hashCode(), SipMethod.of("X-PING").hashCode());
    assertFalse(ping.isStandard());
    assertEquals("X-PING", ping.toString());
  }

  @Test
  void methodsAreCaseSensitive() {
    assertNotEquals(SipMethod.INVITE, SipMethod.of("invite"));
  }

  @Test
  void methodFromBytesNeedsNoStringForStandardMethods() {
    byte[] line = "xxBYE sip:b".getBytes(US_ASCII);

    assertSame(SipMethod.BYE, SipMethod.of(line, 2, 3));
    assertEquals(SipMethod.of("BY"), SipMethod.of(line, 2, 2));
  }

  @Test
  void emptyMethodIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> SipMethod.of(""));
  }
}
