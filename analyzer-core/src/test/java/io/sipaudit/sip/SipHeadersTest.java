package io.sipaudit.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SipHeadersTest {

  @ParameterizedTest
  @CsvSource({
    "a, Accept-Contact", "b, Referred-By", "c, Content-Type", "d, Request-Disposition", "e, Content-Encoding",
    "f, From", "i, Call-ID", "j, Reject-Contact", "k, Supported", "l, Content-Length", "m, Contact",
    "n, Identity-Info", "o, Event", "r, Refer-To", "s, Subject", "t, To", "u, Allow-Events", "v, Via",
    "x, Session-Expires", "y, Identity"
  })
  void compactFormIsFoundByItsFullNameAndViceVersa(String compact, String full) {
    SipHeaders compactOnly = headers(compact + ": value-" + compact);
    SipHeaders fullOnly = headers(full + ": value-" + compact);

    assertEquals("value-" + compact, compactOnly.get(full));
    assertEquals("value-" + compact, compactOnly.get(compact.toUpperCase()));
    assertEquals("value-" + compact, fullOnly.get(compact));
  }

  @Test
  void namesAreCaseInsensitiveForKnownAndUnknownHeaders() {
    SipHeaders h = headers("CALL-id: abc", "x-cid: 42");

    assertEquals("abc", h.get("Call-ID"));
    assertEquals("abc", h.get("call-id"));
    assertEquals("42", h.get("X-CID"));
    assertEquals("CALL-id", h.name(0));
  }

  @Test
  void unknownCompactLetterIsJustAnUnknownName() {
    SipHeaders h = headers("z: zed");

    assertEquals("zed", h.get("z"));
    assertNull(h.get("Via"));
  }

  @Test
  void whitespaceAroundTheColonAndAtTheEndIsTrimmed() {
    SipHeaders h = headers("Subject \t:   lunch  \t");

    assertEquals("lunch", h.get("Subject"));
  }

  @Test
  void foldedValueIsUnfoldedToSingleSpaces() {
    SipHeaders h = headers("Subject: I know you're there,", "      pick up the phone", "\t and talk to me!", "X-A: b");

    assertEquals("I know you're there, pick up the phone and talk to me!", h.get("subject"));
    assertEquals("b", h.get("X-A"));
    assertEquals(2, h.size());
  }

  @Test
  void valueStartingOnAContinuationLineIsUnfolded() {
    SipHeaders h = headers("To:", "  <sip:bob@b.example>");

    assertEquals("<sip:bob@b.example>", h.get("To"));
  }

  @Test
  void emptyValueIsEmpty() {
    SipHeaders h = headers("Subject:", "X-B: 1");

    assertEquals("", h.get("Subject"));
  }

  @Test
  void listElementsComeFromCommasAndFromRepeatedHeaders() {
    SipHeaders h = headers("Route: <sip:a;lr>, <sip:b;lr>", "Subject: s", "route: <sip:c;lr>");

    assertEquals(List.of("<sip:a;lr>", "<sip:b;lr>", "<sip:c;lr>"), h.values("Route"));
    assertEquals(List.of("<sip:a;lr>, <sip:b;lr>", "<sip:c;lr>"), h.getAll("Route"));
    assertEquals("<sip:a;lr>, <sip:b;lr>", h.get("Route"));
  }

  @Test
  void listElementsRespectQuotesAndAngleBrackets() {
    SipHeaders h = headers("Contact: \"Smith, Bob\" <sip:bob@b.example;x=1,2>, <sip:carol@c.example>,,");

    assertEquals(List.of("\"Smith, Bob\" <sip:bob@b.example;x=1,2>", "<sip:carol@c.example>"), h.values("m"));
  }

  @Test
  void containsAndMissingHeaders() {
    SipHeaders h = headers("Via: SIP/2.0/UDP h");

    assertTrue(h.contains("v"));
    assertFalse(h.contains("Route"));
    assertEquals(List.of(), h.getAll("Route"));
    assertEquals(List.of(), h.values("Route"));
  }

  @Test
  void utf8ValuesAreDecoded() {
    SipHeaders h = headers("Subject: Grüße");

    assertEquals("Grüße", h.get("Subject"));
  }

  private static SipHeaders headers(String... lines) {
    return SipParser.parse("OPTIONS sip:b SIP/2.0\r\n" + String.join("\r\n", lines) + "\r\n\r\n").headerFields();
  }
}
