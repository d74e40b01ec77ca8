package io.sipaudit.sip.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.sip.SipParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ParametersTest {

  @Test
  void valuesFlagsAndMissingNames() {
    Parameters p = Parameters.parse(";branch=z9hG4bK776;rport;received=192.0.2.4");

    assertEquals("z9hG4bK776", p.get("branch"));
    assertEquals("", p.get("rport"));
    assertTrue(p.has("rport"));
    assertNull(p.get("ttl"));
    assertFalse(p.has("ttl"));
    assertEquals(3, p.size());
  }

  @Test
  void namesAreCaseInsensitiveAndLowerCased() {
    Parameters p = Parameters.parse(";TAG=AbC;Expires=60");

    assertEquals("AbC", p.get("tag"));
    assertEquals("60", p.get("EXPIRES"));
    assertEquals(Map.of("tag", "AbC", "expires", "60"), p.asMap());
  }

  @Test
  void repeatedParameterGivesTheFirstAndAllOnRequest() {
    Parameters p = Parameters.parse(";tag=6204SIPpTag012;tag=2");

    assertEquals("6204SIPpTag012", p.get("tag"));
    assertEquals(List.of("6204SIPpTag012", "2"), p.getAll("TAG"));
    assertEquals(List.of(), p.getAll("branch"));
  }

  @Test
  void quotedValuesAreUnquoted() {
    Parameters p = Parameters.parse(";text=\"Normal; call, clearing\";cause=16");

    assertEquals("Normal; call, clearing", p.get("text"));
    assertEquals("16", p.get("cause"));
  }

  @Test
  void manyParametersGrowTheTable() {
    Parameters p = Parameters.parse(";a=1;b=2;c=3;d=4;e=5;f=6;g=7");

    assertEquals("7", p.get("g"));
    assertEquals(";a=1;b=2;c=3;d=4;e=5;f=6;g=7", p.toString());
    assertEquals(Parameters.parse(";a=1;b=2;c=3;d=4;e=5;f=6;g=7"), p);
  }

  @Test
  void noParameters() {
    assertEquals(Parameters.NONE, Parameters.parse(""));
    assertTrue(Parameters.NONE.isEmpty());
  }

  @Test
  void malformedParametersSayWhatWasExpected() {
    assertEquals("expected parameter name (token), found '=x'",
        assertThrows(SipParseException.class, () -> Parameters.parse(";=x")).reason());
    assertEquals("expected ';' generic-param, found 'junk'",
        assertThrows(SipParseException.class, () -> Parameters.parse(";a=1 junk")).reason());
  }
}
