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
}
