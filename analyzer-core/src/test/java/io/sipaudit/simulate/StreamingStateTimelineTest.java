package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class StreamingStateTimelineTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private static final HealthModel.Settings SETTINGS = new HealthModel.Settings(2, 2, 1,
      DestinationState.INACTIVE | DestinationState.PROBING);

  /** A probe every second to each of three destinations, flapping, and marks that arrive up to 10 minutes late. */
  private record Feed(Instant arrives, Instant at, String destination, boolean mark, boolean ok) {}

  private static List<Feed> traffic(int seconds) {
    SplittableRandom r = new SplittableRandom(7);
    List<Feed> out = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      for (int d = 1; d <= 3; d++) {
        Instant at = T0.plusSeconds(s).plusMillis(d * 10);
        boolean down = (s / 40 + d) % 3 == 0;   // each destination down for 40 s in every 120
        out.add(new Feed(at, at, "10.0.0." + d + ":5060", false, !down && r.nextInt(20) > 0));
        if (down && r.nextInt(4) == 0) {   // a failed attempt, known only when its call ends
          out.add(new Feed(at.plusSeconds(r.nextInt(600)), at, "10.0.0." + d + ":5060", true, false));
        }
      }
    }
    out.sort((a, b) -> a.arrives().compareTo(b.arrives()));
    return out;
  }

  @Test
  void givesTheSameChangesAsTheWholeReplayWhileMarksComeWithinTheDelay() {
    List<Feed> feed = traffic(3600);
    HealthModel whole = new HealthModel(SETTINGS);
    StreamingStateTimeline streaming = new StreamingStateTimeline(SETTINGS, Duration.ofMinutes(15));
    for (Feed f : feed) {
      if (f.mark()) {
        whole.mark(f.at(), f.destination());
        streaming.mark(f.at(), f.destination());
      } else {
        whole.probe(f.at(), f.destination(), f.ok());
        streaming.probe(f.at(), f.destination(), f.ok());
      }
      streaming.advance(f.arrives());
    }
    List<String> dests = List.of("10.0.0.1:5060", "10.0.0.2:5060", "10.0.0.3:5060");
    List<HealthModel.StateChange> expected = whole.transitions(dests, java.util.Map.of());
    assertFalse(expected.isEmpty());
    assertEquals(expected, streaming.finish(dests));
    assertEquals(0, streaming.late());
  }

  @Test
  void holdsOnlyTheEventsOfOneDelayWhateverTheLengthOfTheCapture() {
    StreamingStateTimeline t = new StreamingStateTimeline(SETTINGS, Duration.ofMinutes(10));
    // 12 days of probes every second to three destinations: about 3.1 million events
    for (long s = 0; s < 12L * 24 * 3600; s++) {
      Instant at = T0.plusSeconds(s);
      for (int d = 1; d <= 3; d++) {
        t.probe(at, "10.0.0." + d + ":5060", (s / 300 + d) % 4 != 0);
      }
      t.advance(at);
    }
    assertTrue(t.maxHeld() <= 3 * 601, "held at most ten minutes of probes: " + t.maxHeld());
    assertFalse(t.finish(List.of("10.0.0.1:5060")).isEmpty());
  }

  @Test
  void aMarkLaterThanTheDelayIsAppliedWhenItComesAndCounted() {
    StreamingStateTimeline t = new StreamingStateTimeline(SETTINGS, Duration.ofMinutes(1));
    for (int s = 0; s < 600; s++) {
      t.probe(T0.plusSeconds(s), "10.0.0.1:5060", true);
      t.advance(T0.plusSeconds(s));
    }
    t.mark(T0.plusSeconds(10), "10.0.0.1:5060");   // the call ended 590 s after its failed attempt
    assertEquals(1, t.late());
  }
}
