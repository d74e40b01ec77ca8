package io.sipaudit.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class StatusCodeTest {

  @Test
  void registeredCodesAreTheirConstantsWithTheRfcPhrase() {
    assertSame(StatusCode.SERVICE_UNAVAILABLE, StatusCode.of(503));
    assertEquals("Service Unavailable", StatusCode.of(503).reasonPhrase());
    assertEquals("481 Call/Transaction Does Not Exist", StatusCode.of(481).toString());
  }

  @Test
  void unregisteredCodeInRangeIsAFreshInstanceEqualByCode() {
    StatusCode odd = StatusCode.of(499);

    assertEquals(odd, StatusCode.of(499));
    assertFalse(odd.isRegistered());
    assertEquals("", odd.reasonPhrase());
    assertEquals(4, odd.codeClass());
    assertEquals("499", odd.toString());
  }

  @Test
  void classHelpers() {
    assertTrue(StatusCode.RINGING.isProvisional());
    assertFalse(StatusCode.RINGING.isFinal());
    assertTrue(StatusCode.OK.isSuccess());
    assertTrue(StatusCode.OK.isFinal());
    assertFalse(StatusCode.BUSY_HERE.isSuccess());
    assertTrue(StatusCode.DECLINE.isFinal());
  }

  @Test
  void codesOutside100To699AreRejected() {
    assertThrows(IllegalArgumentException.class, () -> StatusCode.of(99));
    assertThrows(IllegalArgumentException.class, () -> StatusCode.of(700));
  }
}
