package io.sipaudit.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

final class Rfc6076CounterTest {

  @Test
  void ratiosFollowRfc6076WithRedirectsLeftOutOfSerAndSeer() {
    Rfc6076Counter c = new Rfc6076Counter();
    for (int i = 0; i < 90; i++) {
      c.invite(200, 5L, i < 80, 1L, 60_000L);
    }
    c.invite(302, 3L, false, null, null);
    c.invite(302, 3L, false, null, null);
    for (int i = 0; i < 4; i++) {
      c.invite(486, 9L, false, null, null);
    }
    c.invite(503, 9L, false, null, null);
    c.invite(408, null, false, null, null);
    c.invite(0, null, false, null, null);
    c.invite(504, 9L, false, null, null);
    Rfc6076 r = c.snapshot();
    assertEquals(100, r.invites());
    assertEquals(91.84, r.ser(), "90 / (100 - 2)");
    assertEquals(95.92, r.seer(), "(90 + 4) / 98");
    assertEquals(4.0, r.isa(), "503, 408, no response, 504 out of 100");
    assertEquals(80.0, r.scr(), "80 ended by a successful BYE");
    assertEquals(98, r.srd().count());
    assertEquals(90, r.sdt().count());
    assertEquals(60_000L, r.sdt().p50(), "HdrHistogram keeps 3 significant digits: " + r.sdt().p50());
  }

  @Test
  void noInvitesGiveNoRatios() {
    Rfc6076 r = new Rfc6076Counter().snapshot();
    assertNull(r.ser());
    assertNull(r.isa());
  }
}
