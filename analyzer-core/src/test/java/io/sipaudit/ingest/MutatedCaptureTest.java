package io.sipaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.capture.CaptureFormat;
import io.sipaudit.capture.CaptureReader;
import io.sipaudit.capture.CapturedFrame;
import io.sipaudit.capture.PcapWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged packets never crash the pipeline: frames of real captures with random bit flips, truncations and
 * garbage, under several link types, go through ingest without a single decoder failure.
 */
final class MutatedCaptureTest {
  private static final String[] SOURCES = {
    "samples/tcp-rr-alg4/capture.pcap", "samples/netns-frag-alg4/capture.pcap",
    "samples/external/heplify/sip_tcp_websocket.pcap", "samples/external/heplify/erspan_sip_ipv4_udp.pcapng",
    "samples/external/sngrep/ipv6frag.pcap", "samples/external/heplify/sip_sctp.pcap"};

  @TempDir Path dir;

  @Test
  void randomlyDamagedFramesAreCountedNeverThrown() throws Exception {
    Path root = TsharkParityTest.repoRoot();
    SplittableRandom random = new SplittableRandom(42);
    long messages = 0;
    for (int round = 0; round < 3; round++) {
      for (String source : SOURCES) {
        Path out = dir.resolve(round + "-" + Path.of(source).getFileName() + ".pcap");
        int written = 0;
        try (CaptureReader in = CaptureFormat.open(root.resolve(source));
            PcapWriter w = PcapWriter.create(out, firstLinkType(root.resolve(source)), PcapWriter.Precision.NANOS, false)) {
          for (CapturedFrame f = in.next(); f != null && written < 600; f = in.next()) {
            byte[] b = new byte[f.capturedLength()];
            f.data().duplicate().get(b);
            w.write(f.timestamp(), mutate(b, random));
            written++;
          }
        }
        List<IngestEvent> events = new ArrayList<>();
        SipIngest.Result r = new SipIngest().run(List.of(out), events::add);
        assertEquals(0, r.sip().decoderFailures(), () -> source + " round: " + r.errors());
        assertTrue(r.errors().isEmpty(), () -> source + ": " + r.errors());
        messages += events.size();
      }
    }
    assertTrue(messages > 1000, "the intact frames still give messages: " + messages);
  }

  private static int firstLinkType(Path p) {
    try (CaptureReader r = CaptureFormat.open(p)) {
      CapturedFrame f = r.next();
      return f == null ? 1 : f.linkType();
    }
  }

  private static byte[] mutate(byte[] b, SplittableRandom random) {
    int kind = random.nextInt(5);
    if (kind == 0 || b.length == 0) {
      return b;   // some frames stay intact, so streams and fragments have something to work on
    }
    byte[] m = b.clone();
    switch (kind) {
      case 1 -> {
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
          m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 2 -> m = java.util.Arrays.copyOf(m, random.nextInt(m.length));
      case 3 -> {
        for (int i = random.nextInt(m.length); i < m.length; i++) {
          m[i] = (byte) random.nextInt(256);
        }
      }
      default -> {
        int at = random.nextInt(m.length);
        m[at] = (byte) (random.nextBoolean() ? 0xff : 0x00);
      }
    }
    return m;
  }
}
