package io.sipaudit.sip.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class SessionIdTest {

  @Test
  void localAndRemoteAreLowerCased() {
    SessionId s = SessionId.parse("AB30317F1A784DC48FF824D0D3715D86 ; remote=47755A9DE7794BA387653F2099600EF2");

    assertEquals("ab30317f1a784dc48ff824d0d3715d86", s.local());
    assertEquals("47755a9de7794ba387653f2099600ef2", s.remote());
    assertFalse(s.isLocalNull());
  }

  @Test
  void withoutRemoteAndWithTheNullUuid() {
    SessionId s = SessionId.parse("00000000000000000000000000000000");

    assertNull(s.remote());
    assertTrue(s.isLocalNull());
  }
}
