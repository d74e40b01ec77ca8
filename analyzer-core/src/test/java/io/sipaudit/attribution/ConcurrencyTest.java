package io.sipaudit.attribution;

import static io.sipaudit.testing.Packets.A;
import static io.sipaudit.testing.Packets.B;
import static io.sipaudit.testing.Packets.eth;
import static io.sipaudit.testing.Packets.ipv4;
import static io.sipaudit.testing.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipaudit.capture.PcapWriter;
import io.sipaudit.dialog.CallAssembler;
import io.sipaudit.ingest.SipIngest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-backend concurrency of {@link Analysis}: answered calls in progress, sampled at whole seconds. */
final class ConcurrencyTest {
  private static final long T0 = 1_700_000_000L;

  @TempDir Path dir;

  @Test
  void answeredCallsAreCountedAtTheWholeSecondsTheyAreInProgress() throws Exception {
    // Four calls from 10.0.0.1 straight to 10.0.0.2, each answered 100 ms after its INVITE, times in seconds
    // after T0 (answer .. BYE):
    //   c1 10.3 .. 13.5 -> in progress at 11, 12, 13
    //   c2 12.5 .. 12.9 -> at no whole second (counting every call seen during second 12 would make 12 hold 3)
    //   c3 11.6 .. 14.1 -> at 12, 13, 14
    //   c4 15.0 .. 15.5 -> at 15 (answered exactly on it)
    // Levels: 11:1, 12:2, 13:2, 14:1, 15:1, so the peak is 2 and the mean over those five seconds 7/5 = 1.4.
    TreeMap<Long, byte[]> frames = new TreeMap<>();   // microseconds after T0 -> frame
    call(frames, "c1", 10_200_000, 13_500_000);
    call(frames, "c2", 12_400_000, 12_900_000);
    call(frames, "c3", 11_500_000, 14_100_000);
    call(frames, "c4", 14_900_000, 15_500_000);
    Path p = dir.resolve("calls.pcap");
    try (PcapWriter w = PcapWriter.create(p, 1, PcapWriter.Precision.MICROS, false)) {
      frames.forEach((us, f) -> w.write(Instant.ofEpochSecond(T0, us * 1000), f));
    }
    Analysis analysis = new Analysis();
    Attributor attributor = new Attributor();
    CallAssembler assembler = new CallAssembler(c -> analysis.call(attributor.attribute(c)));
    new SipIngest().run(List.of(p), assembler);
    assembler.finish();

    BackendSummary b = analysis.backends().stream()
        .filter(s -> s.backend().toString().equals("10.0.0.2:5060")).findFirst().orElseThrow();
    assertEquals(4, b.answered());
    assertEquals(2, b.peakConcurrent());
    assertEquals(1.4, b.meanConcurrent(), 1e-9);
  }

  /** INVITE at {@code inviteUs}, 200 100 ms later, ACK, BYE at {@code byeUs} and its 200; each 1 µs apart. */
  private static void call(TreeMap<Long, byte[]> frames, String id, long inviteUs, long byeUs) {
    String common = "From: <sip:a@10.0.0.1>;tag=f" + id + "\r\nTo: <sip:b@10.0.0.2>%s\r\nCall-ID: " + id + "\r\n";
    String invite = "INVITE sip:b@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-i" + id + "\r\n"
        + common.formatted("") + "CSeq: 1 INVITE\r\nContact: <sip:a@10.0.0.1>\r\nContent-Length: 0\r\n\r\n";
    String ok = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-i" + id + "\r\n"
        + common.formatted(";tag=t" + id) + "CSeq: 1 INVITE\r\nContact: <sip:b@10.0.0.2>\r\nContent-Length: 0\r\n\r\n";
    String ack = "ACK sip:b@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-a" + id + "\r\n"
        + common.formatted(";tag=t" + id) + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    String bye = "BYE sip:b@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-b" + id + "\r\n"
        + common.formatted(";tag=t" + id) + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
    String byeOk = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-b" + id + "\r\n"
        + common.formatted(";tag=t" + id) + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
    frames.put(inviteUs, eth(ipv4(A, B, 17, udp(5060, 5060, invite))));
    frames.put(inviteUs + 100_000, eth(ipv4(B, A, 17, udp(5060, 5060, ok))));
    frames.put(inviteUs + 100_001, eth(ipv4(A, B, 17, udp(5060, 5060, ack))));
    frames.put(byeUs, eth(ipv4(A, B, 17, udp(5060, 5060, bye))));
    frames.put(byeUs + 1, eth(ipv4(B, A, 17, udp(5060, 5060, byeOk))));
  }
}
