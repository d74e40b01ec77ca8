package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.PacketRef.Inferred;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TsharkFollowDialectTest {

  @Test
  void chunksTakeTheirNodeFromTheTabAndTheirLengthFromTheCount() {
    Traces t = Traces.resource("tshark-follow.txt");

    assertEquals(List.of("INVITE inv-1@192.0.2.10", "100 inv-1@192.0.2.10"), t.summaries());
    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "203.0.113.5:5060 -> 192.0.2.10:5060 UDP"),
        t.routes());
    assertEquals(Arrays.asList(null, null), t.problems());
    assertTrue(t.packet(0).ref().isInferred(Inferred.TIME), "follow output has no times");
  }

  @Test
  void bodyLineOfDigitsInsideAChunkIsDataNotACount() {
    String message = "MESSAGE sip:b@203.0.113.5 SIP/2.0\r\nCall-ID: d\r\nContent-Length: 6\r\n\r\n1234\r\n";
    Traces t = Traces.text("\n" + "=".repeat(67) + "\nFollow: tcp,ascii\nFilter: tcp.stream eq 3\n"
        + "Node 0: [2001:db8::1]:5060\nNode 1: [2001:db8::2]:5060\n" + message.length() + "\n" + message + "\n"
        + "=".repeat(67) + "\n");

    assertEquals(List.of("MESSAGE d"), t.summaries());
    assertEquals(List.of("[2001:db8::1]:5060 -> [2001:db8::2]:5060 TCP"), t.routes());
    assertEquals("1234\r\n", Traces.body(t.packet(0)));
  }
}
