package io.sipaudit.bench;

import io.sipaudit.config.opensips.LbDestination;
import io.sipaudit.config.opensips.OpenSipsDestination;
import io.sipaudit.config.opensips.OpenSipsDispatcherTable;
import io.sipaudit.config.opensips.OpenSipsLbTable;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import io.sipaudit.simulate.opensips.DsFlags;
import io.sipaudit.simulate.opensips.LbFlags;
import io.sipaudit.simulate.opensips.LoadBalancerReplay;
import io.sipaudit.simulate.opensips.OpenSipsAlgorithms;
import io.sipaudit.simulate.opensips.OpenSipsReplay;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * The replay of calls through each registered OpenSIPS dispatcher algorithm as {@code sipaudit simulate} runs it
 * (a fresh {@link OpenSipsReplay}, weights 1..8, one destination inactive, flag {@code f}, {@code max_res} 1000,
 * alg 4 aligned on the first observed call), or through the load_balancer ({@code lb}: 8 destinations with
 * {@code pstn=50}; {@code lb-rs}: flags {@code r} and {@code s}), fed the {@link ReplayTraffic} calls (about 200
 * in progress, which 9, 10 and the load_balancer rank by). One invocation replays all 65,536 calls. Example
 * result: {@code replay alg=0 40 ns/op}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class OpenSipsReplayBenchmark {
  @Param({"0", "1", "2", "3", "4", "5", "6", "8", "9", "10", "lb", "lb-rs"})
  public String alg;

  private List<OpenSipsDestination> ds;
  private List<LbDestination> lb;
  private CallArrival[] calls;

  @Setup
  public void setUp() {
    StringBuilder dsTable = new StringBuilder("setid,destination,state,weight,priority\n");
    StringBuilder lbTable = new StringBuilder("group_id,dst_uri,resources\n");
    for (int i = 1; i <= 8; i++) {
      dsTable.append("1,sip:10.0.0.").append(i).append(":5060,").append(i == 3 ? 1 : 0).append(',').append(i)
          .append(",0\n");
      lbTable.append("1,sip:10.0.0.").append(i).append(":5060,pstn=50\n");
    }
    ds = OpenSipsDispatcherTable.parse(dsTable.toString(), "bench.csv").set(1);
    lb = OpenSipsLbTable.parse(lbTable.toString(), "bench.csv").group(1);
    calls = ReplayTraffic.calls();
  }

  @Benchmark
  @OperationsPerInvocation(ReplayTraffic.CALLS)
  public void replay(Blackhole out) {
    Function<CallArrival, Prediction> replay;
    if (alg.startsWith("lb")) {
      replay = new LoadBalancerReplay(lb, List.of("pstn"), LbFlags.parse(alg.equals("lb") ? "" : "rs"), null,
          0)::next;
    } else {
      DsFlags f = DsFlags.parse("f");
      replay = new OpenSipsReplay(ds, OpenSipsAlgorithms.create(Integer.parseInt(alg),
          new OpenSipsAlgorithms.Settings(f, 0)), f, 1000, true, null)::next;
    }
    for (CallArrival c : calls) {
      out.consume(replay.apply(c));
    }
  }
}
