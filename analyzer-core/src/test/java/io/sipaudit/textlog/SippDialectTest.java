package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.PacketRef.Inferred;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SippDialectTest {

  @Test
  void sentAndReceivedEntriesGiveDirectionSizeAndTimeInBothLayouts() {
    Traces t = Traces.resource("sipp-messages.log");

    assertEquals(List.of("INVITE inv-1@192.0.2.10", "100 inv-1@192.0.2.10"), t.summaries());
    assertEquals(Instant.parse("2024-06-10T08:13:20.123456Z"), t.packet(0).ref().timestamp());
    assertEquals(Instant.parse("2024-06-10T08:13:20.131002Z"), t.packet(1).ref().timestamp(), "the 3.3 epoch");
    assertEquals(Arrays.asList(null, null), t.problems(), "sizes match");
    assertEquals(1, t.stats().noiseLines(), "Added first buffered message");
  }

  @Test
  void addressesComeFromTheMessagesAndResponsesRetraceTheirRequest() {
    Traces t = Traces.resource("sipp-messages.log");

    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "203.0.113.5:5060 -> 192.0.2.10:5060 UDP"),
        t.routes());
    assertTrue(t.packet(0).ref().isInferred(Inferred.SOURCE));
    assertTrue(t.packet(0).ref().isInferred(Inferred.DESTINATION));
    assertTrue(t.packet(1).ref().isInferred(Inferred.SOURCE));
  }
}
