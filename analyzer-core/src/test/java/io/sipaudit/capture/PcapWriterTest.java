package io.sipaudit.capture;

import static io.sipaudit.capture.CaptureFixtures.at;
import static io.sipaudit.capture.CaptureFixtures.bytesOf;
import static io.sipaudit.capture.CaptureFixtures.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipaudit.capture.PcapWriter.Precision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PcapWriterTest {

  @Test
  void headerIsLittleEndianVersionTwoFourWithTheLinkType() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PcapWriter(out, 113, Precision.NANOS).close();

    assertEquals("4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "00000400" + "71000000",
        HexFormat.of().formatHex(out.toByteArray()));
  }

  @Test
  void nanosecondFileKeepsEveryDigit(@TempDir Path dir) {
    Path file = dir.resolve("ns.pcap");
    try (PcapWriter writer = PcapWriter.create(file, 1, Precision.NANOS, false)) {
      writer.write(at(792_454_789), payload(60, 0));
      writer.write(at(792_454_790), payload(20, 0), 1514);
    }

    try (CaptureReader reader = CaptureFormat.open(file)) {
      List<CapturedFrame> frames = reader.frames().toList();
      assertEquals(at(792_454_789), frames.get(0).timestamp());
      assertArrayEquals(payload(60, 0), bytesOf(frames.get(0)));
      assertEquals(at(792_454_790), frames.get(1).timestamp());
      assertEquals(1514, frames.get(1).originalLength());
    }
  }

  @Test
  void microsecondFileTruncatesToTheMicrosecond(@TempDir Path dir) {
    Path file = dir.resolve("us.pcap");
    try (PcapWriter writer = PcapWriter.create(file, 1, Precision.MICROS, false)) {
      writer.write(at(792_454_789), payload(10, 0));
    }

    try (CaptureReader reader = CaptureFormat.open(file)) {
      assertEquals(at(792_454_000), reader.next().timestamp());
    }
  }

  @Test
  void gzipOutputIsReadBackWhateverTheName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("plain-looking.pcap");
    try (PcapWriter writer = PcapWriter.create(file, 101, Precision.MICROS, true)) {
      for (int i = 0; i < 1000; i++) {
        writer.write(at(i * 1000L), payload(100, i));
      }
    }

    assertEquals(0x1f, Files.readAllBytes(file)[0]);
    try (CaptureReader reader = CaptureFormat.open(file)) {
      assertEquals(1000, reader.frames().filter(f -> f.linkType() == 101).count());
    }
  }

  @Test
  void timestampBefore1970IsRejected() {
    PcapWriter writer = new PcapWriter(new ByteArrayOutputStream(), 1, Precision.MICROS);

    assertThrows(IllegalArgumentException.class, () -> writer.write(Instant.parse("1969-12-31T23:59:59Z"),
        new byte[1]));
  }

  @Test
  void originalLengthShorterThanTheDataIsRejected() {
    PcapWriter writer = new PcapWriter(new ByteArrayOutputStream(), 1, Precision.MICROS);

    assertThrows(IllegalArgumentException.class, () -> writer.write(at(0), new byte[10], 9));
  }
}
