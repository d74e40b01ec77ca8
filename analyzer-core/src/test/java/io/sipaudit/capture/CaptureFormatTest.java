package io.sipaudit.capture;

import static io.sipaudit.capture.CaptureFixtures.gzip;
import static io.sipaudit.capture.CaptureFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CaptureFormatTest {

  private static final byte[] PCAP = CaptureFixtures.threeRecordPcap();
  private static final byte[] PCAPNG = new PcapngBuilder().section(ByteOrder.BIG_ENDIAN).interfaceBlock(1, 0)
      .enhancedPacket(0, 1, CaptureFixtures.payload(8, 0), 8).bytes();

  @Test
  void pcapAndPcapngAreRecognisedByTheirFirstBytes(@TempDir Path dir) throws IOException {
    Path pcap = Files.write(dir.resolve("a.pcapng"), PCAP);
    Path pcapng = Files.write(dir.resolve("b.pcap"), PCAPNG);
    Path text = Files.write(dir.resolve("c.pcap"), "INVITE sip:bob@example.com SIP/2.0\r\n".getBytes());

    assertEquals(Optional.of(CaptureFormat.PCAP), CaptureFormat.detect(pcap));
    assertEquals(Optional.of(CaptureFormat.PCAPNG), CaptureFormat.detect(pcapng));
    assertEquals(Optional.empty(), CaptureFormat.detect(text));
    try (CaptureReader reader = CaptureFormat.open(pcap)) {
      assertInstanceOf(PcapReader.class, reader);
      assertEquals(3, reader.frames().count());
    }
    try (CaptureReader reader = CaptureFormat.open(pcapng)) {
      assertInstanceOf(PcapngReader.class, reader);
      assertEquals(1, reader.frames().count());
    }
  }

  @Test
  void gzipIsRecognisedByContentNotByName(@TempDir Path dir) throws IOException {
    Path misleading = Files.write(dir.resolve("notes.txt"), gzip(PCAPNG));
    Path plain = Files.write(dir.resolve("calls.pcap.gz"), PCAP);

    assertEquals(Optional.of(CaptureFormat.PCAPNG), CaptureFormat.detect(misleading));
    try (CaptureReader gunzipped = CaptureFormat.open(misleading); CaptureReader raw = CaptureFormat.open(plain)) {
      assertEquals(1, gunzipped.frames().count());
      assertEquals(3, raw.frames().count());
    }
  }

  @Test
  void gzipFramesEqualPlainFramesIncludingOffsets() {
    assertEquals(readAll(PCAP).cleanFrames(), readAll(gzip(PCAP)).cleanFrames());
  }

  @Test
  void garbageNamesItsFirstBytesAndTheAcceptedFormats() {
    CaptureFormatException e = readAll("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)).failure();

    assertEquals(0, e.offset());
    assertEquals("test at offset 0: the file starts with 47 45 54 20 2f 20 48 54 (\"GET / HT\"), which is not a"
        + " known capture format; accepted: pcap (magic a1b2c3d4, a1b23c4d or a1b2cd34, in either byte order)"
        + " and pcapng (0a0d0d0a), each optionally gzip-compressed (1f 8b)", e.getMessage());
  }

  @Test
  void gunzippedGarbageSaysItWasGunzipped() {
    CaptureFormatException e = readAll(gzip(new byte[] {0, 1, 2, 3, 4})).failure();

    assertTrue(e.getMessage().contains("the gunzipped file starts with 00 01 02 03 04 (\".....\")"),
        e.getMessage());
  }

  @Test
  void zeroLengthFileFailsClearlyAtOffsetZero(@TempDir Path dir) throws IOException {
    Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);

    CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFormat.open(empty));

    assertEquals(0, e.offset());
    assertTrue(e.getMessage().startsWith(empty + " at offset 0: the file is empty; accepted: pcap"), e.getMessage());
  }

  @Test
  void fileShorterThanAnyMagicNamesItsBytes() {
    CaptureFormatException e = readAll(new byte[] {(byte) 0xd4, (byte) 0xc3}).failure();

    assertTrue(e.getMessage().contains("the file has only 2 byte(s): d4 c3"), e.getMessage());
  }

  @Test
  void missingFileIsAnUncheckedIoError(@TempDir Path dir) {
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> CaptureFormat.open(dir.resolve("nope.pcap")));

    assertInstanceOf(NoSuchFileException.class, e.getCause());
  }

  @Test
  void uploadStreamIsReadLikeAFile() {
    try (CaptureReader reader = CaptureFormat.open(new ByteArrayInputStream(gzip(PCAP)), "upload calls.pcap")) {
      assertEquals(List.of(1L, 2L, 3L), reader.frames().map(CapturedFrame::number).toList());
    }
  }

  @Test
  void badGzipCrcFailsAfterEveryFrameAtTheEndOfTheData() {
    byte[] compressed = gzip(PCAP);
    compressed[compressed.length - 8] ^= 0x01;

    CaptureFixtures.Outcome outcome = readAll(compressed);

    assertEquals(3, outcome.frames().size());
    assertEquals(PCAP.length, outcome.failure().offset());
    assertTrue(outcome.failure().getMessage().contains("gzip data is corrupt after 165 uncompressed bytes ("
        + "Corrupt GZIP trailer)"), outcome.failure().getMessage());
  }

  @Test
  void gzipCutInItsTrailerSaysSoAndCountsUncompressedBytes() {
    byte[] compressed = gzip(PCAP);

    CaptureFixtures.Outcome outcome = readAll(Arrays.copyOf(compressed, compressed.length - 4));

    assertEquals(3, outcome.frames().size());
    assertEquals("test at offset 165: gzip data is corrupt after 165 uncompressed bytes (unexpected end of the"
        + " gzip stream), while reading the record header at offset 165 (offsets count uncompressed bytes)",
        outcome.failure().getMessage());
  }

  @Test
  void gzipCutInsideItsHeaderFailsAtOffsetZero() {
    CaptureFormatException e = readAll(new byte[] {0x1f, (byte) 0x8b, 8}).failure();

    assertEquals(0, e.offset());
    assertEquals("test at offset 0: gzip header is corrupt or cut short (unexpected end of the"
        + " gzip stream)", e.getMessage());
  }

  @Test
  void gzipCutAtEveryOffsetYieldsTheDecodedFramesThenTheLastGoodOffset() {
    List<CapturedFrame> all = readAll(PCAP).cleanFrames();
    long[] recordEnds = {24 + 76, 24 + 76 + 16, PCAP.length};
    byte[] compressed = gzip(PCAP);
    for (int cut = 2; cut < compressed.length; cut++) {
      byte[] prefix = Arrays.copyOf(compressed, cut);
      long good = decodable(prefix);
      int frames = 0;
      while (frames < recordEnds.length && recordEnds[frames] <= good) {
        frames++;
      }

      CaptureFixtures.Outcome outcome = readAll(prefix);

      assertEquals(all.subList(0, frames), outcome.frames(), "cut at " + cut);
      assertEquals(good, outcome.failure().offset(), "cut at " + cut + ": " + outcome.failure().getMessage());
    }
  }

  @Test
  void gzipBombStreamsFrameByFrame() {
    int members = 200;
    GzipBomb bomb = new GzipBomb(members);
    long frames;
    try (CaptureReader reader = CaptureFormat.open(bomb, "bomb.pcap.gz")) {
      reader.next();
      assertTrue(bomb.served <= 2 * 64 * 1024, "compressed bytes pulled for the first frame: " + bomb.served);
      frames = 1 + reader.frames().count();
    }
    assertEquals((long) members * GzipBomb.FRAMES_PER_MEMBER, frames);
  }

  /** Returns how many bytes GZIPInputStream decodes from {@code compressed} before it fails. */
  private static long decodable(byte[] compressed) {
    long total = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      byte[] buf = new byte[4096];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        total += n;
      }
    } catch (EOFException | java.util.zip.ZipException e) {
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("a cut gzip stream decoded without error");
  }

  /**
   * A pcap of {@code members} × 1000 zero-filled 1500-byte frames (300 MB for 200 members) as concatenated gzip
   * members, served from two small arrays: decompression must stream for the test to pass quickly.
   */
  private static final class GzipBomb extends InputStream {
    static final int FRAMES_PER_MEMBER = 1000;
    private final byte[] header = gzip(CaptureFixtures.pcapHeader(PcapHeader.MAGIC_MICROS, ByteOrder.LITTLE_ENDIAN,
        2, 4, 65535, 1));
    private final byte[] member;
    private final long total;
    long served;

    GzipBomb(int members) {
      ByteArrayOutputStream records = new ByteArrayOutputStream();
      byte[] record = CaptureFixtures.pcapRecord(ByteOrder.LITTLE_ENDIAN, CaptureFixtures.SECONDS, 0,
          new byte[1500], 1500);
      for (int i = 0; i < FRAMES_PER_MEMBER; i++) {
        records.writeBytes(record);
      }
      member = gzip(records.toByteArray());
      total = header.length + (long) members * member.length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (served >= total) {
        return -1;
      }
      int n = 0;
      while (n < len && served < total) {
        b[off + n++] = served < header.length ? header[(int) served]
            : member[(int) ((served - header.length) % member.length)];
        served++;
      }
      return n;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, total - served);
    }
  }
}
