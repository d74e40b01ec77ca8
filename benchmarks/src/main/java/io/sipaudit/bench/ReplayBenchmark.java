package io.sipaudit.bench;

import io.sipaudit.config.Destination;
import io.sipaudit.config.DispatcherList;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.HealthModel;
import io.sipaudit.simulate.KamailioAlgorithms;
import io.sipaudit.simulate.Replay;
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
 * The simulator's replay of calls through each Kamailio algorithm as {@code sipaudit simulate} runs it: a fresh
 * {@link Replay} (round-robin aligned on the first observed call) over 8 destinations, one inactive, with
 * {@code weight}, {@code rweight}, {@code duid}, {@code maxload} and {@code latency} attributes, fed the
 * {@link ReplayTraffic} calls in arrival order. One invocation replays all 65,536 calls, so the figure is the cost
 * per call, the replay's construction included. Variants: {@code 7} with {@code hash_pvar} {@code "$fU@$fd"};
 * {@code 9}/{@code 11} shuffled from seed 1, {@code 9-learned}/{@code 11-learned} learning from the observed picks;
 * {@code 10} with each call ending after 2 s; {@code 13} on the {@code latency=} attributes; {@code 4-health} and
 * {@code 13-health} with a {@link HealthModel} ({@code --health observed}: a probe per destination every 10 s,
 * one destination failing its probes for 100 s, a failure-route mark, latency samples), which makes the replay
 * build each call's failover list. Example result: {@code replay alg=4 20 ns/op}, i.e. 50M calls/s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ReplayBenchmark {
  @Param({"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "9-learned", "10", "11", "11-learned", "12", "13",
      "4-health", "13-health", "1000"})
  public String alg;

  private List<Destination> set;
  private KamailioAlgorithms.Options options;
  private int number;
  private boolean health;
  private CallArrival[] calls;

  @Setup
  public void setUp() {
    int[] weights = {5, 10, 15, 20, 10, 15, 15, 10};
    StringBuilder list = new StringBuilder();
    for (int i = 1; i <= 8; i++) {
      list.append("1 sip:10.0.0.").append(i).append(":5060 ").append(i == 3 ? 1 : 0).append(' ').append(10 - i)
          .append(" weight=").append(weights[i - 1]).append(";rweight=").append(i).append(";duid=d").append(i)
          .append(";maxload=").append(i % 2 == 0 ? 40 : 0).append(";latency=").append(20 + 5 * i).append('\n');
    }
    set = DispatcherList.parse(list.toString(), "bench.list").set(1);
    number = Integer.parseInt(alg.replaceAll("-.*", ""));
    health = alg.endsWith("-health");
    options = new KamailioAlgorithms.Options(0, number == 7 ? "$fU@$fd" : null,
        alg.endsWith("-learned") ? null : 1L);
    calls = ReplayTraffic.calls();
  }

  @Benchmark
  @OperationsPerInvocation(ReplayTraffic.CALLS)
  public void replay(Blackhole out) {
    Replay replay = new Replay(set, KamailioAlgorithms.create(number, options), false, true,
        health ? healthModel() : null);
    for (CallArrival c : calls) {
      out.consume(replay.next(c));
    }
  }

  /** Probes every 10 s; .5 fails them from 100 s to 200 s; the failure route marks .6 at 150 s. */
  private static HealthModel healthModel() {
    HealthModel m = new HealthModel(new HealthModel.Settings(1, 1, 1, 1));
    for (int s = 0; s < 660; s += 10) {
      for (int i = 1; i <= 8; i++) {
        String d = "10.0.0." + i + ":5060";
        boolean ok = i != 5 || s < 100 || s >= 200;
        m.probe(ReplayTraffic.START.plusSeconds(s).plusMillis(i), d, ok);
        m.latency(ReplayTraffic.START.plusSeconds(s).plusMillis(i), d, ok ? 10 + (s + 7 * i) % 40 : -1);
      }
    }
    m.mark(ReplayTraffic.START.plusSeconds(150), "10.0.0.6:5060");
    return m;
  }
}
