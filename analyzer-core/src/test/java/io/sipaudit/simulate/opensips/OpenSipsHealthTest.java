package io.sipaudit.simulate.opensips;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The state transitions of the reference's A1.8 (dispatcher) and A2 (load_balancer) tables. */
final class OpenSipsHealthTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private static final String A = "10.0.0.1:5060";

  private static Instant t(int s) {
    return T0.plusSeconds(s);
  }

  @Test
  void withProbingModeOneTheThirdFailedPingMakesADestinationProbingAndAnAnswerBringsItBack() {
    OpenSipsHealth h = new OpenSipsHealth(new OpenSipsHealth.Settings(false, 3, 1, 'i'));
    h.start(A, 0, false);
    h.probe(t(1), A, false);
    h.probe(t(2), A, false);
    h.probe(t(3), A, false);
    h.probe(t(4), A, true);
    h.advanceTo(t(2));
    assertTrue(h.active(A), "two failures stay under the threshold 3");
    h.advanceTo(t(3));
    assertFalse(h.active(A), "the third makes it probing");
    h.advanceTo(t(4));
    assertTrue(h.active(A), "a 200 clears probing");
  }

  @Test
  void withProbingModeZeroFailedPingsChangeNothingUnlessTheRowAsksForPermanentProbing() {
    OpenSipsHealth h = new OpenSipsHealth(OpenSipsHealth.Settings.DISPATCHER);
    h.start(A, 0, false);
    h.start("b", 2, false);
    h.start("c", 0, true);
    for (int i = 1; i <= 3; i++) {
      h.probe(t(i), A, false);
      h.probe(t(i), "b", false);
      h.probe(t(i), "c", false);
    }
    h.probe(t(5), "b", true);
    h.advanceTo(t(4));
    assertTrue(h.active(A), "mode 0: a failed ping of an active destination is not counted");
    assertFalse(h.active("b"), "a probing destination stays probing");
    assertFalse(h.active("c"), "probe_mode 1 counts failures in mode 0 too");
    h.advanceTo(t(5));
    assertTrue(h.active("b"));
  }

  @Test
  void aMarkMakesADestinationInactiveAndProbingMarksAreIgnoredWhileItIs() {
    OpenSipsHealth h = new OpenSipsHealth(new OpenSipsHealth.Settings(false, 1, 1, 'i'));
    h.start(A, 0, false);
    h.mark(t(1), A);
    h.probe(t(2), A, false);
    h.advanceTo(t(2));
    assertFalse(h.active(A));
    OpenSipsHealth p = new OpenSipsHealth(new OpenSipsHealth.Settings(false, 2, 0, 'p'));
    p.start(A, 0, false);
    p.mark(t(1), A);
    p.mark(t(2), A);
    p.advanceTo(t(1));
    assertTrue(p.active(A), "ds_mark_dst(\"p\") is counted against the threshold 2");
    p.advanceTo(t(2));
    assertFalse(p.active(A));
  }

  @Test
  void theLoadBalancerDisablesAtTheFirstFailedProbeAndReEnablesAtTheFirstAnswer() {
    OpenSipsHealth h = new OpenSipsHealth(OpenSipsHealth.Settings.LOAD_BALANCER);
    h.start(A, 0, false);
    h.probe(t(1), A, false);
    h.probe(t(2), A, true);
    h.mark(t(3), A);
    h.advanceTo(t(1));
    assertFalse(h.active(A), "no threshold");
    h.advanceTo(t(2));
    assertTrue(h.active(A));
    h.advanceTo(t(3));
    assertFalse(h.active(A), "lb_disable_dst()");
  }
}
