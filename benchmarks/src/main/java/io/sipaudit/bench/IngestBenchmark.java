package io.sipaudit.bench;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipStats;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole ingest path on a 10,000-call synthetic capture (about 133,000 frames, 69 MB, in the page cache): read,
 * network decoding (IP and TCP reassembly), SIP framing and parsing, with a sink that only looks at each event
 * ({@code ingest}), or with {@link SipStats} as {@code sipaudit stats} runs it ({@code stats}). The {@code frames}
 * counter is frames per second. {@code parallel=false} keeps everything on one thread (the "one core" figure);
 * {@code tcp} is the share of calls over TCP ({@code 1.0}: every call through TCP reassembly and stream framing).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(2)
@State(Scope.Benchmark)
public class IngestBenchmark {
  @Param({"false", "true"})
  public boolean parallel;

  @Param({"0.15"})
  public double tcp;

  private SyntheticFile file;

  /** Frames read, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Frames {
    public long frames;
  }

  @Setup(Level.Trial)
  public void setUp() {
    file = new SyntheticFile(10_000, tcp);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    file.close();
  }

  @Benchmark
  public SipIngest.Result ingest(Frames counter, Blackhole bh) {
    Consumer<IngestEvent> sink = bh::consume;
    SipIngest.Result r = new SipIngest().parallel(parallel).run(List.of(file.path), sink);
    counter.frames += file.frames;
    return r;
  }

  @Benchmark
  public long stats(Frames counter) {
    SipStats stats = new SipStats();
    new SipIngest().parallel(parallel).run(List.of(file.path), stats);
    counter.frames += file.frames;
    return stats.messages();
  }
}
