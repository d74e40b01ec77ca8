package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.PacketRef.Inferred;
import io.sipaudit.net.Transport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SofiaDialectTest {
  private static final TextTraceOptions JUNE_10 = TextTraceOptions.DEFAULTS.withDate(LocalDate.of(2024, 6, 10));

  @Test
  void oldLayoutLosesItsIndentAndEndsAtTheIndentedDashes() {
    Traces t = Traces.resource("sofia-old.txt", JUNE_10);

    assertEquals(List.of("REGISTER reg-1@192.0.2.4", "401 reg-1@192.0.2.4"), t.summaries());
    assertTrue(t.text(0).startsWith("REGISTER sip:192.0.2.4;transport=UDP SIP/2.0\r\nVia: SIP/2.0/UDP"), t.text(0));
    assertNull(t.packet(0).problem(), "584-style byte count matches");
    assertEquals("192.0.2.4:5090", t.packet(0).src().toString());
    assertEquals(Instant.parse("2024-06-10T12:30:57.916812Z"), t.packet(0).ref().timestamp());
    assertTrue(t.packet(0).ref().isInferred(Inferred.TIME), "the date is assumed");
  }

  @Test
  void newLayoutTimesRollOverMidnightAndUseTheZone() {
    Traces t = Traces.resource("sofia-new.txt", JUNE_10.withZone(ZoneId.of("Europe/Berlin")));

    assertEquals(List.of("REGISTER reg-1@192.0.2.4", "401 reg-1@192.0.2.4"), t.summaries());
    assertEquals(Instant.parse("2024-06-10T21:59:59.999Z"), t.packet(0).ref().timestamp());
    assertEquals(Instant.parse("2024-06-10T22:00:00.000250Z"), t.packet(1).ref().timestamp(), "the next day");
    assertEquals(Transport.TCP, t.packet(0).transport());
    assertEquals("[2001:db8::4]:5090", t.packet(0).src().toString());
    assertEquals(1, t.stats().noiseLines(), "the FreeSWITCH DEBUG line between the messages");
  }

  @Test
  void editedCopyWithoutMicrosecondsOrPortAndATruncationMarkIsRead() {
    Traces t = Traces.text("""
        recv 99 bytes from udp/[192.0.2.4] at 12:30:57:
           ------------------------------------------------------------------------
           OPTIONS sip:192.0.2.4 SIP/2.0
           Call-ID: o1
           *** message truncated at 2047 ***
           l: 0
           
           ------------------------------------------------------------------------
        """, JUNE_10);

    assertEquals(List.of("OPTIONS o1"), t.summaries());
    assertEquals(Instant.parse("2024-06-10T12:30:57Z"), t.packet(0).ref().timestamp());
    assertEquals("192.0.2.4:0", t.packet(0).src().toString());
    assertTrue(t.packet(0).problem().contains("the trace cut a line"), t.packet(0).problem());
  }

  @Test
  void drachtiosDateBeforeTheStampGivesTheDate() {
    // drachtio's log: the log line's date and time, then sofia's stamp (drachtio-siprec-recording-server#49)
    String invite = "INVITE sip:1000@192.0.2.9:15060 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK1\r\n"
        + "Call-ID: d1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    Traces t = Traces.text("2021-09-07 07:36:14.784843 recv " + invite.length()
        + " bytes from udp/[192.0.2.4]:5060 at 07:36:14.784706:\n"
        + "------------------------------------------------------------------------\n"
        + invite.replace("\r\n", "\n") + "------------------------------------------------------------------------\n");

    assertEquals(List.of("INVITE d1"), t.summaries());
    assertEquals("192.0.2.4:5060", t.packet(0).src().toString());
    assertEquals(Instant.parse("2021-09-07T07:36:14.784706Z"), t.packet(0).ref().timestamp());
    assertTrue(!t.packet(0).ref().isInferred(Inferred.TIME), "date and time are both in the line");
  }
}
