package io.sipaudit.bench;

import io.sipaudit.sip.FrameResult;
import io.sipaudit.sip.SipFramer;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The framer on a TCP stream that holds {@link #MESSAGES} messages back to back (INVITE, 180, 200, ACK, repeated),
 * framed one after the other as {@code StreamBuffer} does, and on one UDP datagram. Scores are per message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class SipFramerBenchmark {
  static final int MESSAGES = 100;

  private final SipFramer framer = new SipFramer();
  private final byte[] invite = SampleMessages.checked(SampleMessages.INVITE);
  private byte[] stream;

  @Setup
  public void setUp() {
    byte[][] call = {SampleMessages.INVITE, SampleMessages.RINGING, SampleMessages.OK, SampleMessages.ACK};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < MESSAGES; i++) {
      out.writeBytes(SampleMessages.checked(call[i % call.length]));
    }
    stream = out.toByteArray();
    if (frameStream() != MESSAGES) {
      throw new IllegalStateException("the stream does not frame into " + MESSAGES + " messages");
    }
  }

  /** Frames the whole stream; returns the number of messages. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public int frameStream() {
    int n = 0;
    for (int off = 0; off < stream.length; ) {
      FrameResult r = framer.frameStream(stream, off, stream.length - off);
      if (!r.isComplete()) {
        throw new IllegalStateException("at " + off + ": " + r);
      }
      off += r.length();
      n++;
    }
    return n;
  }

  @Benchmark
  public FrameResult frameDatagram() {
    return framer.frameDatagram(invite, 0, invite.length);
  }
}
