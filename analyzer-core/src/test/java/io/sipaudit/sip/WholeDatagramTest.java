package io.sipaudit.sip;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SipFramer#parseWholeDatagram} against the two-pass path it shortens: {@link SipFramer#frameDatagram} then
 * {@link SipParser#tryParse}. For every datagram it must give a message exactly when the framer finds one complete
 * message filling the datagram and the parser accepts it, and then the same message.
 */
final class WholeDatagramTest {
  private static final String OPTIONS = "OPTIONS sip:192.0.2.21 SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1\r\n"
      + "Call-ID: ping-1\r\n"
      + "Content-Length: 0\r\n"
      + "\r\n";

  private final SipFramer framer = new SipFramer();
  private final SipFramer smallBound = new SipFramer(256);

  @Test
  void aDatagramHoldingOneWellFramedMessageIsParsedInOnePass() {
    SipMessage m = framer.parseWholeDatagram(OPTIONS.getBytes(UTF_8), 0, OPTIONS.length());

    assertNotNull(m);
    assertEquals("OPTIONS sip:192.0.2.21 SIP/2.0", m.startLine());
    assertEquals("ping-1", m.callId());
  }

  @Test
  void keepAlivesSecondMessagesJunkAndBadContentLengthsAreLeftToTheTwoPassPath() {
    String twoLengths = OPTIONS.replace("Content-Length: 0\r\n", "Content-Length: 0\r\nl: 0\r\n");
    for (String datagram : List.of("\r\n\r\n" + OPTIONS, OPTIONS + OPTIONS, OPTIONS + "junk", twoLengths,
        OPTIONS.replace("Content-Length: 0", "Content-Length: 5"), OPTIONS.replace("Content-Length: 0", "l: x"),
        OPTIONS.replace("\r\n\r\n", "\r\n"))) {
      assertNull(framer.parseWholeDatagram(datagram.getBytes(UTF_8), 0, datagram.length()), datagram);
      assertSameAsTwoPasses(framer, datagram.getBytes(UTF_8));
    }
  }

  @Test
  void agreesWithFramingThenParsingOnEveryFixtureCutAndVariedTenThousandWays() {
    List<byte[]> corpus = new ArrayList<>();
    for (String name : SipFixtures.MESSAGES) {
      byte[] m = SipFixtures.message(name);
      corpus.add(m);
      String text = new String(m, UTF_8);
      corpus.add(text.replace("\r\n", "\n").getBytes(UTF_8));   // bare LF, so the Content-Length no longer fits
      corpus.add(text.replaceFirst("(?im)^(content-length|l) *:.*\r\n", "").getBytes(UTF_8));
      corpus.add(concat(m, m));
      for (int cut = 1; cut < m.length; cut++) {   // every truncation
        corpus.add(java.util.Arrays.copyOf(m, cut));
      }
    }
    SplittableRandom random = new SplittableRandom(7);
    byte[] alphabet = "\r\n :;0123456789lL-xSIP/2.\t".getBytes(UTF_8);
    for (int i = 0; i < 10_000; i++) {   // byte changes where framing is decided
      byte[] m = SipFixtures.message(SipFixtures.MESSAGES.get(random.nextInt(SipFixtures.MESSAGES.size()))).clone();
      for (int k = 1 + random.nextInt(3); k > 0; k--) {
        m[random.nextInt(m.length)] = alphabet[random.nextInt(alphabet.length)];
      }
      corpus.add(m);
    }
    int onePass = 0;
    for (byte[] datagram : corpus) {
      onePass += assertSameAsTwoPasses(framer, datagram) ? 1 : 0;
      assertSameAsTwoPasses(smallBound, datagram);
    }
    assertTrue(onePass > 5_000, "one pass for " + onePass + " of " + corpus.size());
  }

  /** Checks one datagram; returns whether the one-pass path gave a message. */
  private static boolean assertSameAsTwoPasses(SipFramer framer, byte[] datagram) {
    SipMessage fast = framer.parseWholeDatagram(datagram, 0, datagram.length);
    FrameResult framed = framer.frameDatagram(datagram, 0, datagram.length);
    SipMessage slow = null;
    if (framed.kind() == FrameResult.Kind.COMPLETE && framed.length() == datagram.length
        && SipParser.tryParse(datagram, 0, datagram.length) instanceof ParseResult.Parsed parsed) {
      slow = parsed.message();
    }
    String what = new String(datagram, UTF_8);
    if (slow == null) {
      assertNull(fast, what);
      return false;
    }
    assertNotNull(fast, what);
    assertEquals(slow.raw(), fast.raw(), what);
    assertEquals(slow.body(), fast.body(), what);
    assertEquals(slow.startLine(), fast.startLine(), what);
    SipHeaders a = slow.headerFields();
    SipHeaders b = fast.headerFields();
    assertEquals(a.size(), b.size(), what);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.name(i) + ": " + a.value(i), b.name(i) + ": " + b.value(i), what);
    }
    return true;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
