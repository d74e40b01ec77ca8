package io.sipaudit.ingest;

import static io.sipaudit.testing.Packets.A;
import static io.sipaudit.testing.Packets.B;
import static io.sipaudit.testing.Packets.ascii;
import static io.sipaudit.testing.Packets.eth;
import static io.sipaudit.testing.Packets.ipv4;
import static io.sipaudit.testing.Packets.tcp;
import static io.sipaudit.testing.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.capture.PcapWriter;
import io.sipaudit.net.NetCounter;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;
import io.sipaudit.synth.SynthConfig;
import io.sipaudit.synth.SyntheticCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SipIngestTest {
  private static final String INVITE = "INVITE sip:bob@b SIP/2.0\r\nVia: SIP/2.0/TCP a;branch=z9hG4bK1\r\n"
      + "Call-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 10\r\n\r\nv=0\r\ns=x\r\n";
  private static final String TRYING = "SIP/2.0 100 Trying\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n";
  private static final String BYE = "BYE sip:bob@b SIP/2.0\r\nCall-ID: c1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";

  @TempDir Path dir;

  private Path pcap(String name, byte[]... frames) {
    Path p = dir.resolve(name);
    try (PcapWriter w = PcapWriter.create(p, 1, PcapWriter.Precision.MICROS, false)) {
      long t = 0;
      for (byte[] f : frames) {
        w.write(Instant.ofEpochSecond(1_700_000_000L + t++), f);
      }
    }
    return p;
  }

  private static List<IngestEvent> run(List<Path> files, List<SipIngest.Result> result) {
    List<IngestEvent> events = new ArrayList<>();
    result.add(new SipIngest().run(files, events::add));
    return events;
  }

  private static List<String> summaries(List<IngestEvent> events) {
    List<String> out = new ArrayList<>();
    for (IngestEvent e : events) {
      if (e instanceof SipPacket p) {
        out.add(p.message() instanceof SipRequest r ? r.method().name() : Integer.toString(((SipResponse) p.message()).statusCode()));
      } else {
        out.add("MALFORMED");
      }
    }
    return out;
  }

  @Test
  void tcpStreamSplitAtEveryOffsetYieldsTheSameMessages() {
    byte[] stream = ascii(INVITE + "\r\n\r\n" + TRYING + BYE);
    for (int cut = 1; cut < stream.length; cut++) {
      byte[] s1 = eth(ipv4(A, B, 6, tcp(40000, 5060, 101, 0x18, Arrays.copyOfRange(stream, 0, cut))));
      byte[] s2 = eth(ipv4(A, B, 6, tcp(40000, 5060, 101 + cut, 0x18, Arrays.copyOfRange(stream, cut, stream.length))));
      List<SipIngest.Result> r = new ArrayList<>();
      List<IngestEvent> events = run(List.of(pcap("split" + cut + ".pcap", s1, s2)), r);
      assertEquals(List.of("INVITE", "100", "BYE"), summaries(events), "cut at " + cut);
      assertEquals(1, r.get(0).sip().keepalives(), "cut at " + cut);
    }
  }

  @Test
  void datagramWithTwoMessagesAndKeepaliveYieldsBoth() {
    List<SipIngest.Result> r = new ArrayList<>();
    List<IngestEvent> events = run(List.of(pcap("u.pcap", eth(ipv4(A, B, 17, udp(5060, 5060, TRYING + "\r\n\r\n" + BYE))))), r);
    assertEquals(List.of("100", "BYE"), summaries(events));
  }

  @Test
  void sipIsRecognisedOnAnyPortAndNonSipOn5060IsCounted() {
    List<SipIngest.Result> r = new ArrayList<>();
    List<IngestEvent> events = run(List.of(pcap("ports.pcap",
        eth(ipv4(A, B, 17, udp(5080, 6060, BYE))),
        eth(ipv4(A, B, 17, udp(5060, 5060, "\u0080\u0000rtp-ish payload"))))), r);
    assertEquals(List.of("BYE"), summaries(events));
    assertEquals(1, r.get(0).sip().nonSipDatagrams());
  }

  @Test
  void aHelloKeepaliveOn5060IsANonSipDatagramNotAMalformedMessage() {
    // nDPI's sip_hello.pcapng: a phone and its server trade 5-byte "hello" datagrams between registrations
    List<SipIngest.Result> r = new ArrayList<>();
    List<IngestEvent> events = run(List.of(pcap("hello.pcap",
        eth(ipv4(A, B, 17, udp(5060, 5060, "hello"))), eth(ipv4(B, A, 17, udp(5060, 5060, "hello"))),
        eth(ipv4(A, B, 17, udp(5060, 5060, BYE))))), r);
    assertEquals(List.of("BYE"), summaries(events));
    assertEquals(2, r.get(0).sip().nonSipDatagrams());
    assertEquals(0, r.get(0).sip().malformedMessages());
    assertEquals(0, r.get(0).sip().truncatedMessages());
  }

  @Test
  void aDatagramCutBySnaplenInsideItsHeadersStillCountsItsMessageWithoutTheCutLine() {
    // tcpdump -s 200 keeps ~158 bytes of SIP: the cut can fall anywhere, e.g. right after the "T" of "To:"
    byte[] whole = eth(ipv4(A, B, 17, udp(5060, 5060, INVITE)));
    int headers = 14 + 20 + 8;
    for (int keep = INVITE.indexOf("\r\n") + 2; keep < INVITE.length(); keep++) {
      byte[] cut = Arrays.copyOf(whole, headers + keep);
      Path p = pcap("cut" + keep + ".pcap", cut);
      List<IngestEvent> events = new ArrayList<>();
      // with the dialog headers required too: a line the cut left half-written (Via: SIP/2.0/TC) is left out
      SipIngest.Result r = new SipIngest().requireDialogHeaders(true).run(List.of(p), events::add);
      assertEquals(List.of("INVITE"), summaries(events), "cut after " + keep + " bytes of SIP");
      assertEquals(0, r.sip().malformedMessages(), "cut after " + keep + " bytes of SIP");
    }
  }

  @Test
  void aNetmonOrSnoopCaptureIsNamedWithItsConversionInsteadOfReadAsText() throws Exception {
    // Network Monitor 2.x files start "GMBU" (c07-sip-r2.cap of the PROTOS SIP suite is one), snoop "snoop\0\0\0"
    Path netmon = dir.resolve("trace.cap");
    Files.write(netmon, ("GMBU" + "\u0000".repeat(60) + "INVITE sip:a@b SIP/2.0\r\n").getBytes(StandardCharsets.ISO_8859_1));
    Path snoop = dir.resolve("s.snoop");
    Files.write(snoop, ("snoop\u0000\u0000\u0000" + "\u0000".repeat(40)).getBytes(StandardCharsets.ISO_8859_1));

    SipIngest.Result r = new SipIngest().run(List.of(netmon, snoop), e -> { });

    assertEquals(2, r.errors().size(), r.errors()::toString);
    assertEquals(netmon + " is a Microsoft Network Monitor 2.x capture, which sipaudit does not read (it reads pcap,"
        + " pcapng and SIP text traces); convert it with Wireshark's editcap: editcap -F pcapng " + netmon + " "
        + dir.resolve("trace.pcapng"), r.errors().get(0).message());
    assertTrue(r.errors().get(1).message().contains("is a Solaris snoop capture"), r.errors().get(1).message());

    // gzip-compressed, on standard input: the capture layer names it too
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
      z.write(Files.readAllBytes(netmon));
    }
    SipIngest.Result piped = new SipIngest().stdin(new java.io.ByteArrayInputStream(gz.toByteArray()))
        .run(List.of(Path.of("-")), e -> { });
    assertEquals(1, piped.errors().size(), piped.errors()::toString);
    assertTrue(piped.errors().get(0).message().startsWith("- is a Microsoft Network Monitor 2.x capture"),
        piped.errors().get(0).message());
  }

  @Test
  void truncatedFileKeepsEarlierMessagesAndNamesTheOffset() throws Exception {
    Path p = pcap("t.pcap", eth(ipv4(A, B, 17, udp(5060, 5060, INVITE))), eth(ipv4(A, B, 17, udp(5060, 5060, BYE))));
    byte[] all = Files.readAllBytes(p);
    Files.write(p, Arrays.copyOf(all, all.length - 10));
    List<SipIngest.Result> r = new ArrayList<>();
    List<IngestEvent> events = run(List.of(p), r);
    assertEquals(List.of("INVITE"), summaries(events));
    assertEquals(1, r.get(0).errors().size());
    long secondRecord = 24 + 16 + (all.length - 24 - 32) / 2 + (INVITE.length() - BYE.length()) / 2;
    assertTrue(r.get(0).errors().get(0).message().contains("offset"), r.get(0).errors().get(0).message());
    assertTrue(secondRecord > 0);
  }

  @Test
  void severalFilesAreMergedInTimeOrder() {
    Path early = dir.resolve("early.pcap");
    Path late = dir.resolve("late.pcap");
    try (PcapWriter w = PcapWriter.create(late, 1, PcapWriter.Precision.MICROS, false)) {
      w.write(Instant.ofEpochSecond(20), eth(ipv4(A, B, 17, udp(5060, 5060, BYE))));
    }
    try (PcapWriter w = PcapWriter.create(early, 1, PcapWriter.Precision.MICROS, false)) {
      w.write(Instant.ofEpochSecond(10), eth(ipv4(A, B, 17, udp(5060, 5060, TRYING))));
      w.write(Instant.ofEpochSecond(30), eth(ipv4(A, B, 17, udp(5060, 5060, INVITE))));
    }
    assertEquals(List.of("100", "BYE", "INVITE"), summaries(run(List.of(late, early), new ArrayList<>())));
  }

  @Test
  void malformedMessageIsKeptWithItsLocation() {
    String bad = "INVITE sip:bob@b SIP/2.0\r\nCall-ID: c1\r\nthis line has no colon\r\nContent-Length: 0\r\n\r\n";
    List<IngestEvent> events = run(List.of(pcap("m.pcap", eth(ipv4(A, B, 17, udp(5060, 5060, bad))))), new ArrayList<>());
    assertEquals(1, events.size());
    MalformedSip m = (MalformedSip) events.get(0);
    assertEquals(1, m.ref().frame());
    assertTrue(m.offset() > 0, "offset of the bad line: " + m.offset());
    assertTrue(m.location().contains("m.pcap frame 1"), m.location());
  }

  @Test
  void aMessageWhoseDialogHeadersCannotBeDecodedIsMalformedOnlyWhenDialogHeadersAreRequired() {
    // a parameter before '<' leaves no readable From tag; the From value takes bytes 61-83 of the message
    String badFrom = "INVITE sip:bob@b SIP/2.0\r\nCall-ID: c9\r\nCSeq: 1 INVITE\r\nFrom: a;b <sip:a@a>;tag=1\r\n"
        + "l: 0\r\n\r\n";
    Path p = pcap("d.pcap", eth(ipv4(A, B, 17, udp(5060, 5060, badFrom))), eth(ipv4(A, B, 17, udp(5060, 5060, BYE))));

    List<IngestEvent> lenient = new ArrayList<>();
    new SipIngest().run(List.of(p), lenient::add);
    List<IngestEvent> strict = new ArrayList<>();
    SipIngest.Result r = new SipIngest().requireDialogHeaders(true).run(List.of(p), strict::add);

    assertEquals(List.of("INVITE", "BYE"), summaries(lenient));
    assertEquals(List.of("MALFORMED", "BYE"), summaries(strict));
    MalformedSip m = (MalformedSip) strict.get(0);
    assertEquals(1, m.ref().frame());
    assertTrue(m.offset() >= 61 && m.offset() < 84, "offset " + m.offset());
    assertTrue(m.reason().startsWith("From: "), m.reason());
    assertEquals(1, r.sip().malformedMessages());
  }

  @Test
  void tcpGapDropsThePartialMessageAndRecoversAtTheNextOne() {
    byte[] stream = ascii(INVITE + BYE);
    byte[] first = Arrays.copyOfRange(stream, 0, 40);
    byte[] afterGap = Arrays.copyOfRange(stream, INVITE.length(), stream.length);
    List<SipIngest.Result> r = new ArrayList<>();
    List<IngestEvent> events = run(List.of(pcap("gap.pcap",
        eth(ipv4(A, B, 6, tcp(40000, 5060, 100, 0x02, new byte[0]))),
        eth(ipv4(A, B, 6, tcp(40000, 5060, 101, 0x18, first))),
        eth(ipv4(A, B, 6, tcp(40000, 5060, 101 + INVITE.length(), 0x18, afterGap))))), r);
    assertEquals(List.of("BYE"), summaries(events));
    assertEquals(40, r.get(0).sip().droppedStreamBytes());
  }

  @Test
  void parallelRunYieldsTheSameEventsCountsAndErrorsAsASerialOne() throws Exception {
    Path synth = dir.resolve("synth.pcap");
    SyntheticCapture.write(synth, new SynthConfig(400, 4, 0.3, 0.2, 500, 3.0, 7));
    byte[] bytes = Files.readAllBytes(synth);
    Path cut = dir.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
    Path text = Path.of(SipIngestTest.class.getResource("/textlog/sngrep-1x.txt").toURI());
    List<Path> inputs = List.of(synth, cut, text, pcap("m.pcap", eth(ipv4(A, B, 17, udp(5060, 5060, INVITE + "x")))));
    List<String> serial = new ArrayList<>();
    SipIngest.Result s = new SipIngest().parallel(false).run(inputs, e -> serial.add(describe(e)));
    List<String> parallel = new ArrayList<>();
    SipIngest.Result p = new SipIngest().parallel(true).run(inputs, e -> parallel.add(describe(e)));
    assertTrue(serial.size() > 5000, "messages: " + serial.size());
    assertEquals(serial, parallel);
    assertEquals(describe(s), describe(p));
    assertEquals(1, p.errors().size(), "the cut file: " + p.errors());
    assertTrue(parallel.stream().anyMatch(e -> e.startsWith(text.toString())), "the text trace's messages");
  }

  private static String describe(IngestEvent e) {
    String where = e.ref() + " " + e.ref().timestamp() + " " + e.src() + " -> " + e.dst() + " " + e.transport();
    return e instanceof SipPacket p ? where + " " + p.message() + " " + p.message().callId() + " " + p.problem()
        : where + " malformed " + ((MalformedSip) e).location();
  }

  private static String describe(SipIngest.Result r) {
    StringBuilder b = new StringBuilder();
    for (NetCounter c : NetCounter.values()) {
      b.append(c).append('=').append(r.net().get(c)).append(' ');
    }
    IngestCounters sip = r.sip();
    b.append(r.net().tunnels()).append(r.net().notDecoded()).append(r.net().malformed()).append(List.of(
        sip.keepalives(), sip.nonSipDatagrams(), sip.nonSipStreamBytes(), sip.droppedStreamBytes(),
        sip.truncatedMessages(), sip.malformedHeaders(), sip.decoderFailures(), sip.malformedMessages()));
    return b.append(r.errors()).toString();
  }

  @Test
  void anExceptionFromTheSinkEndsTheRunUnchangedInBothModes() {
    Path p = pcap("s.pcap", eth(ipv4(A, B, 17, udp(5060, 5060, INVITE))), eth(ipv4(A, B, 17, udp(5060, 5060, BYE))));
    for (boolean parallel : new boolean[] {false, true}) {
      IllegalStateException bug = new IllegalStateException("bug in the consumer");
      IllegalStateException thrown = assertThrows(IllegalStateException.class,
          () -> new SipIngest().parallel(parallel).run(List.of(p), e -> {
            throw bug;
          }));
      assertSame(bug, thrown, "parallel " + parallel + ": not counted as a decoder failure of the frame");
    }
  }
}
