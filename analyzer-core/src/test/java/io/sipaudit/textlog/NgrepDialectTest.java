package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.PacketRef.Inferred;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class NgrepDialectTest {

  @Test
  void bylineOutputGivesMessagesWithTheirCrsBackAndSkipsMarksAndPreamble() {
    Traces t = Traces.resource("ngrep-byline.txt");

    assertEquals(List.of("OPTIONS opt-1@192.0.2.10", "200 opt-1@192.0.2.10", "INVITE inv-1@192.0.2.10"),
        t.summaries());
    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "203.0.113.5:5060 -> 192.0.2.10:5060 TCP",
        "192.0.2.10:40000 -> 203.0.113.5:5060 TCP"), t.routes());
    assertTrue(t.text(0).startsWith("OPTIONS sip:203.0.113.5:5060 SIP/2.0\r\nVia: "), t.text(0));
    assertEquals(0, t.stats().noiseLines(), "interface:, filter:, #, exit and the counts are ngrep's own");
    assertEquals(Instant.parse("2024-06-10T08:13:20.123456Z"), t.packet(0).ref().timestamp());
  }

  @Test
  void messageSplitMidLineOverTwoTcpSegmentsIsJoinedExactly() {
    Traces t = Traces.resource("ngrep-byline.txt");

    assertEquals(Arrays.asList(null, null, null), t.problems());
    assertTrue(t.text(2).endsWith("\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n"), t.text(2));
    assertEquals(32, t.packet(2).ref().frame());
  }

  @Test
  void relativeTimesAddUpFromTheDateAndAreInferred() {
    Traces t = Traces.text("""
        #
        U +0.000000 192.0.2.10:5060 -> 203.0.113.5:5060
        OPTIONS sip:203.0.113.5 SIP/2.0.
        Call-ID: a.
        l: 0.
        .

        #
        U +1.250000 203.0.113.5:5060 -> 192.0.2.10:5060
        SIP/2.0 200 OK.
        Call-ID: a.
        l: 0.
        .

        """);

    assertEquals(List.of("OPTIONS a", "200 a"), t.summaries());
    assertEquals(Duration.ofMillis(1250), Duration.between(t.packet(0).ref().timestamp(), t.packet(1).ref().timestamp()));
    assertTrue(t.packet(1).ref().isInferred(Inferred.TIME));
  }

  @Test
  void laterIpFragmentContinuesTheDatagram() {
    Traces t = Traces.text("""
        #
        U 192.0.2.1:5060 -> 192.0.2.2:5060 4711@0:40
        MESSAGE sip:b@192.0.2.2 SIP/2.0.
        Call-ID: f.
        Content-Len
        #
        U 192.0.2.1 -> 192.0.2.2 +4711@40:22
        gth: 2.
        .
        ok

        """);

    assertEquals(List.of("MESSAGE f"), t.summaries());
    assertTrue(t.text(0).contains("\r\nContent-Length: 2\r\n\r\n"), t.text(0));
    assertEquals("ok", Traces.body(t.packet(0)));
  }
}
