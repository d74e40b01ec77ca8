package io.sipaudit.bench;

import io.sipaudit.config.opensips.OpenSipsDispatcherTable;
import io.sipaudit.config.opensips.OpenSipsLbTable;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import io.sipaudit.simulate.opensips.DsFlags;
import io.sipaudit.simulate.opensips.LbFlags;
import io.sipaudit.simulate.opensips.LoadBalancerReplay;
import io.sipaudit.simulate.opensips.OpenSipsAlgorithms;
import io.sipaudit.simulate.opensips.OpenSipsReplay;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The replay of one call through an OpenSIPS dispatcher algorithm (weights 1..8, one destination inactive, flag
 * {@code f}) over 8 destinations, or through the load_balancer ({@code lb}: 8 destinations with {@code pstn=50},
 * calls held 2 s at 100 calls/s, so about 200 in progress). Example result: {@code replay alg=0 ...ns/op}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OpenSipsReplayBenchmark {
  @Param({"0", "4", "8", "9", "lb"})
  public String alg;

  private Function<CallArrival, Prediction> replay;
  private CallArrival[] calls;
  private int next;
  private long round;

  @Setup
  public void setUp() {
    StringBuilder ds = new StringBuilder("setid,destination,state,weight,priority\n");
    StringBuilder lb = new StringBuilder("group_id,dst_uri,resources\n");
    for (int i = 1; i <= 8; i++) {
      ds.append("1,sip:10.0.0.").append(i).append(":5060,").append(i == 3 ? 1 : 0).append(',').append(i).append(",0\n");
      lb.append("1,sip:10.0.0.").append(i).append(":5060,pstn=50\n");
    }
    if (alg.equals("lb")) {
      replay = new LoadBalancerReplay(OpenSipsLbTable.parse(lb.toString(), "bench.csv").group(1), List.of("pstn"),
          LbFlags.NONE, null, 0)::next;
    } else {
      DsFlags f = DsFlags.parse("f");
      replay = new OpenSipsReplay(OpenSipsDispatcherTable.parse(ds.toString(), "bench.csv").set(1),
          OpenSipsAlgorithms.create(Integer.parseInt(alg), new OpenSipsAlgorithms.Settings(f, 0)), f, 1000, false,
          null)::next;
    }
    SplittableRandom r = new SplittableRandom(42);
    calls = new CallArrival[4096];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = call(r, i);
    }
  }

  private static CallArrival call(SplittableRandom r, long i) {
    Instant t = Instant.parse("2026-11-26T08:00:00Z").plusMillis(10 * i);
    return new CallArrival(Long.toHexString(r.nextLong()) + "@10.1.2.3", t, "sip:" + r.nextInt(100_000)
        + "@example.com", "sip:" + r.nextInt(1000) + "@pbx.example.com", "sip:" + r.nextInt(1000) + "@10.0.0.254",
        null, null, t.plusSeconds(2));
  }

  @Benchmark
  public Prediction replay() {
    CallArrival c = calls[next];
    next = (next + 1) & (calls.length - 1);
    if (next == 0) {
      round++;   // times must keep increasing: shift the prepared calls on by one round
    }
    return replay.apply(round == 0 ? c : new CallArrival(c.callId(), c.time().plusSeconds(41 * round), c.from(),
        c.to(), c.requestUri(), null, null, c.end().plusSeconds(41 * round)));
  }
}
