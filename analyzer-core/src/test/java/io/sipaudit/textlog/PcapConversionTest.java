package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipaudit.capture.PcapWriter;
import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PcapConversionTest {
  @TempDir Path dir;

  private List<IngestEvent> convertAndReadBack(List<IngestEvent> events, String name) {
    Path pcap = dir.resolve(name);
    try (PcapConversion out = new PcapConversion(
        PcapWriter.create(pcap, PcapConversion.LINKTYPE_ETHERNET, PcapWriter.Precision.MICROS, false))) {
      events.forEach(out);
    }
    List<IngestEvent> back = new ArrayList<>();
    SipIngest.Result r = new SipIngest().run(List.of(pcap), back::add);
    assertEquals(List.of(), r.errors());
    return back;
  }

  private static String describe(IngestEvent e) {
    return e.ref().timestamp() + " " + e.src() + " -> " + e.dst() + " " + e.transport() + " "
        + ((SipPacket) e).message().startLine();
  }

  @Test
  void textTraceBecomesAPcapWithTheSameMessagesAddressesAndTimes() {
    List<IngestEvent> text = Traces.resource("ngrep-byline.txt").events();

    List<IngestEvent> back = convertAndReadBack(text, "ngrep.pcap");

    assertEquals(text.stream().map(PcapConversionTest::describe).toList(),
        back.stream().map(PcapConversionTest::describe).toList());
    for (int i = 0; i < text.size(); i++) {
      assertEquals(new String(((SipPacket) text.get(i)).message().toByteArray(), StandardCharsets.ISO_8859_1),
          new String(((SipPacket) back.get(i)).message().toByteArray(), StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void ipv6AndMixedFamiliesAreWrittenAsIpv6WithIpv4Mapped() {
    List<IngestEvent> text = new ArrayList<>(Traces.resource("opensips-trace.txt").events());
    byte[] m = "OPTIONS sip:x SIP/2.0\r\nCall-ID: mixed\r\nl: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    text.add(new SipPacket(new PacketRef("t", 9, 0, Instant.parse("2024-06-10T08:13:21Z")),
        Endpoint.parse("192.0.2.1:5060"), Endpoint.parse("[2001:db8::2]:5060"), Transport.TCP,
        SipParser.parse(m, 0, m.length), null));

    List<IngestEvent> back = convertAndReadBack(text, "v6.pcap");

    assertEquals(List.of("192.0.2.10:5060 -> 203.0.113.5:5060 UDP", "[2001:db8::5]:5060 -> [2001:db8::10]:5060 UDP",
        "192.0.2.1:5060 -> [2001:db8::2]:5060 TCP"),
        back.stream().map(e -> e.src() + " -> " + e.dst() + " " + e.transport()).toList());
  }

  @Test
  void udpMessageTooLargeForADatagramIsSkippedAndCounted() {
    byte[] big = ("MESSAGE sip:x SIP/2.0\r\nl: 70000\r\n\r\n" + "x".repeat(70_000)).getBytes(StandardCharsets.US_ASCII);
    SipPacket p = new SipPacket(new PacketRef("t", 1, 0, Instant.EPOCH), Endpoint.parse("192.0.2.1:5060"),
        Endpoint.parse("192.0.2.2:5060"), Transport.UDP, SipParser.parse(big, 0, big.length), null);

    try (PcapConversion out = new PcapConversion(PcapWriter.create(dir.resolve("big.pcap"),
        PcapConversion.LINKTYPE_ETHERNET, PcapWriter.Precision.MICROS, false))) {
      out.accept(p);
      assertEquals(0, out.written());
      assertEquals(1, out.skipped());
    }
  }
}
