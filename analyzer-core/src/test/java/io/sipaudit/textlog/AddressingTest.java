package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.PacketRef.Inferred;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class AddressingTest {
  private static final Endpoint PEER = Endpoint.parse("198.51.100.7:5060");

  private static Addressing.Pending pending(Direction d, @Nullable Endpoint src, @Nullable Endpoint dst, String msg) {
    byte[] b = msg.getBytes(StandardCharsets.ISO_8859_1);
    return new Addressing.Pending(new PacketRef("t", 1, 0, Instant.EPOCH), d, src, dst, Transport.UDP,
        SipParser.tryParse(b, 0, b.length), null);
  }

  private static final String INBOUND_OPTIONS =
      "OPTIONS sip:203.0.113.1 SIP/2.0\r\nVia: SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK1\r\nl: 0\r\n\r\n";
  private static final String OUTBOUND_INVITE =
      "INVITE sip:2000@198.51.100.7 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9:5160;branch=z9hG4bK2\r\nCSeq: 1 INVITE\r\n"
      + "l: 0\r\n\r\n";

  @Test
  void messagesWaitUntilTheNodeAddressIsLearnedSoAllGetTheSameOne() {
    List<IngestEvent> out = new ArrayList<>();
    Addressing a = new Addressing(null, new TextTraceStats("t"));

    a.submit(pending(Direction.IN, PEER, null, INBOUND_OPTIONS), out::add);
    assertEquals(List.of(), out, "the Request-URI is only a hint: wait for better");
    a.submit(pending(Direction.OUT, null, PEER, OUTBOUND_INVITE), out::add);

    assertEquals(List.of("192.0.2.9:5160", "192.0.2.9:5160"), List.of(out.get(0).dst().toString(),
        out.get(1).src().toString()), "the node's own Via, from the INVITE it sent");
    assertTrue(out.get(0).ref().isInferred(Inferred.DESTINATION));
  }

  @Test
  void withNothingBetterTheRequestUriHintIsUsedAtTheEnd() {
    List<IngestEvent> out = new ArrayList<>();
    Addressing a = new Addressing(null, new TextTraceStats("t"));

    a.submit(pending(Direction.IN, PEER, null, INBOUND_OPTIONS), out::add);
    a.finish(out::add);

    assertEquals("203.0.113.1:5060", out.get(0).dst().toString());
  }

  @Test
  void afterTooManyWaitingMessagesTheNodeIsTheUnspecifiedAddress() {
    List<IngestEvent> out = new ArrayList<>();
    Addressing a = new Addressing(null, new TextTraceStats("t"));
    String response = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP somewhere.example;branch=z9hG4bK3\r\nl: 0\r\n\r\n";

    for (int i = 0; i < Addressing.MAX_WAITING; i++) {
      a.submit(pending(Direction.OUT, null, PEER, response), out::add);
    }

    assertEquals(Addressing.MAX_WAITING, out.size());
    assertEquals("0.0.0.0:0", out.get(0).src().toString());
  }

  @Test
  void configuredNodeAddressIsUsedAtOnce() {
    List<IngestEvent> out = new ArrayList<>();
    Addressing a = new Addressing(Endpoint.parse("[2001:db8::1]:5060"), new TextTraceStats("t"));

    a.submit(pending(Direction.IN, PEER, null, INBOUND_OPTIONS), out::add);

    assertEquals("[2001:db8::1]:5060", out.get(0).dst().toString());
  }

  @Test
  void bareResponseIsSentFromWhereItsRequestWent() {
    List<IngestEvent> out = new ArrayList<>();
    Addressing a = new Addressing(null, new TextTraceStats("t"));

    a.submit(pending(Direction.UNKNOWN, null, null, OUTBOUND_INVITE), out::add);
    a.submit(pending(Direction.UNKNOWN, null, null,
        "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 192.0.2.9:5160;branch=z9hG4bK2\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n"),
        out::add);

    assertEquals("192.0.2.9:5160 -> 198.51.100.7:5060", out.get(0).src() + " -> " + out.get(0).dst());
    assertEquals("198.51.100.7:5060 -> 192.0.2.9:5160", out.get(1).src() + " -> " + out.get(1).dst());
  }
}
