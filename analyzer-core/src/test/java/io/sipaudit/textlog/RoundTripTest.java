package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.PacketRef.Inferred;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipResponse;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every lab capture and every text rendering of it, reading the text back (auto-detected, through
 * {@link SipIngest}) gives the capture's messages: the same count, and per message the same method or status,
 * Call-ID, CSeq, transport, bytes (where the format keeps bodies, CRs restored), and addresses and time as far as
 * the format keeps them. Renderings whose CRs a terminal paste would lose are also read back without them. Where
 * the format keeps at least the peer's address, calls assembled and attributed from the text have the same first
 * pick, backend and outcome as from the capture.
 */
final class RoundTripTest {
  private static final Set<Rendering> KEEP_CRS = EnumSet.of(Rendering.PJSIP_CONSOLE, Rendering.CHAN_SIP_18_FULL_LOG,
      Rendering.KAMAILIO_SIPDUMP, Rendering.OPENSIPS_CLI, Rendering.SNGREP, Rendering.SIPP, Rendering.TSHARK_FOLLOW);

  /** Renderings that keep at least the peer's address: attribution must find the same backends in them. */
  private static final Set<Rendering> ATTRIBUTED =
      EnumSet.complementOf(EnumSet.of(Rendering.BARE_RAW, Rendering.BARE_PASTED, Rendering.SIPP));

  @TempDir Path dir;
  private Path cachedCapture;
  private List<IngestEvent> cached;

  @TestFactory
  Stream<DynamicContainer> everyLabCaptureReadsBackTheSameFromEveryTextFormat() throws Exception {
    List<DynamicContainer> samples = new ArrayList<>();
    for (Path capture : LabCaptures.all()) {
      String name = capture.getParent().getFileName().toString();
      List<DynamicTest> tests = new ArrayList<>();
      for (Rendering r : Rendering.values()) {
        tests.add(DynamicTest.dynamicTest(r.name(), () -> roundTrip(capture, r, false)));
        if (KEEP_CRS.contains(r)) {
          tests.add(DynamicTest.dynamicTest(r.name() + " pasted without CRs", () -> roundTrip(capture, r, true)));
        }
      }
      samples.add(DynamicContainer.dynamicContainer(name, tests));
    }
    assertTrue(samples.size() >= 14, "lab samples: " + samples.size());
    return samples.stream();
  }

  private void roundTrip(Path capture, Rendering rendering, boolean dropCrs) throws Exception {
    if (!capture.equals(cachedCapture)) {
      cached = LabCaptures.read(capture);
      cachedCapture = capture;
    }
    List<IngestEvent> original = cached;
    Set<InetAddress> node = LabCaptures.node(original);
    List<RenderedMessage> messages = original.stream().map(e -> RenderedMessage.of(e, node)).toList();
    String text = rendering.render(messages);
    Path file = dir.resolve(capture.getParent().getFileName() + "-" + rendering + ".txt");
    Files.write(file, (dropCrs ? text.replace("\r", "") : text).getBytes(StandardCharsets.ISO_8859_1));
    LocalDate date = LocalDate.ofInstant(original.get(0).ref().timestamp(), ZoneOffset.UTC);
    List<IngestEvent> back = new ArrayList<>();
    SipIngest.Result result = new SipIngest().textOptions(TextTraceOptions.DEFAULTS.withDate(date))
        .run(List.of(file), back::add);

    assertEquals(List.of(), result.errors(), "errors");
    assertEquals(original.size(), back.size(), "messages");
    assertEquals(rendering.format == TextFormat.BARE ? Set.of() : Set.of(rendering.format),
        result.text().records().keySet(), "formats detected");
    for (int i = 0; i < original.size(); i++) {
      compare(i, (SipPacket) original.get(i), (SipPacket) back.get(i), rendering, i > 0 ? original.get(i - 1) : null,
          i > 0 ? back.get(i - 1) : null, node);
    }
    if (ATTRIBUTED.contains(rendering)) {
      assertEquals(attribution(original), attribution(back), "per-call first pick, backend and outcome");
    }
  }

  /** Returns, per Call-ID, the balancer's first pick, the backend that handled the call, and the outcome. */
  private static java.util.Map<String, String> attribution(List<IngestEvent> events) {
    java.util.Map<String, String> calls = new java.util.TreeMap<>();
    io.sipaudit.attribution.Attributor attributor = new io.sipaudit.attribution.Attributor();
    io.sipaudit.dialog.CallAssembler assembler = new io.sipaudit.dialog.CallAssembler(c -> {
      io.sipaudit.attribution.AttributedCall a = attributor.attribute(c);
      calls.put(c.callId(), a.firstPick() + " " + a.backend() + " " + a.outcome());
    });
    events.forEach(assembler);
    assembler.finish();
    return calls;
  }

  private static void compare(int i, SipPacket want, SipPacket got, Rendering r, IngestEvent wantBefore,
      IngestEvent gotBefore, Set<InetAddress> node) {
    String at = "message " + i + " (" + want.ref() + ", read back from line " + got.ref().frame() + ")";
    assertEquals(summary(want.message()), summary(got.message()), at);
    assertEquals(want.transport(), got.transport(), at + " transport");
    if (r.keepsBodies()) {
      assertEquals(text(want.message()), text(got.message()), at + " bytes");
      assertEquals(null, got.problem(), at + " problem");
    }
    switch (r.addresses) {
      case BOTH -> assertEquals(want.src() + " > " + want.dst(), got.src() + " > " + got.dst(), at + " addresses");
      case PEER -> {
        boolean inbound = node.contains(want.dst().address()) && !node.contains(want.src().address());
        assertEquals(inbound ? want.src() : want.dst(), got.ref().isInferred(Inferred.SOURCE) ? got.dst() : got.src(),
            at + " peer");
        assertTrue(got.ref().isInferred(Inferred.SOURCE) != got.ref().isInferred(Inferred.DESTINATION), at);
      }
      case NONE -> assertTrue(got.ref().isInferred(Inferred.SOURCE) || got.ref().isInferred(Inferred.DESTINATION), at);
    }
    switch (r.time) {
      case MICROS -> assertEquals(want.ref().timestamp(), got.ref().timestamp(), at + " time");
      case SECONDS -> assertEquals(want.ref().timestamp().truncatedTo(ChronoUnit.SECONDS), got.ref().timestamp(),
          at + " time");
      case DELTAS -> {
        if (wantBefore != null) {
          assertEquals(Duration.between(wantBefore.ref().timestamp(), want.ref().timestamp()),
              Duration.between(gotBefore.ref().timestamp(), got.ref().timestamp()), at + " time since the previous");
        }
      }
      case NONE -> assertTrue(got.ref().isInferred(Inferred.TIME), at + " time inferred");
    }
  }

  private static String summary(SipMessage m) {
    String kind = m instanceof SipResponse s ? Integer.toString(s.statusCode()) : m.startLine().split(" ")[0];
    return kind + " " + m.callId() + " " + m.cseq();
  }

  private static String text(SipMessage m) {
    return new String(m.toByteArray(), StandardCharsets.ISO_8859_1);
  }
}
