package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.PacketRef.Inferred;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ChanSipDialectTest {

  @Test
  void version18LogGivesReadsAndAllThreeTransmitFormsAndCountsTheEmptyReadAsKeepalive() {
    Traces t = Traces.resource("chan-sip-18.txt");

    assertEquals(List.of("OPTIONS opt-1@198.51.100.7", "INVITE inv-1@192.0.2.9", "200 opt-1@198.51.100.7",
        "INVITE inv-1@192.0.2.9"), t.summaries());
    assertEquals(List.of("198.51.100.7:5060 -> 192.0.2.9:5160 UDP", "192.0.2.9:5160 -> 203.0.113.9:5060 UDP",
        "192.0.2.9:5160 -> 198.51.100.7:5060 UDP", "192.0.2.9:5160 -> 203.0.113.9:5060 UDP"), t.routes());
    assertEquals(1, t.stats().keepalives(), "the read with nothing in it");
    assertEquals(1, t.stats().noiseLines(), "Really destroying SIP dialog");
    assertEquals(Arrays.asList(null, null, null, null), t.problems());
  }

  @Test
  void fullLogTimeComesFromThePrefixedEmptyLineBeforeTheBanner() {
    Traces t = Traces.resource("chan-sip-18.txt");

    assertEquals(Instant.parse("2024-06-10T08:13:21Z"), t.packet(0).ref().timestamp());
    assertFalse(t.packet(0).ref().isInferred(Inferred.TIME));
    assertTrue(t.packet(1).ref().isInferred(Inferred.TIME), "the transmit line has no prefix");
  }

  @Test
  void transmitLinesNameNoTransportSoItComesFromTheVia() {
    Traces t = Traces.resource("chan-sip-18.txt");

    assertFalse(t.packet(0).ref().isInferred(Inferred.TRANSPORT), "read from UDP:...");
    assertTrue(t.packet(1).ref().isInferred(Inferred.TRANSPORT));
  }

  @Test
  void version14LogEndsReadsAtTheHeaderSummaryAndSendsAtTheDashes() {
    Traces t = Traces.resource("chan-sip-14.txt");

    assertEquals(List.of("OPTIONS opt-1@198.51.100.7", "200 opt-1@198.51.100.7"), t.summaries());
    assertEquals("198.51.100.7:5060", t.packet(0).src().toString());
    assertEquals("198.51.100.7:5060", t.packet(1).dst().toString());
    assertEquals(Arrays.asList(null, null), t.problems());
  }

  @Test
  void aFullLogWithTheDateOnEveryLineGivesEachMessageWithItsTime() {
    // XiVO's /var/log/asterisk/full: "[Mar 30 13:35:51] " on every line, message lines included, no level
    String p = "[Mar 30 13:35:51] ";
    Traces t = Traces.text(p + "\n" + p + "<--- SIP read from UDP:10.49.0.1:5064 --->\n" + p + "jaK\n"
        + p + "<------------->\n" + p + "\n" + p + "<--- SIP read from UDP:10.49.0.1:5064 --->\n"
        + p + "REGISTER sip:10.49.0.2 SIP/2.0\n" + p + "Via: SIP/2.0/UDP 192.168.18.90:5064;branch=z9hG4bK17\n"
        + p + "From: <sip:kk@10.49.0.2>;tag=61\n" + p + "To: <sip:kk@10.49.0.2>\n" + p + "Call-ID: 2547\n"
        + p + "CSeq: 1 REGISTER\n" + p + "Content-Length: 0\n" + p + "\n" + p + "<------------->\n"
        + p + "<--- Transmitting (no NAT) to 10.49.0.1:5064 --->\n" + p + "SIP/2.0 401 Unauthorized\n"
        + p + "Via: SIP/2.0/UDP 192.168.18.90:5064;branch=z9hG4bK17\n" + p + "From: <sip:kk@10.49.0.2>;tag=61\n"
        + p + "To: <sip:kk@10.49.0.2>;tag=as3f\n" + p + "Call-ID: 2547\n" + p + "CSeq: 1 REGISTER\n"
        + p + "Content-Length: 0\n" + p + "\n" + p + "<------------->\n");

    assertEquals(List.of("REGISTER 2547", "401 2547"), t.summaries());
    assertEquals("10.49.0.1:5064", t.packet(0).src().toString());
    assertEquals("10.49.0.1:5064", t.packet(1).dst().toString());
    assertEquals(Arrays.asList(null, null), t.problems());
    for (int i = 0; i < 2; i++) {   // the prefix has no year, which is inferred; the rest is the prefix's
      java.time.LocalDateTime at = java.time.LocalDateTime.ofInstant(t.packet(i).ref().timestamp(),
          java.time.ZoneOffset.UTC);
      assertEquals("03-30T13:35:51", at.toString().substring(5), "message " + i);
    }
  }
}
