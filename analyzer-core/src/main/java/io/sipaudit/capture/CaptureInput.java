package io.sipaudit.capture;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * A forward-only byte source with one fixed buffer, absolute offsets and typed reads, shared by the readers.
 *
 * <p>Example: after {@code require(16)} succeeds, {@code getInt(8)} is the {@code incl_len} of a pcap record
 * header that starts at {@link #offset()}, in the byte order last set with {@link #order(ByteOrder)}.
 *
 * <p>Memory stays constant: the buffer never grows, and {@link #read(byte[], int)} copies into the caller's
 * array. When the source is gzip-compressed, a corrupt or truncated gzip stream is not thrown at once: the bytes
 * decoded before it stay readable, and the failure surfaces when a reader needs bytes past them, as a
 * {@link CaptureFormatException} at the last good offset of the uncompressed stream.
 */
final class CaptureInput implements Closeable {
  static final int BUFFER_SIZE = 256 * 1024;

  private final InputStream in;
  private final String source;
  private final boolean gzip;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private final ByteBuffer view = ByteBuffer.wrap(buffer);
  private int pos;
  private int limit;
  /** Offset in the (uncompressed) stream of {@code buffer[0]}. */
  private long base;
  private boolean eof;
  private @Nullable IOException gzipFailure;

  CaptureInput(InputStream in, String source, boolean gzip) {
    this.in = requireNonNull(in, "in");
    this.source = requireNonNull(source, "source");
    this.gzip = gzip;
  }

  /** Returns the source name used in error messages, e.g. {@code "calls.pcap"}. */
  String source() {
    return source;
  }

  /** Returns whether the bytes come out of a gzip decompressor. */
  boolean gzip() {
    return gzip;
  }

  /** Returns the offset of the next unread byte in the uncompressed stream. */
  long offset() {
    return base + pos;
  }

  /** Returns how many bytes are buffered and can be read without touching the stream. */
  int available() {
    return limit - pos;
  }

  /** Sets the byte order of the typed reads. */
  void order(ByteOrder order) {
    view.order(order);
  }

  /**
   * Makes {@code n} bytes (at most {@link #BUFFER_SIZE}) readable at the current offset.
   *
   * @return false when the stream ends first; {@link #available()} then tells how many are left
   */
  boolean require(int n) {
    if (limit - pos >= n) {
      return true;
    }
    fill(n);
    return limit - pos >= n;
  }

  /** Returns whether the gzip decompressor has failed; the bytes before the failure stay readable. */
  boolean gzipFailed() {
    return gzipFailure != null;
  }

  /** Returns whether the stream ended cleanly right at the current offset. */
  boolean atCleanEnd() {
    return !require(1) && gzipFailure == null;
  }

  /** Returns the unsigned byte at {@code index} bytes past the current offset; {@link #require} first. */
  int getUnsignedByte(int index) {
    return buffer[pos + index] & 0xFF;
  }

  /** Returns the u16 at {@code index} bytes past the current offset; {@link #require} first. */
  int getUnsignedShort(int index) {
    return view.getShort(pos + index) & 0xFFFF;
  }

  /** Returns the 32-bit value at {@code index} bytes past the current offset; {@link #require} first. */
  int getInt(int index) {
    return view.getInt(pos + index);
  }

  /** Returns the 64-bit value at {@code index} bytes past the current offset; {@link #require} first. */
  long getLong(int index) {
    return view.getLong(pos + index);
  }

  /** Consumes {@code n} buffered bytes; {@link #require} first. */
  void advance(int n) {
    pos += n;
  }

  /**
   * Reads {@code length} bytes into a new array of exactly that size.
   *
   * @return the array, or null when the stream ends first (everything up to the end is consumed)
   */
  byte @Nullable [] read(int length) {
    byte[] out = new byte[length];
    return read(out, length) ? out : null;
  }

  /** Fills {@code out[0, length)}; returns false when the stream ends first. */
  boolean read(byte[] out, int length) {
    int copied = Math.min(length, limit - pos);
    System.arraycopy(buffer, pos, out, 0, copied);
    pos += copied;
    while (copied < length) {
      int missing = length - copied;
      if (missing < BUFFER_SIZE / 2) {
        if (!require(missing)) {
          int rest = limit - pos;
          System.arraycopy(buffer, pos, out, copied, rest);
          pos += rest;
          return false;
        }
        System.arraycopy(buffer, pos, out, copied, missing);
        pos += missing;
        return true;
      }
      base += limit;
      pos = 0;
      limit = 0;
      int n = readStream(out, copied, missing);
      if (n < 0) {
        return false;
      }
      base += n;
      copied += n;
    }
    return true;
  }

  /** Consumes {@code n} bytes; returns false when the stream ends first. */
  boolean skip(long n) {
    long left = n;
    while (left > 0) {
      if (pos == limit && !require(1)) {
        return false;
      }
      int step = (int) Math.min(left, limit - pos);
      pos += step;
      left -= step;
    }
    return true;
  }

  /**
   * Returns the exception for a record or block that the stream ends inside of.
   *
   * <p>Example: {@code truncated(24, "record header", 16)} with 7 bytes left gives
   * {@code "x.pcap at offset 24: record header needs 16 bytes, file ends after 7"}. For gzip input whose
   * compressed stream is corrupt or cut short, the exception names instead the last good offset of the
   * uncompressed stream and why decompression stopped.
   */
  CaptureFormatException truncated(long recordOffset, String what, long needed) {
    long end = base + limit; // callers come here after a read hit the end, so this is the stream's length
    if (gzipFailure != null) {
      return new CaptureFormatException(source, end, "gzip data is corrupt after " + end
          + " uncompressed bytes (" + describe(gzipFailure) + "), while reading the " + what + " at offset "
          + recordOffset + " (offsets count uncompressed bytes)");
    }
    return new CaptureFormatException(source, recordOffset,
        what + " needs " + needed + " bytes, file ends after " + (end - recordOffset));
  }

  /** Describes a decompression failure; the JDK's {@link EOFException}s often have no message. */
  static String describe(IOException e) {
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    return e instanceof EOFException ? "unexpected end of the gzip stream" : e.getClass().getSimpleName();
  }

  /** Returns a corruption exception at {@code offset}. */
  CaptureFormatException corrupt(long offset, String problem) {
    return new CaptureFormatException(source, offset, problem);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + source, e);
    }
  }

  private void fill(int n) {
    if (n > BUFFER_SIZE) {
      throw new IllegalArgumentException("require(" + n + ") exceeds the buffer of " + BUFFER_SIZE);
    }
    if (pos > 0) {
      System.arraycopy(buffer, pos, buffer, 0, limit - pos);
      base += pos;
      limit -= pos;
      pos = 0;
    }
    while (limit < n && !eof) {
      int r = readStream(buffer, limit, BUFFER_SIZE - limit);
      if (r > 0) {
        limit += r;
      }
    }
  }

  /** Reads from the stream; returns -1 at its end, or after a gzip failure, which it records. */
  private int readStream(byte[] into, int off, int len) {
    if (eof) {
      return -1;
    }
    try {
      int r = in.read(into, off, len);
      if (r < 0) {
        eof = true;
      }
      return r;
    } catch (ZipException | EOFException e) {
      if (!gzip) {
        throw new UncheckedIOException("reading " + source, e);
      }
      gzipFailure = e;
      eof = true;
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + source + " at offset " + (base + limit), e);
    }
  }
}
