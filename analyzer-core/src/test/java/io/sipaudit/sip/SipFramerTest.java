package io.sipaudit.sip;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.sip.FrameResult.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SipFramerTest {
  private static final String OPTIONS = "OPTIONS sip:192.0.2.21 SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1\r\n"
      + "Call-ID: ping-1\r\n"
      + "Content-Length: 0\r\n"
      + "\r\n";
  private static final String MESSAGE_WITH_BODY = "MESSAGE sip:bob@b.example SIP/2.0\r\n"
      + "i: m-2\r\n"
      + "c: text/plain\r\n"
      + "l: 11\r\n"
      + "\r\n"
      + "hello\r\nbob!";
  private static final String RESPONSE = "SIP/2.0 200 OK\r\n"
      + "Call-ID: ping-1\r\n"
      + "content-length : 4\r\n"
      + "\r\n"
      + "\r\n\r\n";

  private final SipFramer framer = new SipFramer();

  @Test
  void datagramWithOneMessageIsComplete() {
    byte[] bytes = bytes(OPTIONS);

    FrameResult r = framer.frameDatagram(bytes, 0, bytes.length);

    assertEquals(FrameResult.complete(bytes.length, bytes.length), r);
  }

  @Test
  void contentLengthDecidesWhereTheBodyEnds() {
    byte[] bytes = bytes(MESSAGE_WITH_BODY + "trailing garbage");

    FrameResult r = framer.frameDatagram(bytes, 0, bytes.length);

    assertEquals(Kind.COMPLETE, r.kind());
    assertEquals(MESSAGE_WITH_BODY.length(), r.length());
    assertEquals(MESSAGE_WITH_BODY.indexOf("hello"), r.bodyOffset());
  }

  @Test
  void compactAndSpacedContentLengthNamesAreRecognised() {
    for (String header : List.of("l: 4", "L:4", "Content-Length: 4", "CONTENT-LENGTH\t :  4  ", "content-length:4")) {
      byte[] bytes = bytes("SIP/2.0 200 OK\r\n" + header + "\r\n\r\nbodyEXTRA");

      FrameResult r = framer.frameDatagram(bytes, 0, bytes.length);

      assertEquals(bytes.length - "EXTRA".length(), r.length(), header);
    }
  }

  @Test
  void bareLfLineEndsAreFramed() {
    byte[] bytes = bytes("MESSAGE sip:b SIP/2.0\nl: 3\n\nabcNEXT");

    FrameResult r = framer.frameDatagram(bytes, 0, bytes.length);

    assertEquals(Kind.COMPLETE, r.kind());
    assertEquals(bytes.length - 4, r.length());
  }

  @Test
  void offsetAndLengthAreRespected() {
    byte[] bytes = bytes("xxxx" + OPTIONS + "yyyy");

    FrameResult r = framer.frameDatagram(bytes, 4, OPTIONS.length());

    assertEquals(FrameResult.complete(OPTIONS.length(), OPTIONS.length()), r);
  }

  @Test
  void datagramWithoutContentLengthHasTheRestAsBody() {
    byte[] bytes = bytes("MESSAGE sip:b SIP/2.0\r\ni: x\r\n\r\nall of this is body");

    FrameResult r = framer.frameDatagram(bytes, 0, bytes.length);

    assertEquals(FrameResult.complete(bytes.length, bytes.length - "all of this is body".length()), r);
  }

  @Test
  void streamWithoutContentLengthHasAnEmptyBody() {
    byte[] bytes = bytes("MESSAGE sip:b SIP/2.0\r\ni: x\r\n\r\nSIP/2.0 200 OK\r\n");

    FrameResult r = framer.frameStream(bytes, 0, bytes.length);

    assertEquals(Kind.COMPLETE, r.kind());
    assertEquals(bytes.length - "SIP/2.0 200 OK\r\n".length(), r.length());
  }

  @Test
  void datagramMayHoldSeveralMessages() {
    byte[] bytes = bytes(OPTIONS + MESSAGE_WITH_BODY + RESPONSE);

    List<String> messages = frameAll(bytes, true);

    assertEquals(List.of(OPTIONS, MESSAGE_WITH_BODY, RESPONSE), messages);
  }

  @Test
  void contentLengthBeyondTheDatagramIsTruncatedNotNeedMore() {
    byte[] bytes = bytes("MESSAGE sip:b SIP/2.0\r\nl: 500\r\n\r\nonly a little");

    FrameResult r = framer.frameDatagram(bytes, 0, bytes.length);

    assertEquals(Kind.TRUNCATED, r.kind());
    assertEquals(bytes.length, r.length());
    assertEquals(bytes.length - "only a little".length() + 500, r.expectedLength());
    assertTrue(r.problem().contains("Content-Length 500"), r.problem());
  }

  @Test
  void contentLengthBeyondTheStreamDataNeedsMore() {
    byte[] bytes = bytes("MESSAGE sip:b SIP/2.0\r\nl: 500\r\n\r\nonly a little");

    FrameResult r = framer.frameStream(bytes, 0, bytes.length);

    assertEquals(FrameResult.needMore(bytes.length - "only a little".length() + 500), r);
  }

  @Test
  void datagramEndingInsideTheHeadersIsTruncated() {
    byte[] bytes = bytes("INVITE sip:b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a");

    FrameResult r = framer.frameDatagram(bytes, 0, bytes.length);

    assertEquals(Kind.TRUNCATED, r.kind());
    assertEquals(-1, r.bodyOffset());
  }

  @Test
  void aDatagramHoldingOneWordIsNotSipButOneCutAfterTheMethodIsTruncated() {
    // "hello" is a NAT keep-alive some phones send to 5060 (nDPI's sip_hello.pcapng); tshark shows it as UDP
    for (String word : List.of("hello", "ping", "S", "SIP/2.0", "INVITE")) {
      byte[] bytes = bytes(word);
      assertEquals(Kind.NOT_SIP, framer.frameDatagram(bytes, 0, bytes.length).kind(), word);
    }
    byte[] cut = bytes("INVITE sip:bob@exa");
    assertEquals(Kind.TRUNCATED, framer.frameDatagram(cut, 0, cut.length).kind());
    assertEquals(FrameResult.needMore(-1), framer.frameStream(bytes("INVITE"), 0, 6));
  }

  @Test
  void contentLengthThatIsNotANumberIsMalformed() {
    byte[] bytes = bytes("MESSAGE sip:b SIP/2.0\r\nContent-Length: abc\r\n\r\nbody");

    FrameResult r = framer.frameDatagram(bytes, 0, bytes.length);

    assertEquals(Kind.MALFORMED, r.kind());
    assertEquals(bytes.length, r.length());
    assertEquals("Content-Length value 'abc' at offset 39 (expected: 1*DIGIT, at most 2^31-1)", r.problem());
  }

  @Test
  void duplicateContentLengthIsMalformedEvenWhenEqual() {
    byte[] bytes = bytes("MESSAGE sip:b SIP/2.0\r\nl: 4\r\nContent-Length: 4\r\n\r\nbody");

    FrameResult r = framer.frameStream(bytes, 0, bytes.length);

    assertEquals(Kind.MALFORMED, r.kind());
    assertEquals(bytes.length - 4, r.length(), "a stream skips the header section and resynchronises");
    assertEquals("2 Content-Length headers (expected: exactly one)", r.problem());
  }

  @Test
  void hugeContentLengthIsMalformed() {
    byte[] bytes = bytes("MESSAGE sip:b SIP/2.0\r\nl: 99999999999\r\n\r\n");

    assertEquals(Kind.MALFORMED, framer.frameStream(bytes, 0, bytes.length).kind());
  }

  @Test
  void tenMegabyteHeaderLineIsMalformedAfterABoundedScan() {
    byte[] bytes = new byte[10 * 1024 * 1024];
    Arrays.fill(bytes, (byte) 'a');
    byte[] start = bytes("INVITE sip:b SIP/2.0\r\nX-Long: ");
    System.arraycopy(start, 0, bytes, 0, start.length);

    FrameResult datagram = framer.frameDatagram(bytes, 0, bytes.length);
    FrameResult stream = framer.frameStream(bytes, 0, bytes.length);

    assertEquals(Kind.MALFORMED, datagram.kind());
    assertEquals(bytes.length, datagram.length());
    assertEquals(Kind.MALFORMED, stream.kind());
    assertEquals(SipFramer.DEFAULT_MAX_HEADER_BYTES, stream.length());
    assertEquals("header section not ended within 65536 bytes (expected: an empty line after the headers)",
        stream.problem());
  }

  @Test
  void headerBoundIsConfigurable() {
    SipFramer small = new SipFramer(256);
    byte[] bytes = bytes("INVITE sip:b SIP/2.0\r\nSubject: " + "x".repeat(300) + "\r\n\r\n");

    assertEquals(Kind.MALFORMED, small.frameStream(bytes, 0, bytes.length).kind());
    assertEquals(Kind.COMPLETE, framer.frameStream(bytes, 0, bytes.length).kind());
    assertThrows(IllegalArgumentException.class, () -> new SipFramer(10));
  }

  @Test
  void streamWaitsForTheRestOfALongHeaderBelowTheBound() {
    byte[] bytes = bytes("INVITE sip:b SIP/2.0\r\nSubject: " + "x".repeat(1000));

    assertEquals(FrameResult.needMore(-1), framer.frameStream(bytes, 0, bytes.length));
  }

  @Test
  void crlfPingAndPongAreKeepalives() {
    assertEquals(FrameResult.keepalive(4), framer.frameStream(bytes("\r\n\r\n"), 0, 4));
    assertEquals(FrameResult.keepalive(2), framer.frameStream(bytes("\r\n"), 0, 2));
    assertEquals(FrameResult.keepalive(4), framer.frameDatagram(bytes("\r\n\r\n"), 0, 4));
    assertEquals(FrameResult.keepalive(1), framer.frameDatagram(bytes("\n"), 0, 1));
  }

  @Test
  void keepaliveBeforeAMessageIsReportedSeparately() {
    byte[] bytes = bytes("\r\n\r\n" + OPTIONS);

    FrameResult first = framer.frameStream(bytes, 0, bytes.length);
    FrameResult second = framer.frameStream(bytes, 4, bytes.length - 4);

    assertEquals(FrameResult.keepalive(4), first);
    assertEquals(FrameResult.complete(OPTIONS.length(), OPTIONS.length()), second);
  }

  @Test
  void loneCrAtTheEndOfAStreamWaitsForItsLf() {
    assertEquals(FrameResult.needMore(-1), framer.frameStream(bytes("\r"), 0, 1));
    assertEquals(FrameResult.keepalive(2), framer.frameStream(bytes("\r\n\r"), 0, 3));
  }

  @Test
  void startLineCutShortNeedsMoreOnAStream() {
    for (String prefix : List.of("I", "INVITE", "INVITE sip:bob@b.ex", "INVITE sip:b SIP/2.", "SIP/2.0 20",
        "SIP/2.0 200 OK\r")) {
      byte[] bytes = bytes(prefix);

      assertEquals(FrameResult.needMore(-1), framer.frameStream(bytes, 0, bytes.length), prefix);
    }
  }

  @Test
  void garbageIsSkippedToTheNextPlausibleStartLine() {
    byte[] bytes = bytes("\u0080\u0001binary junk\r\nmore junk\nSIP/2.0 180 Ringing\r\nl: 0\r\n\r\n");

    FrameResult r = framer.frameStream(bytes, 0, bytes.length);

    assertEquals(Kind.NOT_SIP, r.kind());
    assertEquals(bytes.length - "SIP/2.0 180 Ringing\r\nl: 0\r\n\r\n".length(), r.length());
    assertTrue(r.problem().startsWith("no SIP start line at offset 0: '\\xc2\\x80\\x01binary junk"),
        r.problem());
  }

  @Test
  void garbageWithoutAnyStartLineIsSkippedWhole() {
    byte[] bytes = bytes("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");

    assertEquals(bytes.length, framer.frameStream(bytes, 0, bytes.length).length());
  }

  @Test
  void resynchronisationStopsAtAStartLineThatIsStillArriving() {
    byte[] bytes = bytes("tail of a lost segment\r\nINVITE sip:b");

    FrameResult r = framer.frameStream(bytes, 0, bytes.length);

    assertEquals(Kind.NOT_SIP, r.kind());
    assertEquals("tail of a lost segment\r\n".length(), r.length());
  }

  @Test
  void emptyStreamNeedsMoreAndEmptyDatagramIsRejected() {
    assertEquals(FrameResult.needMore(-1), framer.frameStream(new byte[0], 0, 0));
    assertThrows(IllegalArgumentException.class, () -> framer.frameDatagram(new byte[1], 0, 0));
  }

  @Test
  void byteBufferPositionIsRespectedAndNotMoved() {
    ByteBuffer buffer = ByteBuffer.wrap(bytes("skip" + OPTIONS)).position(4);
    ByteBuffer readOnly = buffer.asReadOnlyBuffer();

    assertEquals(OPTIONS.length(), framer.frameDatagram(buffer).length());
    assertEquals(OPTIONS.length(), framer.frameStream(readOnly).length());
    assertEquals(4, buffer.position());
    assertEquals(4, readOnly.position());
  }

  @Test
  void multipartBodyIsFramedByContentLength() {
    byte[] message = SipFixtures.message("invite-multipart-isup.sip");
    byte[] twice = new byte[message.length * 2];
    System.arraycopy(message, 0, twice, 0, message.length);
    System.arraycopy(message, 0, twice, message.length, message.length);

    assertEquals(message.length, framer.frameStream(twice, 0, twice.length).length());
  }

  /** Netty-style: a stream of three messages and keep-alives, split at every offset, gives the same messages. */
  @Test
  void streamSplitAtEveryOffsetYieldsTheSameMessages() {
    String stream = OPTIONS + "\r\n\r\n" + MESSAGE_WITH_BODY + RESPONSE;
    byte[] bytes = bytes(stream);
    List<String> expected = frameAll(bytes, false);
    assertEquals(List.of(OPTIONS, MESSAGE_WITH_BODY, RESPONSE), expected, "a body of CRLFs is body, not keep-alive");

    for (int split = 1; split < bytes.length; split++) {
      List<String> got = new ArrayList<>();
      Accumulator acc = new Accumulator();
      acc.feed(Arrays.copyOfRange(bytes, 0, split), got);
      acc.feed(Arrays.copyOfRange(bytes, split, bytes.length), got);

      assertEquals(expected, got, "split at " + split);
      assertEquals(0, acc.pending(), "split at " + split);
    }
  }

  @Test
  void streamFedOneByteAtATimeYieldsTheSameMessages() {
    byte[] bytes = bytes(OPTIONS + MESSAGE_WITH_BODY + RESPONSE);
    List<String> got = new ArrayList<>();
    Accumulator acc = new Accumulator();

    for (byte b : bytes) {
      acc.feed(new byte[] {b}, got);
    }

    assertEquals(frameAll(bytes, false), got);
  }

  @Test
  void realMessagesConcatenatedAreFramedOneByOne() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String name : SipFixtures.MESSAGES) {
      out.writeBytes(SipFixtures.message(name));
    }
    byte[] all = out.toByteArray();

    List<String> framed = frameAll(all, false);

    assertEquals(SipFixtures.MESSAGES.size(), framed.size());
    for (int i = 0; i < framed.size(); i++) {
      assertArrayEquals(SipFixtures.message(SipFixtures.MESSAGES.get(i)), bytes(framed.get(i)));
    }
  }

  /** The simplest accumulate-and-frame loop a TCP reassembler would run. */
  private final class Accumulator {
    private byte[] buffer = new byte[0];

    void feed(byte[] segment, List<String> out) {
      byte[] joined = Arrays.copyOf(buffer, buffer.length + segment.length);
      System.arraycopy(segment, 0, joined, buffer.length, segment.length);
      int off = 0;
      while (off < joined.length) {
        FrameResult r = framer.frameStream(joined, off, joined.length - off);
        if (r.kind() == Kind.NEED_MORE) {
          break;
        }
        if (r.kind() == Kind.COMPLETE) {
          out.add(new String(joined, off, r.length(), US_ASCII));
        }
        assertTrue(r.kind() == Kind.COMPLETE || r.kind() == Kind.KEEPALIVE, () -> r.toString());
        off += r.length();
      }
      buffer = Arrays.copyOfRange(joined, off, joined.length);
    }

    int pending() {
      return buffer.length;
    }
  }

  private List<String> frameAll(byte[] bytes, boolean datagram) {
    List<String> messages = new ArrayList<>();
    int off = 0;
    while (off < bytes.length) {
      FrameResult r = datagram
          ? framer.frameDatagram(bytes, off, bytes.length - off)
          : framer.frameStream(bytes, off, bytes.length - off);
      assertTrue(r.kind() == Kind.COMPLETE || r.kind() == Kind.KEEPALIVE, () -> r.toString());
      if (r.kind() == Kind.COMPLETE) {
        messages.add(new String(bytes, off, r.length(), US_ASCII));
      }
      off += r.length();
    }
    return messages;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
