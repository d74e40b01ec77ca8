package io.sipaudit.sip.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipaudit.sip.SipParseException;
import org.junit.jupiter.api.Test;

final class ReasonTest {

  @Test
  void protocolCauseAndText() {
    Reason r = Reason.parse("Q.850;cause=16;text=\"Normal call clearing\"");

    assertEquals("Q.850", r.protocol());
    assertEquals(16, r.cause());
    assertEquals("Normal call clearing", r.text());
  }

  @Test
  void missingOrOddCauseIsMinusOne() {
    assertEquals(-1, Reason.parse("SIP").cause());
    assertEquals(-1, Reason.parse("SIP;cause=abc").cause());
    assertNull(Reason.parse("SIP;cause=200").text());
  }

  @Test
  void malformedReasonSaysWhatWasExpected() {
    assertEquals("expected protocol (token), found ';cause=1'",
        assertThrows(SipParseException.class, () -> Reason.parse(";cause=1")).reason());
  }
}
