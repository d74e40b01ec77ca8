package io.sipaudit.bench;

import io.sipaudit.simulate.CallArrival;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The calls the replay benchmarks feed through a balancer model: {@link #CALLS} arrivals 10 ms apart (100 calls/s,
 * 655 s in all), each held 2 s (so about 200 calls in progress), with varied Call-IDs, From, To and R-URIs, a
 * digest username on three calls in four, a source address, and an observed first pick cycling over 8
 * destinations {@code 10.0.0.1:5060} .. {@code 10.0.0.8:5060} (what learning and the round-robin alignment read).
 *
 * <p>Example: call 0 is {@code 2f1c...@10.1.2.3} at 08:00:00.000 from {@code sip:48213@example.com}, observed on
 * {@code 10.0.0.1:5060}, ending at 08:00:02.000.
 */
final class ReplayTraffic {
  /** A power of two: one benchmark invocation replays them all, through a fresh replay. */
  static final int CALLS = 1 << 16;
  static final Instant START = Instant.parse("2026-11-26T08:00:00Z");

  private ReplayTraffic() {
  }

  static CallArrival[] calls() {
    SplittableRandom r = new SplittableRandom(42);
    String[] sources = {"10.1.2.3:5060", "10.1.2.4:5060", "10.1.2.5:5080"};
    CallArrival[] calls = new CallArrival[CALLS];
    for (int i = 0; i < calls.length; i++) {
      Instant t = START.plusMillis(10L * i);
      String auth = (i & 3) == 0 ? null : "user" + r.nextInt(1000) + "@example.com";
      calls[i] = new CallArrival(Long.toHexString(r.nextLong()) + "@10.1.2.3", t,
          "sip:" + r.nextInt(100_000) + "@example.com", "sip:" + r.nextInt(1000) + "@pbx.example.com",
          "sip:" + r.nextInt(1000) + "@10.0.0.254", auth, "10.0.0." + (1 + i % 8) + ":5060", sources[i % 3],
          t.plusSeconds(2));
    }
    return calls;
  }
}
