package io.sipaudit.bench;

import io.sipaudit.config.SrvSetup;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.srv.DstBlocklist;
import io.sipaudit.simulate.srv.SrvBehaviour;
import io.sipaudit.simulate.srv.SrvReplay;
import io.sipaudit.simulate.srv.SrvTarget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The replay of calls through each SRV behaviour as {@code sipaudit simulate --srv} runs it: a fresh
 * {@link SrvReplay} over {@code 10 60 a(.1), 10 30 b(.2), 10 10 c(.3), 20 0 d(.4)} (TTL 60 s), fed the
 * {@link ReplayTraffic} calls. {@code kamailio} is {@code dns_srv_lb} off, {@code kamailio-lb} on (both with
 * {@code use_dns_failover}), {@code kamailio-lb-blocklist} adds the dst blocklist fed with a timeout every 30 s.
 * One invocation replays all 65,536 calls. Example result: {@code replay behaviour=rfc2782 100 ns/op}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class SrvReplayBenchmark {
  @Param({"kamailio", "kamailio-lb", "kamailio-lb-blocklist", "rfc2782", "opensips", "resiprocate", "pjsip",
      "jain-sip", "client-cache"})
  public String behaviour;

  private final List<SrvTarget> targets = List.of(
      new SrvTarget(10, 60, "a.voice.lab", List.of("10.0.0.1:5060"), 60, 0),
      new SrvTarget(10, 30, "b.voice.lab", List.of("10.0.0.2:5060"), 60, 1),
      new SrvTarget(10, 10, "c.voice.lab", List.of("10.0.0.3:5060"), 60, 2),
      new SrvTarget(20, 0, "d.voice.lab", List.of("10.0.0.4:5060"), 60, 3));
  private SrvBehaviour stack;
  private SrvSetup setup;
  private boolean blocklist;
  private CallArrival[] calls;

  @Setup
  public void setUp() {
    stack = SrvBehaviour.parse(behaviour.startsWith("kamailio") ? "kamailio" : behaviour);
    blocklist = behaviour.endsWith("-blocklist");
    setup = stack == SrvBehaviour.KAMAILIO ? new SrvSetup(behaviour.contains("-lb"), true, false, blocklist, 10, 1000)
        : SrvSetup.DEFAULTS;
    calls = ReplayTraffic.calls();
  }

  @Benchmark
  @OperationsPerInvocation(ReplayTraffic.CALLS)
  public void replay(Blackhole out) {
    DstBlocklist blocked = null;
    if (blocklist) {
      blocked = new DstBlocklist(Duration.ofSeconds(setup.blocklistExpireSeconds()));
      for (int s = 0; s < 660; s += 30) {
        blocked.add(ReplayTraffic.START.plusSeconds(s), "10.0.0." + (1 + s / 30 % 4) + ":5060");
      }
    }
    SrvReplay replay = new SrvReplay(targets, stack, setup, 1, blocked);
    for (CallArrival c : calls) {
      out.consume(replay.next(c));
    }
  }
}
