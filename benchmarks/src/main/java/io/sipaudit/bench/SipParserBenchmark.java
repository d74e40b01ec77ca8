package io.sipaudit.bench;

import io.sipaudit.sip.ParseResult;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The SIP parser's hot path on one message: the one-pass scan ({@code parse*}), and the scan plus what dialog
 * tracking and resend detection read from every message ({@code *DialogHeaders}: Call-ID, CSeq, both tags, top
 * Via). Example result: {@code parseInvite 0.6 us/op}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class SipParserBenchmark {
  private final byte[] invite = SampleMessages.checked(SampleMessages.INVITE);
  private final byte[] ok = SampleMessages.checked(SampleMessages.OK);

  @Benchmark
  public ParseResult parseInvite() {
    return SipParser.tryParse(invite, 0, invite.length);
  }

  @Benchmark
  public ParseResult parseOk() {
    return SipParser.tryParse(ok, 0, ok.length);
  }

  @Benchmark
  public void parseInviteDialogHeaders(Blackhole bh) {
    dialogHeaders(SipParser.parse(invite, 0, invite.length), bh);
  }

  @Benchmark
  public void parseOkDialogHeaders(Blackhole bh) {
    dialogHeaders(SipParser.parse(ok, 0, ok.length), bh);
  }

  private static void dialogHeaders(SipMessage m, Blackhole bh) {
    bh.consume(m.callId());
    bh.consume(m.cseq());
    bh.consume(m.fromTag());
    bh.consume(m.toTag());
    bh.consume(m.topVia());
  }
}
