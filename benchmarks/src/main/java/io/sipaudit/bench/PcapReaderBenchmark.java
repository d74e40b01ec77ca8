package io.sipaudit.bench;

import io.sipaudit.capture.CaptureFormat;
import io.sipaudit.capture.CaptureReader;
import io.sipaudit.capture.CapturedFrame;
import io.sipaudit.capture.PcapReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads every frame of a 10,000-call synthetic pcap (about 133,000 frames, 69 MB): from the file (in the page cache
 * after the first pass) and from memory. The {@code frames} counter is frames per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class PcapReaderBenchmark {
  private SyntheticFile file;
  private byte[] bytes;

  /** Frames read, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Frames {
    public long frames;
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = new SyntheticFile(10_000, 0.15);
    bytes = Files.readAllBytes(file.path);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    file.close();
  }

  @Benchmark
  public long readFile(Frames counter) {
    try (CaptureReader r = CaptureFormat.open(file.path)) {
      return readAll(r, counter);
    }
  }

  @Benchmark
  public long readMemory(Frames counter) {
    try (CaptureReader r = new PcapReader(new ByteArrayInputStream(bytes), "memory")) {
      return readAll(r, counter);
    }
  }

  private static long readAll(CaptureReader r, Frames counter) {
    long sum = 0;
    for (CapturedFrame f; (f = r.next()) != null; ) {
      sum += f.capturedLength();
      counter.frames++;
    }
    return sum;
  }
}
