package io.sipaudit.capture;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a little-endian classic pcap file: version 2.4, snaplen 262144, one link type, micro- or
 * nanosecond timestamps.
 *
 * <p>Example: {@code try (PcapWriter w = PcapWriter.create(path, 1, Precision.NANOS, false)) {
 * w.write(Instant.parse("2025-11-26T06:40:00.792454789Z"), ethernetFrame); }} writes a file that
 * {@code tcpdump -r} and {@link PcapReader} read back with the nanoseconds intact. With
 * {@link Precision#MICROS}, timestamps are truncated to the microsecond.
 */
public final class PcapWriter implements AutoCloseable {
  /** The snaplen written in the global header. */
  public static final int SNAPLEN = 262_144;

  /** Timestamp resolution of the file. */
  public enum Precision {
    /** Microseconds, magic {@code a1b2c3d4}. */
    MICROS(PcapHeader.MAGIC_MICROS),
    /** Nanoseconds, magic {@code a1b23c4d}. */
    NANOS(PcapHeader.MAGIC_NANOS);

    private final int magic;

    Precision(int magic) {
      this.magic = magic;
    }
  }

  private final OutputStream out;
  private final Precision precision;
  private final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);

  /** Writes the global header to {@code out}, which the writer closes when it is closed. */
  public PcapWriter(OutputStream out, int linkType, Precision precision) {
    this.out = requireNonNull(out, "out");
    this.precision = requireNonNull(precision, "precision");
    if (linkType < 0) {
      throw new IllegalArgumentException("link type " + linkType + " (expected: >= 0)");
    }
    ByteBuffer global = ByteBuffer.allocate(PcapHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    global.putInt(precision.magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
        .putInt(SNAPLEN).putInt(linkType);
    write(global.array(), 0, PcapHeader.SIZE);
  }

  /** Creates (or replaces) {@code file}, gzip-compressed when {@code gzip} is true whatever its name. */
  public static PcapWriter create(Path file, int linkType, Precision precision, boolean gzip) {
    try {
      OutputStream out = Files.newOutputStream(file);
      try {
        OutputStream sink = gzip ? new GZIPOutputStream(out, 64 * 1024) : out;
        return new PcapWriter(new BufferedOutputStream(sink, 64 * 1024), linkType, precision);
      } catch (IOException | RuntimeException e) {
        out.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + file, e);
    }
  }

  /** Writes one complete packet. */
  public void write(Instant timestamp, byte[] data) {
    write(timestamp, data, data.length);
  }

  /** Writes one packet of which only {@code data} was captured out of {@code originalLength} on the wire. */
  public void write(Instant timestamp, byte[] data, int originalLength) {
    requireNonNull(timestamp, "timestamp");
    long seconds = timestamp.getEpochSecond();
    if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("timestamp " + timestamp + " (expected: 1970 to 2106, u32 seconds)");
    }
    if (data.length > SNAPLEN) {
      throw new IllegalArgumentException("captured length " + data.length + " (expected: <= " + SNAPLEN + ")");
    }
    if (originalLength < data.length) {
      throw new IllegalArgumentException(
          "original length " + originalLength + " < captured length " + data.length);
    }
    int fraction = precision == Precision.NANOS ? timestamp.getNano() : timestamp.getNano() / 1000;
    header.clear();
    header.putInt((int) seconds).putInt(fraction).putInt(data.length).putInt(originalLength);
    write(header.array(), 0, 16);
    write(data, 0, data.length);
  }

  /** Flushes and closes the output, finishing the gzip trailer if any. */
  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing pcap output", e);
    }
  }

  private void write(byte[] bytes, int offset, int length) {
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      throw new UncheckedIOException("writing pcap output", e);
    }
  }
}
