package io.sipaudit.textlog;

import io.sipaudit.capture.ForeignFormat;
import io.sipaudit.capture.PcapHeader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.GZIPInputStream;

/**
 * Opens text traces, plain or gzip-compressed (rotated logs are), from files or standard input.
 *
 * <p>Example: {@code TextTraces.open(Path.of("/var/log/asterisk/full.1.gz"), TextTraceOptions.DEFAULTS)}. For a
 * file, times of day without a date (FreeSWITCH, tcpdump) default to the file's modification date in the
 * options' zone. {@link #startsLikeCapture} tells a piped capture ({@code tcpdump -w - | sipaudit stats -}) from
 * a piped text trace without consuming anything.
 */
public final class TextTraces {
  private static final int PCAPNG_SECTION_HEADER = 0x0A0D0D0A;
  private static final int PEEK_LIMIT = 64 * 1024;

  private TextTraces() {}

  /** Opens a text trace file, gunzipping it when it starts with the gzip magic. */
  public static TextTraceReader open(Path file, TextTraceOptions options) {
    return open(file, file.toString(), options);
  }

  /** Opens a text trace file that messages and references call {@code source}, e.g. {@code asterisk.log}. */
  public static TextTraceReader open(Path file, String source, TextTraceOptions options) {
    try {
      LocalDate fileDate = LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), options.zone());
      return new TextTraceReader(gunzipped(Files.newInputStream(file)), source, options, fileDate);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** Reads a text trace from a stream (gzip or not), e.g. standard input called {@code "-"}, with no file date. */
  public static TextTraceReader open(InputStream in, String source, TextTraceOptions options) {
    return new TextTraceReader(gunzipped(in), source, options, null);
  }

  /**
   * Returns whether the stream's (uncompressed) content starts with a pcap or pcapng magic, or with that of a capture
   * format only editcap reads ({@link ForeignFormat}, which the capture reader then names); the stream is reset to
   * where it was.
   */
  public static boolean startsLikeCapture(BufferedInputStream in) {
    try {
      in.mark(PEEK_LIMIT);
      byte[] head = in.readNBytes(ForeignFormat.HEAD);
      in.reset();
      if (head.length >= 4 && isGzip(head)) {
        in.mark(PEEK_LIMIT);
        try {
          head = new GZIPInputStream(new NonClosing(in), 512).readNBytes(ForeignFormat.HEAD);
        } catch (IOException e) {
          head = new byte[0];   // a broken gzip stream: let the capture reader say what is wrong with it
          in.reset();
          return true;
        }
        in.reset();
      }
      if (ForeignFormat.describe(head) != null) {
        return true;
      }
      if (head.length < 4) {
        return false;
      }
      int magic = ByteBuffer.wrap(head).getInt();
      for (int m : new int[] {PcapHeader.MAGIC_MICROS, PcapHeader.MAGIC_NANOS, PcapHeader.MAGIC_MODIFIED}) {
        if (magic == m || magic == Integer.reverseBytes(m)) {
          return true;
        }
      }
      return magic == PCAPNG_SECTION_HEADER;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the start of the input", e);
    }
  }

  private static InputStream gunzipped(InputStream raw) {
    BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 64 * 1024);
    try {
      in.mark(2);
      byte[] head = in.readNBytes(2);
      in.reset();
      return head.length == 2 && isGzip(head) ? new GZIPInputStream(in, 64 * 1024) : in;
    } catch (IOException e) {
      try {
        in.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("reading the start of the text trace (gzip header?)", e);
    }
  }

  private static boolean isGzip(byte[] head) {
    return (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  /** A view of a stream whose close does nothing, for peeking through a decompressor. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the underlying stream stays open
    }
  }
}
