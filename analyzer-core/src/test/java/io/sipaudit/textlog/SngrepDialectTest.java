package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.PacketRef.Inferred;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class SngrepDialectTest {

  @Test
  void version2HeadersGiveBothAddressesAndTheTransportComesFromTheVia() {
    Traces t = Traces.resource("sngrep-2x.txt");

    assertEquals(List.of("INVITE inv-1@192.0.2.10", "100 inv-1@192.0.2.10"), t.summaries());
    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "203.0.113.5:5060 -> 192.0.2.10:5060 UDP"),
        t.routes());
    assertEquals(Set.of(Inferred.TRANSPORT), t.packet(0).ref().inferred());
    assertEquals(Instant.parse("2024-06-10T08:13:20.123456Z"), t.packet(0).ref().timestamp());
  }

  @Test
  void localTimesAreReadInTheGivenZone() {
    Traces t = Traces.resource("sngrep-2x.txt", TextTraceOptions.DEFAULTS.withZone(ZoneId.of("America/New_York")));

    assertEquals(Instant.parse("2024-06-10T12:13:20.123456Z"), t.packet(0).ref().timestamp());
  }

  @Test
  void version1AliasesAreUnknownAddressesFilledFromTheMessage() {
    Traces t = Traces.resource("sngrep-1x.txt");

    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "203.0.113.5:5060 -> 192.0.2.10:5060 UDP"),
        t.routes());
    assertTrue(t.packet(0).ref().isInferred(Inferred.SOURCE));
    assertTrue(t.packet(1).ref().isInferred(Inferred.DESTINATION));
  }
}
