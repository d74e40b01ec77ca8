package io.sipaudit.sip.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipaudit.sip.SipMethod;
import io.sipaudit.sip.SipParseException;
import org.junit.jupiter.api.Test;

final class CSeqTest {

  @Test
  void numberAndMethod() {
    assertEquals(new CSeq(4711, SipMethod.INVITE), CSeq.parse("4711 INVITE"));
    assertEquals(new CSeq(1, SipMethod.of("X-FOO")), CSeq.parse("  1\t X-FOO "));
    assertEquals("4711 INVITE", CSeq.parse("4711   INVITE").toString());
  }

  @Test
  void numbersUpTo2To32Minus1() {
    assertEquals(4294967295L, CSeq.parse("4294967295 BYE").number());
    assertThrows(SipParseException.class, () -> CSeq.parse("4294967296 BYE"));
  }

  @Test
  void malformedCSeqsSayWhatWasExpected() {
    assertEquals("expected sequence number (1*DIGIT, at most 2^32-1), found 'abc INVITE'",
        assertThrows(SipParseException.class, () -> CSeq.parse("abc INVITE")).reason());
    assertEquals("expected LWS after the sequence number, found 'INVITE'",
        assertThrows(SipParseException.class, () -> CSeq.parse("1INVITE")).reason());
    assertEquals("expected end of value after Method, found 'extra'",
        assertThrows(SipParseException.class, () -> CSeq.parse("1 INVITE extra")).reason());
    assertEquals("expected Method (token), found end of value",
        assertThrows(SipParseException.class, () -> CSeq.parse("1 ")).reason());
  }
}
