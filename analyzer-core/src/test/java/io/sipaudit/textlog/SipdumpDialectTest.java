package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.PacketRef.Inferred;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SipdumpDialectTest {

  @Test
  void blocksGiveBothAddressesAndTheEpochTimeAndTheExactBytes() {
    Traces t = Traces.resource("kamailio-sipdump.data");

    assertEquals(List.of("INVITE inv-1@192.0.2.10", "100 inv-1@192.0.2.10", "OPTIONS opt-1@192.0.2.10"),
        t.summaries());
    assertEquals("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", t.routes().get(0));
    assertEquals(Instant.parse("2024-06-10T08:13:20.123456Z"), t.packet(0).ref().timestamp());
    assertTrue(t.packet(0).ref().inferred().isEmpty());
    assertTrue(t.text(0).endsWith("a=sendrecv\r\n"), t.text(0));
    assertEquals(Arrays.asList(null, null, null), t.problems());
  }

  @Test
  void unknownDestinationOfAReceivedMessageIsTheLoggingNode() {
    Traces t = Traces.resource("kamailio-sipdump.data");

    assertEquals("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", t.routes().get(2), "the Request-URI, inferred");
    assertTrue(t.packet(2).ref().isInferred(Inferred.DESTINATION));
    assertFalse(t.packet(2).ref().isInferred(Inferred.SOURCE));
  }

  @Test
  void linesInsideTheMessageAreNeverTakenForMarkersAndPipesMayEndTheLastLine() {
    Traces t = Traces.text("""
        ====================
        tag: rcv
        time: 1718007200.5
        proto: tcp ipv4
        srcip: 192.0.2.10
        srcport: 5060
        dstip: 203.0.113.5
        dstport: 5060
        ~~~~~~~~~~~~~~~~~~~~
        MESSAGE sip:bob@203.0.113.5 SIP/2.0
        Call-ID: m1
        Content-Type: text/plain
        Content-Length: 32

        ====================
        4711
        done||||||||||||||||||||
        """);

    assertEquals(List.of("MESSAGE m1"), t.summaries());
    assertEquals("====================\r\n4711\r\ndone", Traces.body(t.packet(0)));
    assertEquals(Instant.parse("2024-06-10T08:13:20.5Z"), t.packet(0).ref().timestamp());
  }
}
