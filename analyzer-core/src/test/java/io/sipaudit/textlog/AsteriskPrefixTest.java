package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

final class AsteriskPrefixTest {

  @Test
  void defaultDateFormatHasNoYear() {
    AsteriskPrefix.Prefixed p = AsteriskPrefix.parse(
        "[Sep  2 10:18:14] VERBOSE[2152][C-00000001] res_pjsip_logger.c: <--- Transmitting SIP request");

    assertEquals(new LogTime.NoYear(9, 2, LocalTime.parse("10:18:14")), p.time());
    assertEquals("<--- Transmitting SIP request", p.rest());
  }

  @Test
  void freePbxDateFormatAndNoticeLinesWithFileAndFunction() {
    AsteriskPrefix.Prefixed p = AsteriskPrefix.parse(
        "[2024-06-10 08:13:20.123] NOTICE[2140]: chan_sip.c:25345 in handle_request_register: Registration failed");

    assertEquals(new LogTime.Wall(LocalDateTime.parse("2024-06-10T08:13:20.123")), p.time());
    assertEquals("Registration failed", p.rest());
  }

  @Test
  void chanSipBannerLineIsEmptyAfterThePrefix() {
    assertEquals("", AsteriskPrefix.parse("[Sep 12 10:18:14] VERBOSE[3012][C-00000002] chan_sip.c: ").rest());
  }

  @Test
  void otherBracketedLinesAreNotPrefixes() {
    assertNull(AsteriskPrefix.parse("[Generated Call-ID: abc@192.0.2.1]"));
    assertNull(AsteriskPrefix.parse("<--- Received SIP request (1 bytes) from UDP:192.0.2.1:5060 --->"));
  }
}
