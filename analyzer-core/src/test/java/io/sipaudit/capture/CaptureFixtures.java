package io.sipaudit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/** Byte-level builders and read helpers shared by the capture tests. */
final class CaptureFixtures {
  /** 2025-11-26T06:40:00Z. */
  static final long SECONDS = 1_764_139_200L;

  private CaptureFixtures() {
  }

  /** What reading a whole capture gave: the frames, then either a clean end or a format error. */
  record Outcome(List<CapturedFrame> frames, @Nullable CaptureFormatException error) {

    /** Asserts that the read ended cleanly and returns the frames. */
    List<CapturedFrame> cleanFrames() {
      assertNull(error, () -> "unexpected " + error);
      return frames;
    }

    /** Asserts that the read failed and returns the exception. */
    CaptureFormatException failure() {
      assertNotNull(error, () -> "expected a CaptureFormatException after " + frames.size() + " frames");
      return error;
    }
  }

  /** Opens with {@code open} (which may already fail) and reads to the end or the first format error. */
  static Outcome readAll(InputStream in, Function<InputStream, CaptureReader> open) {
    List<CapturedFrame> frames = new ArrayList<>();
    try (CaptureReader reader = open.apply(in)) {
      for (CapturedFrame f = reader.next(); f != null; f = reader.next()) {
        frames.add(f);
      }
      return new Outcome(frames, null);
    } catch (CaptureFormatException e) {
      return new Outcome(frames, e);
    }
  }

  /** Reads {@code bytes} with format detection (and gzip detection). */
  static Outcome readAll(byte[] bytes) {
    return readAll(new ByteArrayInputStream(bytes), in -> CaptureFormat.open(in, "test"));
  }

  static byte[] bytesOf(CapturedFrame frame) {
    ByteBuffer data = frame.data().duplicate();
    byte[] out = new byte[data.remaining()];
    data.get(out);
    return out;
  }

  /** Returns {@code n} bytes counting up from {@code first}, as a recognisable payload. */
  static byte[] payload(int n, int first) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (first + i);
    }
    return out;
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A classic pcap global header in any byte order, with any magic and version. */
  static byte[] pcapHeader(int magic, ByteOrder order, int major, int minor, int snaplen, int linkType) {
    return ByteBuffer.allocate(24).order(order).putInt(magic).putShort((short) major).putShort((short) minor)
        .putInt(0).putInt(0).putInt(snaplen).putInt(linkType).array();
  }

  /** A classic pcap record: 16-byte header then the data. */
  static byte[] pcapRecord(ByteOrder order, long seconds, long fraction, byte[] data, long originalLength) {
    return ByteBuffer.allocate(16 + data.length).order(order).putInt((int) seconds).putInt((int) fraction)
        .putInt(data.length).putInt((int) originalLength).put(data).array();
  }

  /** A small little-endian µs pcap of three Ethernet records of 60, 0 and 33 bytes, plus its record offsets. */
  static byte[] threeRecordPcap() {
    return concat(
        pcapHeader(PcapHeader.MAGIC_MICROS, ByteOrder.LITTLE_ENDIAN, 2, 4, 65535, 1),
        pcapRecord(ByteOrder.LITTLE_ENDIAN, SECONDS, 1, payload(60, 0), 60),
        pcapRecord(ByteOrder.LITTLE_ENDIAN, SECONDS, 2, new byte[0], 0),
        pcapRecord(ByteOrder.LITTLE_ENDIAN, SECONDS + 1, 999_999, payload(33, 7), 1500));
  }

  /** Serves {@code data} one byte per {@code read} call, like the slowest possible pipe. */
  static InputStream oneByteAtATime(byte[] data) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  /**
   * Checks reading every prefix of {@code file}: a cut at a block boundary ends cleanly with exactly the frames
   * of the blocks before it; any other cut yields those frames and then fails at the offset of the cut block.
   *
   * @param blockStarts offsets of the file's blocks, the first being the file header (0), in order
   * @param framesBefore for each block start, how many frames the blocks before it hold
   */
  static void assertEveryPrefix(byte[] file, long[] blockStarts, int[] framesBefore,
      Function<InputStream, CaptureReader> open) {
    List<CapturedFrame> all = readAll(new ByteArrayInputStream(file), open).cleanFrames();
    for (int cut = 0; cut <= file.length; cut++) {
      byte[] prefix = Arrays.copyOf(file, cut);
      int block = blockStarts.length - 1;
      while (blockStarts[block] > cut) {
        block--;
      }
      boolean atBoundary = cut == file.length || blockStarts[block] == cut && block > 0;
      int expectedFrames = cut == file.length ? all.size() : framesBefore[block];
      for (boolean viaDetection : new boolean[] {false, true}) {
        Outcome got = viaDetection ? readAll(prefix) : readAll(new ByteArrayInputStream(prefix), open);
        String where = "cut at " + cut + (viaDetection ? " via CaptureFormat" : "");
        assertEquals(all.subList(0, expectedFrames), got.frames(), where);
        if (atBoundary) {
          assertNull(got.error(), where);
        } else {
          assertNotNull(got.error(), where);
          assertEquals(blockStarts[block], got.error().offset(), where + ": " + got.error().getMessage());
        }
      }
      Outcome gzipped = readAll(gzip(prefix));
      assertEquals(all.subList(0, expectedFrames), gzipped.frames(), "gzipped cut at " + cut);
      assertEquals(atBoundary ? null : blockStarts[block],
          gzipped.error() == null ? null : gzipped.error().offset(), "gzipped cut at " + cut);
    }
  }

  /** Returns an instant {@code nanos} after {@link #SECONDS}. */
  static Instant at(long nanos) {
    return Instant.ofEpochSecond(SECONDS, nanos);
  }
}
