package io.sipaudit.simulate;

import static io.sipaudit.simulate.DestinationState.DISABLED;
import static io.sipaudit.simulate.DestinationState.INACTIVE;
import static io.sipaudit.simulate.DestinationState.TRYING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kamailio 5.6's state machine, judged by the sequences observed on a running Kamailio with
 * {@code ds_probing_threshold=3} and {@code ds_inactive_threshold=2} (reference kamailio-dispatcher.md §7.2):
 * {@code t} is {@code ds_mark_dst("t")}, {@code a} {@code ds_mark_dst("a")}, {@code i} and {@code d} likewise.
 */
final class DestinationStateTest {

  private static String run(String marks) {
    DestinationState s = new DestinationState(0, 3, 2);
    for (String m : marks.split(",")) {
      s.update(switch (m) {
        case "t" -> TRYING;
        case "i" -> INACTIVE;
        case "d" -> DISABLED;
        case "a" -> 0;
        default -> throw new IllegalArgumentException(m);
      });
    }
    return s.letters().substring(0, 1);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ';', value = {
      "t,t; T", "t,t,t; I", "t,t,t,a; I", "t,t,t,a,a; A", "i,a; I", "i,a,a; A", "t,t,a,t,t; T", "d,t; T", "d,a; A"})
  void markSequencesEndInTheStateKamailioShowed(String marks, String state) {
    assertEquals(state, run(marks));
  }

  @Test
  void aFailureWhileInactiveKeepsItInactiveAndRestartsTheCountOfSuccesses() {
    DestinationState s = new DestinationState(INACTIVE, 3, 2);
    s.update(0);          // one success of two
    s.update(TRYING);     // a failure: still inactive, count reset
    s.update(0);          // one success again
    assertTrue(s.skipped());
    s.update(0);
    assertFalse(s.skipped());
  }

  @Test
  void withTheDefaultThresholdsOneFailedProbeMakesItInactiveAndOneAnsweredProbeActive() {
    DestinationState s = new DestinationState(0, 1, 1);
    s.probed(false, 1);
    assertEquals("IP", s.letters());
    s.probed(true, 1);
    assertEquals("AP", s.letters());
  }

  @Test
  void probesNeverChangeADisabledDestination() {
    DestinationState s = new DestinationState(DISABLED, 1, 1);
    s.probed(true, 1);
    assertEquals("DX", s.letters());
  }

  @Test
  void probingModeZeroDropsTheProbingFlagOnFailure() {
    DestinationState s = new DestinationState(0, 1, 1);
    s.probed(false, 0);
    assertEquals("IX", s.letters());
  }
}
