package io.sipaudit.simulate.srv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipaudit.config.SrvSetup;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SrvReplayTest {
  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  /** The lab's voice.lab: 10 50 a(.121), 10 20 b(.122), 20 100 c(.123). */
  private static final List<SrvTarget> VOICE = List.of(
      new SrvTarget(10, 50, "a", List.of("127.0.1.121:5060"), 60, 0),
      new SrvTarget(10, 20, "b", List.of("127.0.1.122:5060"), 60, 1),
      new SrvTarget(20, 100, "c", List.of("127.0.1.123:5060"), 60, 2));

  private static CallArrival call(int n, double seconds, String observed) {
    return new CallArrival(n + "@x", T0.plusMillis((long) (seconds * 1000)), "sip:a@x", "sip:b@y", "sip:b@y",
        null, observed);
  }

  @Test
  void withTheBlocklistOnAnUnansweredTargetIsSkippedUntilItsEntryExpires() {
    SrvSetup setup = new SrvSetup(false, true, false, true, 10, 1500);
    DstBlocklist blocklist = new DstBlocklist(Duration.ofSeconds(setup.blocklistExpireSeconds()));
    blocklist.add(T0.plusSeconds(2), "127.0.1.121:5060");   // an INVITE to .121 timed out at 12:00:02
    SrvReplay replay = new SrvReplay(VOICE, SrvBehaviour.KAMAILIO, setup, 1, blocklist);

    Prediction before = replay.next(call(1, 1.9, "127.0.1.121:5060"));
    Prediction during = replay.next(call(2, 2.0, "127.0.1.122:5060"));
    Prediction late = replay.next(call(3, 11.9, "127.0.1.122:5060"));
    Prediction after = replay.next(call(4, 12.0, "127.0.1.121:5060"));   // 2 s + 10 s: expired

    assertEquals("127.0.1.121:5060", before.predicted());
    assertEquals(List.of("127.0.1.122:5060", "127.0.1.123:5060"), before.failover());
    assertEquals("127.0.1.122:5060", during.predicted());
    assertEquals(List.of("127.0.1.123:5060"), during.failover());
    assertEquals("127.0.1.122:5060", late.predicted());
    assertEquals("127.0.1.121:5060", after.predicted());
    // fixed order: expected first picks are counts of certainty; .121 for 2 calls, .122 for 2
    assertArrayEquals(new double[] {2, 2, 0}, replay.expectedFirstPicks(), 1e-12);
    assertArrayEquals(new long[] {2, 2, 0}, replay.observedFirstPicks());
  }

  @Test
  void withoutDnsFailoverKamailioHasNoFailoverList() {
    SrvReplay replay = new SrvReplay(VOICE, SrvBehaviour.KAMAILIO, SrvSetup.DEFAULTS, 1, null);
    Prediction p = replay.next(call(1, 0, null));
    assertEquals("127.0.1.121:5060", p.predicted());
    assertEquals(List.of(), p.failover());
  }

  @Test
  void aCachingClientKeepsOneDrawForTheTtlAndCountsOneObservationPerWindow() {
    // TTL 60 s: calls at 0, 30 and 59.9 s share the first draw; the call at 60 s draws again
    SrvReplay replay = new SrvReplay(VOICE, SrvBehaviour.CLIENT_CACHE, SrvSetup.DEFAULTS, 7, null);
    String first = replay.next(call(1, 0, "127.0.1.121:5060")).predicted();
    assertEquals(first, replay.next(call(2, 30, "127.0.1.121:5060")).predicted());
    assertEquals(first, replay.next(call(3, 59.9, "127.0.1.121:5060")).predicted());
    replay.next(call(4, 60, "127.0.1.122:5060"));
    assertEquals(2, replay.draws());
    // RFC 2782 over {50, 20}: 51/71 and 20/71 per window, two windows
    assertArrayEquals(new double[] {2 * 51.0 / 71, 2 * 20.0 / 71, 0}, replay.expectedFirstPicks(), 1e-12);
    assertArrayEquals(new long[] {1, 1, 0}, replay.observedFirstPicks());
  }

  @Test
  void everyAddressOfATargetIsTriedBeforeTheNextRecord() {
    List<SrvTarget> two = List.of(new SrvTarget(1, 1, "a", List.of("10.0.0.1:5060", "10.0.0.2:5060"), 60, 0),
        new SrvTarget(2, 1, "b", List.of("10.0.0.3:5060"), 60, 1));
    SrvReplay replay = new SrvReplay(two, SrvBehaviour.KAMAILIO, new SrvSetup(false, true, false, false, 60, 1), 1,
        null);
    Prediction p = replay.next(call(1, 0, "10.0.0.2:5060"));
    assertEquals("10.0.0.1:5060", p.predicted());
    assertEquals(List.of("10.0.0.2:5060", "10.0.0.3:5060"), p.failover());
    assertArrayEquals(new long[] {1, 0}, replay.observedFirstPicks());   // .2 belongs to target a
  }
}
