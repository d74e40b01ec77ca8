package io.sipaudit.ingest;

import static io.sipaudit.testing.Packets.A;
import static io.sipaudit.testing.Packets.B;
import static io.sipaudit.testing.Packets.eth;
import static io.sipaudit.testing.Packets.ipv4;
import static io.sipaudit.testing.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.capture.PcapWriter;
import io.sipaudit.net.PacketRef.Inferred;
import io.sipaudit.sip.SipResponse;
import io.sipaudit.textlog.TextFormat;
import io.sipaudit.textlog.TextTraceOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text traces as inputs of {@link SipIngest}: next to captures, from standard input, with their damage reported. */
final class SipIngestTextInputTest {
  private static final String BYE = "BYE sip:bob@b SIP/2.0\r\nCall-ID: c1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
  private static final String OK = "SIP/2.0 200 OK\r\nCall-ID: c1\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";

  @TempDir Path dir;

  private Path pcapAt(long second, String payload) {
    Path p = dir.resolve("at" + second + ".pcap");
    try (PcapWriter w = PcapWriter.create(p, 1, PcapWriter.Precision.MICROS, false)) {
      w.write(Instant.ofEpochSecond(second), eth(ipv4(A, B, 17, udp(5060, 5060, payload))));
    }
    return p;
  }

  private static String sngrep(Instant t, String message) {
    String stamp = t.toString().replace('-', '/').replace('T', ' ').replace("Z", "");
    return stamp + ".000000 192.0.2.1:5060 -> 192.0.2.2:5060\n" + message.replace("\r", "") + "\n\n";
  }

  private static List<String> kinds(List<IngestEvent> events) {
    return events.stream().map(e -> e instanceof SipPacket p ? (p.message() instanceof SipResponse r
        ? Integer.toString(r.statusCode()) : p.message().startLine().split(" ")[0]) + "@" + e.ref().timestamp()
        .getEpochSecond() : "MALFORMED").toList();
  }

  @Test
  void textTraceAndCapturesAreMergedInTimeOrder() throws Exception {
    Path text = dir.resolve("sngrep.txt");
    Files.writeString(text, sngrep(Instant.ofEpochSecond(1_700_000_020), BYE));
    List<IngestEvent> events = new ArrayList<>();

    SipIngest.Result r = new SipIngest().run(List.of(pcapAt(1_700_000_030, OK), text, pcapAt(1_700_000_010, BYE)),
        events::add);

    assertEquals(List.of("BYE@1700000010", "BYE@1700000020", "200@1700000030"), kinds(events));
    assertEquals(List.of(), r.errors());
    assertEquals(1, r.text().messages());
    assertEquals(1L, r.text().records().get(TextFormat.SNGREP));
  }

  @Test
  void dashReadsATextTraceFromStandardInput() {
    List<IngestEvent> events = new ArrayList<>();
    byte[] paste = ("<--- Received SIP request (9 bytes) from UDP:192.0.2.1:5060 --->\n" + BYE.replace("\r", ""))
        .getBytes(StandardCharsets.US_ASCII);

    new SipIngest().stdin(new ByteArrayInputStream(paste))
        .textOptions(TextTraceOptions.DEFAULTS.withDate(LocalDate.of(2024, 6, 10)))
        .run(List.of(Path.of("-")), events::add);

    assertEquals(List.of("BYE@1717977600"), kinds(events));
    assertEquals("-", events.get(0).ref().source());
    assertTrue(events.get(0).ref().isInferred(Inferred.TIME));
  }

  @Test
  void dashReadsACaptureFromStandardInputToo() throws Exception {
    List<IngestEvent> events = new ArrayList<>();
    byte[] pcap = Files.readAllBytes(pcapAt(1_700_000_010, OK));

    new SipIngest().stdin(new ByteArrayInputStream(pcap)).run(List.of(Path.of("-")), events::add);

    assertEquals(List.of("200@1700000010"), kinds(events));
    assertTrue(events.get(0).ref().inferred().isEmpty());
  }

  @Test
  void damageInATextTraceIsAnErrorNamingTheLineAndTheRestIsStillRead() throws Exception {
    Path text = dir.resolve("paste.txt");
    Files.writeString(text, "x".repeat(2000) + "\n" + BYE.replace("\r", ""), StandardCharsets.ISO_8859_1);
    List<IngestEvent> events = new ArrayList<>();

    SipIngest.Result r = new SipIngest().textOptions(TextTraceOptions.DEFAULTS.withMaxMessageBytes(1024))
        .run(List.of(text), events::add);

    assertEquals(1, events.size());
    assertEquals(1, r.errors().size());
    assertEquals(text.toString(), r.errors().get(0).source());
    assertTrue(r.errors().get(0).message().startsWith(text + " line 1: a line of 2000 bytes"), r.errors().toString());
  }

  @Test
  void namedInputsAreCalledByTheirNameInEventsErrorsAndMessages() throws Exception {
    Path capture = pcapAt(1_700_000_010, OK);
    Path text = dir.resolve("input-2");
    Files.writeString(text, sngrep(Instant.ofEpochSecond(1_700_000_020), BYE));
    Path truncated = dir.resolve("input-3");
    byte[] whole = Files.readAllBytes(pcapAt(1_700_000_030, OK));
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 5));
    List<IngestEvent> events = new ArrayList<>();

    SipIngest.Result r = new SipIngest()
        .names(java.util.Map.of(capture, "calls.pcap", text, "pasted text", truncated, "cut.pcap"))
        .run(List.of(capture, text, truncated), events::add);

    assertEquals(List.of("calls.pcap", "pasted text"), events.stream().map(e -> e.ref().source()).toList());
    assertEquals(1, r.errors().size(), r.errors().toString());
    assertEquals("cut.pcap", r.errors().get(0).source());
    assertTrue(r.errors().get(0).message().startsWith("cut.pcap at offset "), r.errors().toString());
    assertTrue(r.errors().stream().noneMatch(e -> e.message().contains(dir.toString())), r.errors().toString());
  }
}
