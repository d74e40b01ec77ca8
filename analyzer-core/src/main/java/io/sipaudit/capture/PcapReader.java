package io.sipaudit.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reads a classic pcap file (libpcap "savefile") record by record, in either byte order, with micro- or
 * nanosecond timestamps, and Kuznetsov's modified variant.
 *
 * <p>Example record, little-endian microseconds, after the 24-byte global header:
 * {@code c0 a0 26 69 | 86 17 0c 00 | 2a 00 00 00 | 2a 00 00 00 | <42 bytes>} is a 42-byte frame captured at
 * 2025-11-26T06:40:00.792454Z (seconds {@code 0x6926a0c0} = 1764139200, microseconds {@code 0x0c1786}).
 *
 * <p>What it accepts and rejects, compared with libpcap:
 * <ul>
 *   <li>A record cut by snaplen ({@code incl_len < orig_len}) is an ordinary frame whose
 *       {@link CapturedFrame#truncated()} is true.
 *   <li>An {@code incl_len} above {@link #maxCapturedLength()} (262144, or the file's snaplen when larger, up
 *       to 16 MiB) is corruption, reported with the record's offset before anything is allocated. Unlike
 *       libpcap, a record longer than a small snaplen but under that cap is returned whole, not cut to
 *       snaplen.
 *   <li>An {@code orig_len} below {@code incl_len} (a writer bug) is raised to {@code incl_len}.
 *   <li>Versions before 2.3 store {@code orig_len} first; 2.3 files may do either. Both are handled as
 *       libpcap does. Seconds are read as unsigned (good until 2106); libpcap reads them signed.
 * </ul>
 */
public final class PcapReader extends RecordReader {
  /** The captured length accepted whatever the snaplen says: libpcap's maximum snaplen, 256 KiB. */
  public static final int DEFAULT_MAX_CAPTURED_LENGTH = 262_144;
  /** The largest captured length accepted even when snaplen claims more: 16 MiB. */
  public static final int HARD_MAX_CAPTURED_LENGTH = 16 * 1024 * 1024;

  private final PcapHeader header;
  private final int recordHeaderSize;
  private final int maxCapturedLength;
  private final long nanosPerUnit;
  private long count;

  /** Opens an uncompressed pcap file; use {@link CaptureFormat#open(Path)} to detect the format and gzip. */
  public PcapReader(Path file) {
    this(new CaptureInput(newInputStream(file), file.toString(), false));
  }

  /** Reads an uncompressed pcap stream, e.g. an upload; {@code sourceName} appears in error messages. */
  public PcapReader(InputStream in, String sourceName) {
    this(new CaptureInput(in, sourceName, false));
  }

  PcapReader(CaptureInput in) {
    super(in);
    try {
      this.header = readHeader(in);
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
    this.recordHeaderSize = header.recordHeaderSize();
    this.maxCapturedLength = maxCapturedLength(header.snaplen());
    this.nanosPerUnit = header.nanosecond() ? 1 : 1000;
  }

  /** Returns the global header. */
  public PcapHeader header() {
    return header;
  }

  /** Returns the largest {@code incl_len} this reader accepts before calling the file corrupt. */
  public int maxCapturedLength() {
    return maxCapturedLength;
  }

  @Override
  protected @Nullable CapturedFrame readNext() {
    long at = in.offset();
    if (!in.require(recordHeaderSize)) {
      if (in.atCleanEnd()) {
        return null;
      }
      throw in.truncated(at, "record header", recordHeaderSize);
    }
    long seconds = in.getInt(0) & 0xFFFF_FFFFL;
    long fraction = in.getInt(4) & 0xFFFF_FFFFL;
    long captured = in.getInt(8) & 0xFFFF_FFFFL;
    long original = in.getInt(12) & 0xFFFF_FFFFL;
    if (header.versionMinor() < 3 || (header.versionMinor() == 3 && captured > original)) {
      long t = captured;
      captured = original;
      original = t;
    }
    if (captured > maxCapturedLength) {
      throw in.corrupt(at, "record captured length " + captured + " (expected: <= " + maxCapturedLength
          + ", the larger of snaplen " + header.snaplen() + " and 262144, at most 16 MiB)");
    }
    in.advance(recordHeaderSize);
    byte[] data = in.read((int) captured);
    if (data == null) {
      throw in.truncated(at, "record (" + recordHeaderSize + "-byte header + " + captured + " bytes of data)",
          recordHeaderSize + captured);
    }
    Instant timestamp = Instant.ofEpochSecond(seconds, fraction * nanosPerUnit);
    int originalLength = (int) Math.min(Math.max(original, captured), Integer.MAX_VALUE);
    count++;
    return new CapturedFrame(count, timestamp, header.linkType(), originalLength,
        ByteBuffer.wrap(data).asReadOnlyBuffer(), 0, at);
  }

  static int maxCapturedLength(long snaplen) {
    return (int) Math.max(DEFAULT_MAX_CAPTURED_LENGTH, Math.min(snaplen, HARD_MAX_CAPTURED_LENGTH));
  }

  private static PcapHeader readHeader(CaptureInput in) {
    if (!in.require(PcapHeader.SIZE)) {
      throw in.truncated(0, "pcap global header", PcapHeader.SIZE);
    }
    in.order(ByteOrder.BIG_ENDIAN);
    int magic = in.getInt(0);
    ByteOrder order = PcapHeader.magicOrder(magic);
    if (order == null) {
      throw in.corrupt(0, String.format("magic %08x is not a pcap magic (expected: a1b2c3d4, a1b23c4d or"
          + " a1b2cd34, in either byte order)", magic));
    }
    in.order(order);
    int fileMagic = in.getInt(0);
    int major = in.getUnsignedShort(4);
    int minor = in.getUnsignedShort(6);
    if (major != 2) {
      throw in.corrupt(4, "pcap version " + major + "." + minor + " (expected: 2.x)");
    }
    long snaplen = in.getInt(16) & 0xFFFF_FFFFL;
    int linkType = in.getInt(20) & PcapHeader.LINK_TYPE_MASK;
    in.advance(PcapHeader.SIZE);
    return new PcapHeader(order, fileMagic == PcapHeader.MAGIC_NANOS, fileMagic == PcapHeader.MAGIC_MODIFIED,
        major, minor, snaplen, linkType);
  }

  static InputStream newInputStream(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException("opening " + file, e);
    }
  }
}
