package io.sipaudit.capture;

import static io.sipaudit.capture.CaptureFixtures.SECONDS;
import static io.sipaudit.capture.CaptureFixtures.at;
import static io.sipaudit.capture.CaptureFixtures.bytesOf;
import static io.sipaudit.capture.CaptureFixtures.concat;
import static io.sipaudit.capture.CaptureFixtures.payload;
import static io.sipaudit.capture.CaptureFixtures.pcapHeader;
import static io.sipaudit.capture.CaptureFixtures.pcapRecord;
import static io.sipaudit.capture.CaptureFixtures.readAll;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PcapReaderTest {

  private static CaptureReader open(InputStream in) {
    return new PcapReader(in, "test.pcap");
  }

  private static CaptureFixtures.Outcome read(byte[] file) {
    return readAll(new ByteArrayInputStream(file), PcapReaderTest::open);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "d4c3b2a1 (little-endian µs), a1b2c3d4, LE, 792454, 792454000",
      "a1b2c3d4 (big-endian µs),    a1b2c3d4, BE, 792454, 792454000",
      "4d3cb2a1 (little-endian ns), a1b23c4d, LE, 792454789, 792454789",
      "a1b23c4d (big-endian ns),    a1b23c4d, BE, 792454789, 792454789"})
  void eachMagicGivesItsByteOrderAndPrecision(String name, String magic, String order, long fraction,
      long nanos) {
    ByteOrder byteOrder = order.equals("LE") ? LITTLE_ENDIAN : BIG_ENDIAN;
    byte[] file = concat(
        pcapHeader(HexFormat.fromHexDigits(magic), byteOrder, 2, 4, 65535, 113),
        pcapRecord(byteOrder, SECONDS, fraction, payload(42, 1), 42));
    String firstBytes = HexFormat.of().formatHex(file, 0, 4);
    assertEquals(name.substring(0, 8), firstBytes);

    try (PcapReader reader = new PcapReader(new ByteArrayInputStream(file), "test.pcap")) {
      assertEquals(byteOrder, reader.header().byteOrder());
      CapturedFrame frame = reader.next();
      assertEquals(at(nanos), frame.timestamp());
      assertEquals(113, frame.linkType());
      assertArrayEquals(payload(42, 1), bytesOf(frame));
      assertEquals(1, frame.number());
      assertEquals(24, frame.fileOffset());
      assertNull(reader.next());
    }
  }

  @Test
  void snaplenCutRecordIsAFrameWithItsWireLength() {
    byte[] file = concat(
        pcapHeader(PcapHeader.MAGIC_MICROS, LITTLE_ENDIAN, 2, 4, 68, 1),
        pcapRecord(LITTLE_ENDIAN, SECONDS, 0, payload(68, 0), 1514));

    CapturedFrame frame = read(file).cleanFrames().get(0);

    assertEquals(68, frame.capturedLength());
    assertEquals(1514, frame.originalLength());
    assertTrue(frame.truncated());
  }

  @Test
  void fcsBitsAboveTheLinkTypeAreMasked() {
    int ethernetWithFourByteFcs = 0x4000_0000 | 0x0400_0000 | 1;
    byte[] file = concat(
        pcapHeader(PcapHeader.MAGIC_MICROS, LITTLE_ENDIAN, 2, 4, 65535, ethernetWithFourByteFcs),
        pcapRecord(LITTLE_ENDIAN, SECONDS, 0, payload(10, 0), 10));

    assertEquals(1, read(file).cleanFrames().get(0).linkType());
  }

  @Test
  void modifiedPcapRecordsSkipTheirEightExtraHeaderBytes() {
    byte[] record = ByteBuffer.allocate(24 + 5).order(BIG_ENDIAN).putInt((int) SECONDS).putInt(250)
        .putInt(5).putInt(5).putInt(3).putShort((short) 0x0800).put((byte) 4).put((byte) 0)
        .put(payload(5, 9)).array();
    byte[] file = concat(pcapHeader(PcapHeader.MAGIC_MODIFIED, BIG_ENDIAN, 2, 4, 65535, 1), record, record);

    List<CapturedFrame> frames = read(file).cleanFrames();

    assertEquals(2, frames.size());
    assertArrayEquals(payload(5, 9), bytesOf(frames.get(1)));
    assertEquals(at(250_000), frames.get(1).timestamp());
    assertEquals(24 + 29, frames.get(1).fileOffset());
  }

  @Test
  void truncatedRecordHeaderFailsLoudlyWithOffset() {
    byte[] full = CaptureFixtures.threeRecordPcap();
    byte[] cut = Arrays.copyOf(full, 24 + 76 + 16 + 7);

    CaptureFixtures.Outcome outcome = read(cut);

    assertEquals(2, outcome.frames().size());
    assertEquals(24 + 76 + 16, outcome.failure().offset());
    assertEquals("test.pcap at offset 116: record header needs 16 bytes, file ends after 7",
        outcome.failure().getMessage());
  }

  @Test
  void truncatedRecordDataFailsWithTheRecordsOffset() {
    byte[] cut = Arrays.copyOf(CaptureFixtures.threeRecordPcap(), 24 + 16 + 59);

    CaptureFormatException e = read(cut).failure();

    assertEquals(24, e.offset());
    assertTrue(e.getMessage().endsWith("record (16-byte header + 60 bytes of data) needs 76 bytes, file ends after 75"),
        e.getMessage());
  }

  @Test
  void everyPrefixYieldsTheWholeRecordsThenFailsAtTheCutRecord() {
    byte[] file = CaptureFixtures.threeRecordPcap();
    long[] starts = {0, 24, 24 + 76, 24 + 76 + 16};
    int[] framesBefore = {0, 0, 1, 2};

    CaptureFixtures.assertEveryPrefix(file, starts, framesBefore, PcapReaderTest::open);
  }

  @Test
  void oneByteReadsGiveTheSameFrames() {
    byte[] file = CaptureFixtures.threeRecordPcap();

    assertEquals(read(file).cleanFrames(),
        readAll(CaptureFixtures.oneByteAtATime(file), PcapReaderTest::open).cleanFrames());
  }

  @Test
  void globalHeaderShorterThan24BytesFailsAtOffsetZero() {
    byte[] header = Arrays.copyOf(CaptureFixtures.threeRecordPcap(), 20);

    CaptureFormatException e = read(header).failure();

    assertEquals(0, e.offset());
    assertTrue(e.getMessage().endsWith("pcap global header needs 24 bytes, file ends after 20"), e.getMessage());
  }

  @Test
  void versionOtherThanTwoIsRejected() {
    byte[] file = pcapHeader(PcapHeader.MAGIC_MICROS, LITTLE_ENDIAN, 3, 0, 65535, 1);

    CaptureFormatException e = read(file).failure();

    assertEquals(4, e.offset());
    assertTrue(e.getMessage().contains("pcap version 3.0 (expected: 2.x)"), e.getMessage());
  }

  @Test
  void foreignMagicIsRejectedByTheDirectReader() {
    byte[] file = pcapHeader(0x0A0D0D0A, LITTLE_ENDIAN, 2, 4, 65535, 1);

    CaptureFormatException e = read(file).failure();

    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("magic 0a0d0d0a is not a pcap magic"), e.getMessage());
  }

  @Test
  void hugeCapturedLengthFailsWithTheRecordOffsetBeforeAllocating() {
    for (int huge : new int[] {0x7FFF_FFFF, 0xFFFF_FFF0, 262_145}) {
      byte[] header = ByteBuffer.allocate(16).order(LITTLE_ENDIAN).putInt((int) SECONDS).putInt(0).putInt(huge)
          .putInt(huge).array();
      byte[] file = concat(CaptureFixtures.threeRecordPcap(), header);

      CaptureFixtures.Outcome outcome = read(file);

      assertEquals(3, outcome.frames().size());
      assertEquals(24 + 76 + 16 + 49, outcome.failure().offset());
      assertTrue(outcome.failure().getMessage().contains(
          "record captured length " + Integer.toUnsignedString(huge) + " (expected: <= 262144"),
          outcome.failure().getMessage());
    }
  }

  @Test
  void snaplenAboveTheDefaultRaisesTheCapUpTo16MiB() {
    assertEquals(262_144, PcapReader.maxCapturedLength(0));
    assertEquals(262_144, PcapReader.maxCapturedLength(65_535));
    assertEquals(1 << 20, PcapReader.maxCapturedLength(1 << 20));
    assertEquals(16 << 20, PcapReader.maxCapturedLength(0xFFFF_FFFFL));
    byte[] big = payload(300_000, 3);
    byte[] file = concat(pcapHeader(PcapHeader.MAGIC_MICROS, LITTLE_ENDIAN, 2, 4, 1 << 20, 1),
        pcapRecord(LITTLE_ENDIAN, SECONDS, 0, big, big.length));

    assertArrayEquals(big, bytesOf(read(file).cleanFrames().get(0)));
  }

  @Test
  void versionsBeforeTwoThreeStoreTheOriginalLengthFirst() {
    byte[] record = ByteBuffer.allocate(16 + 4).order(LITTLE_ENDIAN).putInt((int) SECONDS).putInt(0)
        .putInt(1500).putInt(4).put(payload(4, 0)).array();
    byte[] file = concat(pcapHeader(PcapHeader.MAGIC_MICROS, LITTLE_ENDIAN, 2, 2, 65535, 1), record);

    CapturedFrame frame = read(file).cleanFrames().get(0);

    assertEquals(4, frame.capturedLength());
    assertEquals(1500, frame.originalLength());
  }

  @Test
  void originalLengthBelowTheCapturedLengthIsRaisedToIt() {
    byte[] file = concat(pcapHeader(PcapHeader.MAGIC_MICROS, LITTLE_ENDIAN, 2, 4, 65535, 1),
        pcapRecord(LITTLE_ENDIAN, SECONDS, 0, payload(60, 0), 42));

    CapturedFrame frame = read(file).cleanFrames().get(0);

    assertEquals(60, frame.originalLength());
    assertFalse(frame.truncated());
  }

  @Test
  void afterAFailureEveryCallFailsTheSameWay() {
    byte[] cut = Arrays.copyOf(CaptureFixtures.threeRecordPcap(), 30);
    try (PcapReader reader = new PcapReader(new ByteArrayInputStream(cut), "cut.pcap")) {
      CaptureFormatException first = assertThrows(CaptureFormatException.class, reader::next);
      assertSame(first, assertThrows(CaptureFormatException.class, reader::next));
    }
  }

  @Test
  void framesStreamYieldsEveryRecordInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("three.pcap");
    Files.write(file, CaptureFixtures.threeRecordPcap());

    try (PcapReader reader = new PcapReader(file)) {
      List<String> frames = reader.frames()
          .map(f -> f.number() + "@" + f.fileOffset() + ":" + f.capturedLength() + "/" + f.originalLength())
          .collect(Collectors.toList());
      assertEquals(List.of("1@24:60/60", "2@100:0/0", "3@116:33/1500"), frames);
    }
  }

  @Test
  void readerPullsAtMostOneBufferAheadOfTheFrames() {
    EndlessPcap source = new EndlessPcap();
    try (PcapReader reader = new PcapReader(source, "endless.pcap")) {
      for (int i = 0; i < 10_000; i++) {
        reader.next();
      }
    }
    long consumed = 24 + 10_000L * (16 + EndlessPcap.FRAME.length);
    assertTrue(source.served <= consumed + CaptureInput.BUFFER_SIZE, "served " + source.served);
  }

  /** An endless little-endian pcap of identical 100-byte frames, generated as it is read. */
  private static final class EndlessPcap extends InputStream {
    static final byte[] FRAME = payload(100, 0);
    private final byte[] header = pcapHeader(PcapHeader.MAGIC_MICROS, LITTLE_ENDIAN, 2, 4, 65535, 1);
    private final byte[] record = pcapRecord(LITTLE_ENDIAN, SECONDS, 0, FRAME, FRAME.length);
    long served;

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      for (int i = 0; i < len; i++) {
        long p = served + i;
        b[off + i] = p < 24 ? header[(int) p] : record[(int) ((p - 24) % record.length)];
      }
      served += len;
      return len;
    }
  }
}
