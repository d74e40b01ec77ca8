package io.sipaudit.sip.header;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.sip.SipParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class NameAddressTest {

  @Test
  void tokenDisplayNameUriAndTag() {
    NameAddress a = NameAddress.parse("Alice   Liddell <sip:alice@atlanta.example.com>;tag=1928301774");

    assertEquals("Alice Liddell", a.displayName());
    assertEquals("sip:alice@atlanta.example.com", a.uri().text());
    assertEquals("1928301774", a.tag());
  }

  @Test
  void quotedDisplayNameWithCommaAndEscapedQuotes() {
    NameAddress a = NameAddress.parse("\"Smith, Bob \\\"The Builder\\\"\" <sip:bob@b.example>;tag=x");

    assertEquals("Smith, Bob \"The Builder\"", a.displayName());
    assertEquals("x", a.tag());
  }

  @Test
  void anUnquotedDisplayNameWithBackslashesAndQuotesIsReadUpToTheAngleBracket() {
    // Nero SIPPS sends this From (suricata-verify's sip-compact-form capture); tshark reads the tag 6433ef9 too
    byte[] value = "\\\"arik\\\" <sip:816666@voip.brurjula.net>;tag=6433ef9".getBytes(UTF_8);
    NameAddress a = NameAddress.parse(value, 0, value.length);

    assertEquals("\\\"arik\\\"", a.displayName());
    assertEquals("sip:816666@voip.brurjula.net", a.uri().text());
    assertEquals("6433ef9", a.tag());
    assertEquals("6433ef9", NameAddress.tag(value, 0, value.length));
  }

  @Test
  void aParameterBeforeTheAngleBracketIsStillAnError() {
    assertThrows(SipParseException.class, () -> NameAddress.parse("a;b <sip:x@y>"));
    assertThrows(SipParseException.class, () -> NameAddress.parse("\\\"a\\\" sip:x@y"));
  }

  @Test
  void quotedDisplayNameMayBeUtf8() {
    assertEquals("Jürgen", NameAddress.parse("\"Jürgen\" <sip:j@example.de>").displayName());
  }

  @Test
  void addrSpecWithoutBracketsHasHeaderParameters() {
    NameAddress a = NameAddress.parse("sip:bob@b.example;tag=abc;user=phone");

    assertEquals("sip:bob@b.example", a.uri().text());
    assertEquals("abc", a.tag());
    assertEquals("phone", a.params().get("user"));
    assertEquals(0, a.uri().params().size());
  }

  @Test
  void uriParametersInsideBracketsStayWithTheUri() {
    NameAddress a = NameAddress.parse("<sip:192.0.2.10;lr;ftag=as6a1f2c3d>");

    assertTrue(a.uri().params().has("lr"));
    assertNull(a.tag());
  }

  @Test
  void whitespaceInsideAndAroundTheBracketsIsIgnored() {
    NameAddress a = NameAddress.parse("  < sip:a@b >  ;  tag = 7 ");

    assertEquals("sip:a@b", a.uri().text());
    assertEquals("7", a.tag());
  }

  @Test
  void wildcardContact() {
    NameAddress a = NameAddress.parse("*");

    assertTrue(a.isWildcard());
  }

  @Test
  void tagWithoutDecodingMatchesTheFullParse() {
    for (String value : List.of("\"A, B\" <sip:a@b;tag=no>;tag=yes", "sip:a@b;tag=t", "<sip:a@b>", "x <tel:1>;tag=z")) {
      byte[] b = value.getBytes(UTF_8);

      assertEquals(NameAddress.parse(value).tag(), NameAddress.tag(b, 0, b.length), value);
    }
  }

  @Test
  void malformedAddressesSayWhatWasExpected() {
    assertEquals("expected '>' closing the addr-spec, found '<sip:a@b'",
        assertThrows(SipParseException.class, () -> NameAddress.parse("<sip:a@b")).reason());
    assertEquals("expected closing '\"' of quoted-string, found '\"Bob <sip:a@b>'",
        assertThrows(SipParseException.class, () -> NameAddress.parse("\"Bob <sip:a@b>")).reason());
    SipParseException junk = assertThrows(SipParseException.class, () -> NameAddress.parse("<sip:a@b> junk"));
    assertEquals(10, junk.offset());
    assertEquals("expected ';' header parameter or end of value, found 'junk'", junk.reason());
    assertEquals("expected '<' after display-name, found 'sip:a@b'",
        assertThrows(SipParseException.class, () -> NameAddress.parse("\"Bob\" sip:a@b")).reason());
  }
}
