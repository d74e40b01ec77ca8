package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef.Inferred;
import io.sipaudit.net.Transport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class PjsipDialectTest {

  @Test
  void consoleLogGivesEachMessageWithItsPeerAndSkipsVerboseAndRtpNoise() {
    Traces t = Traces.resource("pjsip-console.txt");

    assertEquals(List.of("OPTIONS opt-1@192.0.2.10", "200 opt-1@192.0.2.10", "INVITE inv-1@192.0.2.10",
        "100 inv-1@192.0.2.10"), t.summaries());
    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "203.0.113.5:5060 -> 192.0.2.10:5060 UDP",
        "192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "203.0.113.5:5060 -> 192.0.2.10:5060 UDP"), t.routes());
    assertEquals(Arrays.asList(null, null, null, null), t.problems(), "sizes match the banners once CRs are back");
    assertEquals(4, t.stats().noiseLines(), "Executing, Got RTP, Strict RTP, CLI prompt");
    assertEquals(Set.of(Inferred.DESTINATION, Inferred.TIME), t.packet(0).ref().inferred());
    assertEquals(Set.of(Inferred.SOURCE, Inferred.TIME), t.packet(1).ref().inferred());
    assertEquals(26, t.packet(2).ref().frame(), "the INVITE's start line");
  }

  @Test
  void consoleTimesAreASyntheticClockOfOneMillisecondPerMessageFromTheDate() {
    Traces t = Traces.resource("pjsip-console.txt", TextTraceOptions.DEFAULTS.withDate(LocalDate.of(2024, 6, 10)));

    assertEquals(Instant.parse("2024-06-10T00:00:00Z"), t.packet(0).ref().timestamp());
    assertEquals(Instant.parse("2024-06-10T00:00:00.003Z"), t.packet(3).ref().timestamp());
  }

  @Test
  void fullLogPrefixGivesTheBannerTimeAndTheYearOfTheDateOption() {
    Traces t = Traces.resource("pjsip-full.log", TextTraceOptions.DEFAULTS.withDate(LocalDate.of(2024, 6, 10)));

    assertEquals(List.of("OPTIONS opt-1@[2001:db8::10]", "200 opt-1@[2001:db8::10]"), t.summaries());
    assertEquals(Instant.parse("2024-09-12T10:18:14Z"), t.packet(0).ref().timestamp());
    assertEquals(Instant.parse("2024-09-12T10:18:15Z"), t.packet(1).ref().timestamp());
    assertTrue(t.packet(0).ref().isInferred(Inferred.TIME), "the year is assumed");
    assertEquals(Endpoint.parse("[2001:db8::10]:5061"), t.packet(0).src());
    assertEquals(Transport.TLS, t.packet(0).transport());
    assertEquals(1, t.stats().noiseLines(), "the NOTICE line");
    assertNull(t.packet(1).problem());
  }

  @Test
  void localOptionNamesTheLoggingNode() {
    Traces t = Traces.resource("pjsip-console.txt",
        TextTraceOptions.DEFAULTS.withLocal(Endpoint.parse("203.0.113.5:5080")));

    assertEquals(Endpoint.parse("203.0.113.5:5080"), t.packet(0).dst());
    assertEquals(Endpoint.parse("203.0.113.5:5080"), t.packet(1).src());
    assertTrue(t.packet(1).ref().isInferred(Inferred.SOURCE), "not read from the log");
  }

  @Test
  void redactedPeerStillOpensARecordAndTheSenderComesFromTheVia() {
    Traces t = Traces.text("""
        <--- Received SIP request (120 bytes) from UDP:<CORPORATE OFFICE PUBLIC IP>:5060 --->
        OPTIONS sip:x.x.x.x SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.20:5060;branch=z9hG4bK1
        Call-ID: r1
        CSeq: 1 OPTIONS
        Content-Length: 0

        """);

    assertEquals(List.of("OPTIONS r1"), t.summaries());
    assertEquals(Endpoint.parse("198.51.100.20:5060"), t.packet(0).src());
    assertTrue(t.packet(0).ref().isInferred(Inferred.SOURCE));
  }
}
