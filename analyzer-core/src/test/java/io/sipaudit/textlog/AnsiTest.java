package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

final class AnsiTest {

  @Test
  void colourAndTitleSequencesAreRemoved() {
    assertEquals("1718000000.5123 UDP/SIP a -> b",
        Ansi.strip("\u001b[1;34m1718000000.5123\u001b[0m\u001b[1;36m UDP/SIP a -> b\u001b[0m"));
    assertEquals("text", Ansi.strip("\u001b]0;fs_cli\u0007te\u001b[mxt"));
    assertEquals("cut", Ansi.strip("cut\u001b["));
  }

  @Test
  void lineWithoutEscapesIsReturnedAsIs() {
    String s = "Via: SIP/2.0/UDP 192.0.2.1";
    assertSame(s, Ansi.strip(s));
  }
}
