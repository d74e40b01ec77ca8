package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LineReaderTest {

  private static List<TextLine> lines(InputStream in, TextTraceStats stats, int max) {
    List<TextLine> out = new ArrayList<>();
    try (LineReader r = new LineReader(in, stats, max)) {
      for (TextLine l; (l = r.next()) != null; ) {
        out.add(l);
      }
    }
    return out;
  }

  @Test
  void inputDeliveredInPiecesOfAnySizeGivesTheSameLines() {
    byte[] input = "a\r\nbb\n\r\n\u001b[1mccc\u001b[0m\nlast".getBytes(StandardCharsets.ISO_8859_1);
    List<TextLine> whole = lines(new ByteArrayInputStream(input), new TextTraceStats("x"), 80);

    assertEquals(List.of(new TextLine(1, 0, "a", true), new TextLine(2, 3, "bb", false), new TextLine(3, 6, "", true),
        new TextLine(4, 8, "ccc", false), new TextLine(5, 20, "last", false)), whole);
    for (int piece = 1; piece <= input.length; piece++) {
      assertEquals(whole, lines(new Trickle(input, piece), new TextTraceStats("x"), 80), "pieces of " + piece);
    }
  }

  @Test
  void peekShowsTheNextLineWithoutConsumingIt() {
    try (LineReader r = new LineReader(new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.US_ASCII)),
        new TextTraceStats("x"), 80)) {
      assertEquals("one", r.peek().text());
      assertEquals("one", r.next().text());
      assertEquals("two", r.peek().text());
      assertEquals("two", r.next().text());
      assertEquals(null, r.peek());
    }
  }

  @Test
  void overlongLineIsSkippedAndReported() {
    TextTraceStats stats = new TextTraceStats("x.log");
    List<TextLine> got = lines(new ByteArrayInputStream(("ok\n" + "y".repeat(200) + "\nafter\n")
        .getBytes(StandardCharsets.US_ASCII)), stats, 100);

    assertEquals(List.of("ok", "after"), got.stream().map(TextLine::text).toList());
    assertEquals(3, got.get(1).number());
    assertEquals(List.of("x.log line 2: a line of 200 bytes, longer than the limit of 100, skipped (expected: a text"
        + " line; binary data?)"), stats.damage());
  }

  @Test
  void aRunOfBinaryLinesIsOneReport() {
    TextTraceStats stats = new TextTraceStats("x.log");
    stats.messages = 1;
    lines(new ByteArrayInputStream("text\n\u0000\u0001\n\u0002\u0003\u0004\u0005\nshort\n\u0000\nfine\nfine\nfine\n"
        .getBytes(StandardCharsets.ISO_8859_1)), stats, 100);

    assertEquals(1, stats.damage().size(), stats.damage().toString());
    assertTrue(stats.damage().get(0).startsWith("x.log line 2: lines 2-5 hold binary data"), stats.damage().get(0));
    assertEquals(3, stats.skippedLines());
  }

  @Test
  void utf8AndLatin1TextIsNotBinaryButRandomBytesAre() {
    byte[] utf8 = "From: \"José Müller\" <sip:jm@x>".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "From: \"José Müller\" <sip:jm@x>".getBytes(StandardCharsets.ISO_8859_1);
    byte[] random = {(byte) 0x9f, (byte) 0xc3, 0x12, (byte) 0xff, 'a', (byte) 0x80, 0x7f, (byte) 0xe2, 'b', 0x01};

    assertEquals(false, LineReader.isBinary(utf8, utf8.length));
    assertEquals(false, LineReader.isBinary(latin1, latin1.length));
    assertEquals(true, LineReader.isBinary(random, random.length));
  }

  @Test
  void manyBinaryLinesBeforeAnyMessageMeanItIsNoTextTrace() {
    TextTraceException e = assertThrows(TextTraceException.class, () -> lines(new ByteArrayInputStream(
        "\u0000\n".repeat(100).getBytes(StandardCharsets.ISO_8859_1)), new TextTraceStats("blob"), 100));

    assertEquals(1, e.line());
  }

  /** Hands out at most {@code piece} bytes per read. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private final int piece;
    private int pos;

    Trickle(byte[] data, int piece) {
      this.data = data;
      this.piece = piece;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, piece), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
