package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MessageBuilderTest {

  private static MessageBuilder builder(String start, boolean crlf) {
    return new MessageBuilder(start, crlf, 1, 0, 64 * 1024, true);
  }

  /** Adds lines (each ending in CR LF when {@code crlf}); returns the line after which the message was complete. */
  private static int add(MessageBuilder b, boolean crlf, String... lines) {
    for (int i = 0; i < lines.length; i++) {
      if (b.add(lines[i], crlf, i + 2)) {
        return i;
      }
    }
    return -1;
  }

  private static String text(MessageBuilder.Built b) {
    return new String(b.bytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void withoutCrsEveryLineEndCountsTwoBytesAndComesBackAsCrLf() {
    MessageBuilder b = builder("INVITE sip:b@x SIP/2.0", false);

    assertEquals(3, add(b, false, "Content-Length: 10", "", "v=0", "s=x", "never reached"));
    assertEquals("INVITE sip:b@x SIP/2.0\r\nContent-Length: 10\r\n\r\nv=0\r\ns=x\r\n", text(b.finish("")));
  }

  @Test
  void withCrsBodyLinesKeepTheirOwnLineEnds() {
    MessageBuilder b = builder("INVITE sip:b@x SIP/2.0", true);
    b.add("Content-Length: 9", true, 2);
    b.add("", true, 3);
    b.add("v=0", false, 4);

    assertTrue(b.add("s=x", true, 5));
    assertEquals("INVITE sip:b@x SIP/2.0\r\nContent-Length: 9\r\n\r\nv=0\ns=x\r\n", text(b.finish("")));
  }

  @Test
  void withoutContentLengthTheBodyRunsToTheEndWithoutTrailingEmptyLines() {
    MessageBuilder b = builder("MESSAGE sip:b@x SIP/2.0", false);
    add(b, false, "Call-ID: c", "", "hello", "", "world", "", "");

    MessageBuilder.Built built = b.finish("the next record");
    assertEquals("MESSAGE sip:b@x SIP/2.0\r\nCall-ID: c\r\n\r\nhello\r\n\r\nworld\r\n", text(built));
    assertEquals(List.of(), built.notes());
  }

  @Test
  void zeroContentLengthCompletesAtTheEmptyLine() {
    MessageBuilder b = builder("BYE sip:b@x SIP/2.0", false);

    assertEquals(1, add(b, false, "l: 0", ""));
    assertTrue(b.isDone());
  }

  @Test
  void repeatedOrNonNumericContentLengthIsNotedAndIgnored() {
    MessageBuilder b = builder("BYE sip:b@x SIP/2.0", false);
    add(b, false, "Content-Length: 0", "l: 5", "", "x");

    MessageBuilder.Built built = b.finish("the end");
    assertTrue(built.notes().get(0).startsWith("Content-Length unusable ('l: 5', repeated)"), built.notes().toString());
    assertFalse(built.cut());
  }

  @Test
  void piecesThatCannotStartAHeaderAreJoinedToThePreviousOne() {
    MessageBuilder b = builder("OPTIONS sip:b@x SIP/2.0", false);
    add(b, false, "Via: SIP/2.0/UDP", "192.0.2.9:5160;branch=z9hG4bK1", "Contact: \"x\"", "<sip:x@192.0.2.9>",
        "Allow: INVITE,", "ACK", "l: 0", "");

    MessageBuilder.Built built = b.finish("");
    assertEquals("OPTIONS sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9:5160;branch=z9hG4bK1\r\n"
        + "Contact: \"x\" <sip:x@192.0.2.9>\r\nAllow: INVITE,ACK\r\nl: 0\r\n\r\n", text(built));
    assertTrue(built.repaired());
  }

  @Test
  void messageLongerThanTheLimitIsCutAndSaysWhere() {
    MessageBuilder b = new MessageBuilder("MESSAGE sip:b@x SIP/2.0", false, 1, 0, 1024, true);
    int done = add(b, false, "Content-Length: 5000", "", "x".repeat(500), "y".repeat(500), "z".repeat(500));

    MessageBuilder.Built built = b.finish("");
    assertEquals(3, done);
    assertEquals(List.of("longer than the 1024-byte limit: cut at line 5"), built.notes());
    assertTrue(built.cut());
    assertTrue(built.bytes().length <= 1024);
  }
}
