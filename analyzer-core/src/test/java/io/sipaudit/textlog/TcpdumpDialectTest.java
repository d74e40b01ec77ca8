package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.PacketRef.Inferred;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TcpdumpDialectTest {

  @Test
  void asciiOutputFindsTheStartLineAfterHeaderJunkThatSpansLines() {
    Traces t = Traces.resource("tcpdump-A.txt", TextTraceOptions.DEFAULTS.withDate(LocalDate.of(2024, 6, 10)));

    assertEquals(List.of("OPTIONS opt-1@192.0.2.10", "200 opt-1@192.0.2.10"), t.summaries());
    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "203.0.113.5:5060 -> 192.0.2.10:5060 TCP"),
        t.routes());
    assertTrue(t.text(0).startsWith("OPTIONS sip:203.0.113.5:5060 SIP/2.0\r\nVia:"), t.text(0));
    assertEquals(4, t.packet(0).ref().frame(), "the junk line holding the start line");
    assertEquals(Instant.parse("2024-06-10T08:13:20.123456Z"), t.packet(0).ref().timestamp());
    assertTrue(t.packet(0).ref().isInferred(Inferred.TIME), "a time of day");
    assertEquals(0, t.stats().noiseLines(), "header junk is tcpdump's own");
  }

  @Test
  void verboseOutputReadsTabIndentedLinesAndAddressesOnTheSecondLineOrInline() {
    Traces t = Traces.resource("tcpdump-v.txt");

    assertEquals(List.of("INVITE inv-1@192.0.2.10", "100 inv-1@192.0.2.10"), t.summaries());
    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "[2001:db8::5]:5060 -> [2001:db8::10]:5060 UDP"),
        t.routes());
    assertEquals(Instant.parse("2024-06-10T08:13:20.131002Z"), t.packet(1).ref().timestamp());
    assertTrue(t.packet(0).ref().inferred().isEmpty(), "-tttt gives the date");
    assertEquals(Arrays.asList(null, null), t.problems());
  }
}
