package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OpensipsDialectTest {

  @Test
  void colouredHeadersGiveAddressesAndUnpaddedMicroseconds() {
    Traces t = Traces.resource("opensips-trace.txt");

    assertEquals(List.of("INVITE inv-1@192.0.2.10", "100 inv-1@192.0.2.10"), t.summaries());
    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "[2001:db8::5]:5060 -> [2001:db8::10]:5060 UDP"),
        t.routes());
    assertEquals(Instant.parse("2024-06-10T08:13:20.005123Z"), t.packet(0).ref().timestamp(), ".5123 is 5,123 µs");
    assertEquals(Instant.parse("2024-06-10T08:13:20.512999Z"), t.packet(1).ref().timestamp());
    assertTrue(t.packet(0).ref().inferred().isEmpty());
    assertEquals(Arrays.asList(null, null), t.problems());
  }
}
