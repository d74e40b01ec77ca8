package io.sipaudit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * Reads every {@code *.pcap} and {@code *.pcapng} under the repository's {@code samples/} with libpcap (through
 * pcap4j, nanosecond precision) and with {@link CaptureFormat}, and requires the same packets: count, bytes,
 * timestamps to the nanosecond and original lengths.
 *
 * <p>Example failure: {@code external/pkts/sipp.pcap frame 12: expected <...T04:45:05.733131Z> but was <...>}.
 *
 * <p>Needs native libpcap (Debian {@code libpcap0.8}). Without it the tests are skipped, or fail when the
 * {@code CI} environment variable is set.
 */
final class PcapCrossCheckTest {

  /**
   * Samples libpcap rejects as corrupt, with how many packets it returns first. Measured with libpcap 1.10.3:
   * cool.pcap's first record claims 587333632 captured bytes ("invalid packet capture length 587333632, bigger
   * than snaplen of 65535"), so libpcap returns no packet and ours fails at offset 24.
   */
  private static final Map<String, Integer> CORRUPT = Map.of("external/pkts/cool.pcap", 0);

  /** libpcap errors that are limitations of libpcap, not damage: ours must read such files to the end. */
  private static final Pattern LIBPCAP_LIMITATION = Pattern.compile(
      "different from the type of the first interface|different from the snapshot length of the first"
          + "|sections with different byte orders");

  /** One packet as both readers see it; the data compares by content. */
  private record Packet(Instant timestamp, int originalLength, ByteBuffer data) {
  }

  /** The packets a reader returned, then its error message, or null when it reached the end cleanly. */
  private record Read(List<Packet> packets, @Nullable String error) {
  }

  @TestFactory
  Stream<DynamicTest> everySampleReadsLikeLibpcap(TestReporter reporter) throws IOException {
    requireNativeLibpcap();
    Path samples = samplesDirectory();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(samples)) {
      files = walk.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
          .sorted()
          .toList();
    }
    assertFalse(files.isEmpty(), "no captures under " + samples);
    for (String corrupt : CORRUPT.keySet()) {
      assertTrue(Files.exists(samples.resolve(corrupt)), "listed as corrupt but missing: " + corrupt);
    }
    return files.stream().map(file -> {
      String name = samples.relativize(file).toString().replace('\\', '/');
      return DynamicTest.dynamicTest(name, file.toUri(), () -> compare(name, file, reporter));
    });
  }

  private static void compare(String name, Path file, TestReporter reporter) throws Exception {
    Read libpcap = readWithLibpcap(file);
    Read ours = readWithOurs(file);
    Integer corruptAfter = CORRUPT.get(name);
    if (libpcap.error() == null) {
      assertNull(corruptAfter, name + " is listed as corrupt, but libpcap reads it to the end");
      assertNull(ours.error(), name + ": libpcap reads it to the end, ours fails");
      assertSamePackets(name, libpcap.packets(), ours.packets());
    } else if (LIBPCAP_LIMITATION.matcher(libpcap.error()).find()) {
      assertNull(ours.error(), name + ": libpcap stops (" + libpcap.error() + "), ours must read on");
      assertSamePackets(name, libpcap.packets(), ours.packets().subList(0, libpcap.packets().size()));
    } else {
      assertNotNull(corruptAfter, name + ": libpcap refuses it (" + libpcap.error() + "), but it is not in CORRUPT");
      assertEquals(corruptAfter, libpcap.packets().size(), name + ": packets libpcap returns before its error");
      assertNotNull(ours.error(), name + ": libpcap refuses it (" + libpcap.error() + "), ours reads it to the end");
      assertSamePackets(name, libpcap.packets(), ours.packets());
    }
    reporter.publishEntry(name, libpcap.packets().size() + " packets compared"
        + (libpcap.error() == null ? "" : "; libpcap: " + libpcap.error() + "; ours: " + ours.error()));
  }

  private static void assertSamePackets(String name, List<Packet> expected, List<Packet> actual) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      Packet want = expected.get(i);
      Packet got = actual.get(i);
      String where = name + " frame " + (i + 1);
      assertEquals(want.timestamp(), got.timestamp(), where + " timestamp");
      assertEquals(want.originalLength(), got.originalLength(), where + " original length");
      assertEquals(want.data(), got.data(), where + " bytes");
    }
    assertEquals(expected.size(), actual.size(), name + " packet count");
  }

  private static Read readWithLibpcap(Path file) throws Exception {
    boolean classicPcap = CaptureFormat.detect(file).equals(Optional.of(CaptureFormat.PCAP));
    List<Packet> packets = new ArrayList<>();
    PcapHandle handle;
    try {
      handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
    } catch (PcapNativeException e) {
      return new Read(packets, e.getMessage());
    }
    try {
      for (;;) {
        byte[] raw;
        try {
          raw = handle.getNextRawPacketEx();
        } catch (EOFException e) {
          return new Read(packets, null);
        } catch (PcapNativeException e) {
          return new Read(packets, e.getMessage());
        }
        // Both are per handle and per thread: read right after the packet, on this thread.
        Instant timestamp = handle.getTimestamp().toInstant();
        if (classicPcap && timestamp.getEpochSecond() < 0) {
          // libpcap reads a classic record's ts_sec as signed; the format (and ours) says u32, good until 2106.
          // heplify/sip_ipv6_udp.pcap has 0xbfa8a698: libpcap says 1935, ours 2071.
          timestamp = timestamp.plusSeconds(1L << 32);
        }
        int originalLength = handle.getOriginalLength();
        // Ours raises an original length below the captured one (a writer bug) to the captured length.
        packets.add(new Packet(timestamp, Math.max(originalLength, raw.length), ByteBuffer.wrap(raw)));
      }
    } finally {
      handle.close();
    }
  }

  private static Read readWithOurs(Path file) {
    List<Packet> packets = new ArrayList<>();
    try (CaptureReader reader = CaptureFormat.open(file)) {
      for (CapturedFrame f = reader.next(); f != null; f = reader.next()) {
        packets.add(new Packet(f.timestamp(), f.originalLength(), f.data()));
      }
      return new Read(packets, null);
    } catch (CaptureFormatException e) {
      return new Read(packets, e.getMessage());
    }
  }

  /** Skips (or, with {@code CI} set, fails) when pcap4j cannot load native libpcap. */
  private static void requireNativeLibpcap() {
    String problem;
    try {
      Pcaps.libVersion();
      return;
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      problem = "pcap4j cannot load native libpcap (install libpcap0.8): " + e;
    }
    if (System.getenv("CI") != null) {
      fail(problem);
    }
    Assumptions.abort(problem);
  }

  /** Walks up from the working directory to the first directory that has {@code samples/}. */
  private static Path samplesDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("samples"))) {
        return dir.resolve("samples");
      }
    }
    throw new AssertionError("no samples/ directory above " + Path.of("").toAbsolutePath());
  }
}
