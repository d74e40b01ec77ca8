package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads a text trace line by line in constant memory, skipping what cannot be text.
 *
 * <p>Example: {@code "<--- Received SIP request (523 bytes) from UDP:192.0.2.10:5060 --->\r\n"} comes out as
 * one {@link TextLine} with {@code crlf} true. ANSI escape sequences ({@code ESC[1;34m}) are removed.
 *
 * <p>Damage is skipped and reported to {@link TextTraceStats#damage}, never buffered: a line longer than
 * {@code maxLineBytes} (a 50 MB line costs one pass over it, not 50 MB of memory), and runs of binary lines
 * (NUL bytes or mostly control characters).
 */
final class LineReader implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;
  /** Binary lines tolerated before the first message; past that the input is not a text trace. */
  static final int MAX_BINARY_LINES = 64;
  static final String ACCEPTED = "accepted: pcap, pcapng (either gzip-compressed) or a SIP text trace (docs/inputs.md)";

  private final InputStream in;
  private final TextTraceStats stats;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[BUFFER];
  private int pos;
  private int limit;
  private long bufferOffset;
  private boolean eof;
  private byte[] line = new byte[256];
  private long number;
  private long binaryFrom;
  private long binaryTo;
  private long binaryLines;
  private int cleanSinceBinary;
  private @Nullable TextLine peeked;

  LineReader(InputStream in, TextTraceStats stats, int maxLineBytes) {
    this.in = requireNonNull(in, "in");
    this.stats = requireNonNull(stats, "stats");
    if (maxLineBytes < 80) {
      throw new IllegalArgumentException("maxLineBytes " + maxLineBytes + " (expected: >= 80)");
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** Returns the next line without consuming it, or null at the end. */
  @Nullable TextLine peek() {
    if (peeked == null) {
      peeked = read();
    }
    return peeked;
  }

  /** Returns the next line, or null at the end of the input. */
  @Nullable TextLine next() {
    TextLine l = peek();
    peeked = null;
    return l;
  }

  private @Nullable TextLine read() {
    while (true) {
      long start = bufferOffset + pos;
      int n = 0;
      long length = 0;
      boolean sawAny = false;
      boolean newline = false;
      while (!newline) {
        if (pos == limit && !fill()) {
          break;
        }
        sawAny = true;
        byte b = buffer[pos++];
        if (b == '\n') {
          newline = true;
        } else {
          if (length < maxLineBytes) {
            if (n == line.length) {
              line = Arrays.copyOf(line, Math.min(maxLineBytes, n * 2));
            }
            line[n++] = b;
          }
          length++;
        }
      }
      if (!sawAny) {
        flushBinary();
        return null;
      }
      number++;
      if (length > maxLineBytes) {
        flushBinary();
        stats.damage(number, "a line of " + length + " bytes, longer than the limit of " + maxLineBytes
            + ", skipped (expected: a text line; binary data?)");
        stats.skippedLines++;
        continue;
      }
      boolean crlf = n > 0 && line[n - 1] == '\r' && newline;
      int end = crlf ? n - 1 : n;
      if (isBinary(line, end)) {
        if (binaryFrom == 0) {
          binaryFrom = number;
        }
        binaryTo = number;
        cleanSinceBinary = 0;
        stats.skippedLines++;
        if (++binaryLines > MAX_BINARY_LINES && stats.messages == 0) {
          throw new TextTraceException(stats.source(), binaryFrom, "binary data, not a text trace (" + binaryLines
              + " binary lines and no SIP message so far); " + ACCEPTED);
        }
        continue;
      }
      if (binaryFrom > 0 && ++cleanSinceBinary >= 3) {
        flushBinary();
      }
      String text = new String(line, 0, end, StandardCharsets.ISO_8859_1);
      if (line.length > 64 * 1024) {
        line = new byte[256];   // do not keep a large array for the rest of the file
      }
      String clean = Ansi.strip(text);
      AsteriskPrefix.Prefixed bare = AsteriskPrefix.parseBare(clean);
      return bare == null ? new TextLine(number, start, clean, crlf)
          : new TextLine(number, start, bare.rest(), crlf, bare.time());
    }
  }

  private void flushBinary() {
    if (binaryFrom > 0) {
      stats.damage(binaryFrom, (binaryTo > binaryFrom ? "lines " + binaryFrom + "-" + binaryTo + " hold" : "holds")
          + " binary data (NUL, control bytes or invalid UTF-8), skipped; " + ACCEPTED);
      binaryFrom = 0;
      binaryTo = 0;
    }
  }

  /**
   * A line is binary when it holds a NUL, when more than 1 in 20 of its bytes are control bytes (other than tab,
   * CR, form feed and ESC), or when more than half are bytes outside well-formed UTF-8 (Latin-1 text has a few).
   */
  static boolean isBinary(byte[] b, int n) {
    int controls = 0;
    int suspicious = 0;
    int i = 0;
    while (i < n) {
      int c = b[i] & 0xff;
      if (c == 0) {
        return true;
      }
      if (c < 0x80) {
        if ((c < 0x20 && c != '\t' && c != '\r' && c != 0x1b && c != '\f') || c == 0x7f) {
          controls++;
        }
        i++;
        continue;
      }
      int len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
      int j = 1;
      while (len > 0 && j < len && i + j < n && (b[i + j] & 0xc0) == 0x80) {
        j++;
      }
      if (len == 0 || j < len) {
        suspicious++;
        i++;
      } else {
        i += len;
      }
    }
    return (controls >= 2 && controls * 20 > n) || suspicious * 2 > n;
  }

  private boolean fill() {
    if (eof) {
      return false;
    }
    bufferOffset += limit;
    pos = 0;
    limit = 0;
    try {
      int r;
      do {
        r = in.read(buffer, 0, BUFFER);   // not readNBytes: a live pipe must not wait for a full buffer
      } while (r == 0);
      if (r < 0) {
        eof = true;
        return false;
      }
      limit = r;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("reading line " + (number + 1), e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing text trace", e);
    }
  }
}
