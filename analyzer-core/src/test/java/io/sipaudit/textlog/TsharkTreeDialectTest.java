package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TsharkTreeDialectTest {

  @Test
  void dissectionGivesStartLineHeadersAddressesAndEpochTime() {
    Traces t = Traces.resource("tshark-V.txt");

    assertEquals(List.of("INVITE inv-1@192.0.2.10", "100 inv-1@192.0.2.10"), t.summaries());
    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "203.0.113.5:5060 -> 192.0.2.10:5060 UDP"),
        t.routes());
    assertEquals(Instant.parse("2024-06-10T08:13:20.123456Z"), t.packet(0).ref().timestamp());
    assertEquals("inv-1@192.0.2.10", t.packet(0).message().header("Call-ID"));
    assertEquals("20 INVITE", t.packet(0).message().header("CSeq"));
  }

  @Test
  void fieldsAndGeneratedLinesAreSkippedAndTheBodyIsSaidToBeMissing() {
    Traces t = Traces.resource("tshark-V.txt");

    assertFalse(t.text(0).contains("Transport: UDP"), t.text(0));
    assertFalse(t.text(0).contains("Generated"), t.text(0));
    assertFalse(t.text(0).contains("Method:"), t.text(0));
    assertTrue(t.packet(0).problem().contains("body dissected"), t.packet(0).problem());
    assertNull(t.packet(1).problem(), "no body, nothing missing");
  }
}
