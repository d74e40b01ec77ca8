package io.sipaudit.capture;

import io.sipaudit.MalformedInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * The capture file formats, recognised by their first bytes, never by the file name.
 *
 * <p>Example: a file named {@code calls.txt} that starts {@code 1f 8b} is gunzipped; if the result starts
 * {@code d4 c3 b2 a1} it is read as little-endian microsecond pcap. Usage:
 * {@code try (CaptureReader r = CaptureFormat.open(path)) { r.frames().forEach(...); }}.
 *
 * <p>For gzip input, every offset in a {@link CaptureFormatException} counts bytes of the uncompressed stream,
 * and a corrupt or truncated gzip stream fails after every frame decoded before the damage, at the last good
 * uncompressed offset. Reading streams in constant memory, so a gzip bomb only takes time.
 */
public enum CaptureFormat {
  /** Classic pcap: magic {@code a1b2c3d4} (µs), {@code a1b23c4d} (ns) or {@code a1b2cd34}, either order. */
  PCAP(PcapReader::new),
  /** pcapng: the section header block type {@code 0a0d0d0a}. */
  PCAPNG(PcapngReader::new);

  private static final String ACCEPTED = "accepted: pcap (magic a1b2c3d4, a1b23c4d or a1b2cd34, in either byte"
      + " order) and pcapng (0a0d0d0a), each optionally gzip-compressed (1f 8b)";
  private static final int GZIP_BUFFER = 64 * 1024;

  private final Function<CaptureInput, CaptureReader> factory;

  CaptureFormat(Function<CaptureInput, CaptureReader> factory) {
    this.factory = factory;
  }

  /** Opens a capture file of any supported format, gzip-compressed or not. */
  public static CaptureReader open(Path file) {
    return open(file, file.toString());
  }

  /** Opens a capture file that error messages and frame references call {@code sourceName}, e.g. {@code calls.pcap}. */
  public static CaptureReader open(Path file, String sourceName) {
    return open(PcapReader.newInputStream(file), sourceName);
  }

  /**
   * Reads a capture of any supported format from a stream, e.g. an upload or stdin, and closes it when the
   * reader is closed.
   *
   * @param sourceName what error messages call the input, e.g. {@code "upload calls.pcap"}
   * @throws CaptureFormatException at offset 0 when the content is none of the formats, naming its first bytes
   * @throws MalformedInputException for a capture format that only editcap reads, naming it ({@link ForeignFormat})
   */
  public static CaptureReader open(InputStream in, String sourceName) {
    CaptureInput input = input(in, sourceName);
    try {
      return detect(input).factory.apply(input);
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
  }

  /**
   * Returns the format of a file's (uncompressed) content, or empty when it is none of them.
   *
   * @throws MalformedInputException when it is a capture format that only Wireshark's editcap reads
   *     ({@link ForeignFormat}), naming it and the conversion
   */
  public static Optional<CaptureFormat> detect(Path file) {
    return detect(file, file.toString());
  }

  /** Returns the format of a file that error messages call {@code sourceName}; see {@link #detect(Path)}. */
  public static Optional<CaptureFormat> detect(Path file, String sourceName) {
    try (CaptureInput input = input(PcapReader.newInputStream(file), sourceName)) {
      return Optional.of(detect(input));
    } catch (CaptureFormatException e) {
      return Optional.empty();
    }
  }

  /** Returns the format whose magic the first four bytes hold, read big-endian, or null. */
  static @Nullable CaptureFormat forMagic(int firstFourBigEndian) {
    if (firstFourBigEndian == PcapngReader.SECTION_HEADER) {
      return PCAPNG;
    }
    return PcapHeader.isMagic(firstFourBigEndian) ? PCAP : null;
  }

  private static CaptureFormat detect(CaptureInput input) {
    input.order(ByteOrder.BIG_ENDIAN);
    if (!input.require(4)) {
      if (input.gzipFailed()) {
        throw input.truncated(0, "file magic", 4);
      }
      throw input.corrupt(0, (input.available() == 0 ? "the " + (input.gzip() ? "gunzipped " : "") + "file is empty"
          : "the file has only " + input.available() + " byte(s): " + firstBytes(input)) + "; " + ACCEPTED);
    }
    CaptureFormat format = forMagic(input.getInt(0));
    if (format == null) {
      input.require(ForeignFormat.HEAD);
      byte[] head = new byte[Math.min(ForeignFormat.HEAD, input.available())];
      for (int i = 0; i < head.length; i++) {
        head[i] = (byte) input.getUnsignedByte(i);
      }
      String foreign = ForeignFormat.describe(head);
      if (foreign != null) {   // not a CaptureFormatException: detect(Path) must not take it for a text trace
        throw new MalformedInputException(ForeignFormat.problem(input.source(), foreign));
      }
      throw input.corrupt(0, "the " + (input.gzip() ? "gunzipped " : "") + "file starts with " + firstBytes(input)
          + ", which is not a known capture format; " + ACCEPTED);
    }
    return format;
  }

  /** Returns up to 8 buffered bytes as hex plus printable ASCII, e.g. {@code 47 45 54 20 ("GET ")}. */
  private static String firstBytes(CaptureInput input) {
    int n = Math.min(8, input.available());
    StringBuilder hex = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int b = input.getUnsignedByte(i);
      hex.append(i == 0 ? "" : " ").append(String.format("%02x", b));
      text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
    }
    return hex + " (\"" + text + "\")";
  }

  private static CaptureInput input(InputStream raw, String source) {
    try {
      PushbackInputStream peek = new PushbackInputStream(raw, 2);
      byte[] head = peek.readNBytes(2);
      peek.unread(head);
      boolean gzip = head.length == 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
      if (!gzip) {
        return new CaptureInput(peek, source, false);
      }
      try {
        return new CaptureInput(new GZIPInputStream(peek, GZIP_BUFFER), source, true);
      } catch (ZipException | EOFException e) {
        peek.close();
        throw new CaptureFormatException(source, 0, "gzip header is corrupt or cut short ("
            + CaptureInput.describe(e) + ")");
      }
    } catch (IOException e) {
      closeQuietly(raw, e);
      throw new UncheckedIOException("reading " + source, e);
    }
  }

  private static void closeQuietly(InputStream in, IOException failure) {
    try {
      in.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
