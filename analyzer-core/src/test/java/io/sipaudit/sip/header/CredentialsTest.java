package io.sipaudit.sip.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipaudit.sip.SipParseException;
import org.junit.jupiter.api.Test;

final class CredentialsTest {

  @Test
  void digestUsernameAndOtherParams() {
    Credentials c = Credentials.parse("Digest username=\"alice\", realm=\"atlanta.example.com\", "
        + "nonce=\"84a4cc6f\", uri=\"sip:ss2.example\", algorithm=MD5, qop=auth, nc=00000001");

    assertEquals("Digest", c.scheme());
    assertEquals("alice", c.username());
    assertEquals("MD5", c.params().get("algorithm"));
    assertEquals("00000001", c.params().get("nc"));
  }

  @Test
  void usernameWithCommaAndEscapedQuoteInsideQuotes() {
    assertEquals("a,\"b", Credentials.parse("Digest realm=\"r\",username=\"a,\\\"b\"").username());
  }

  @Test
  void foldedCredentials() {
    assertEquals("carol", Credentials.parse("Digest realm=\"r\",\r\n  username=\"carol\"").username());
  }

  @Test
  void otherSchemeWithoutUsername() {
    assertNull(Credentials.parse("Bearer token=abc").username());
  }

  @Test
  void malformedCredentialsSayWhatWasExpected() {
    assertEquals("expected '=' after auth-param name, found end of value",
        assertThrows(SipParseException.class, () -> Credentials.parse("Digest username")).reason());
  }
}
