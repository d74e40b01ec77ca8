package io.sipaudit.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

final class GroundTruthBuilderTest {

  private static GroundTruthBuilder build(String log) {
    GroundTruthBuilder b = new GroundTruthBuilder();
    TruthLogParser.parse(new BufferedReader(new StringReader(log)), b);
    return b;
  }

  @Test
  void answeredCallOnFirstPickHasOneAttempt() {
    GroundTruthBuilder b = build("""
        LBTRUTH t=100.0 ev=select ci=c1 dst=sip:127.0.1.13:5060
        LBTRUTH t=100.001 ev=send ci=c1 dst=127.0.1.13:5060 proto=1
        LBTRUTH t=100.006 ev=reply ci=c1 code=200 src=127.0.1.13:5060
        """);
    assertEquals(List.of(new CallTruth("c1", "127.0.1.13:5060", "127.0.1.13:5060", Outcome.ANSWERED)), b.calls());
    assertEquals(1, b.attempts().size());
    assertEquals("200", b.attempts().get(0).code());
    assertFalse(b.calls().get(0).failedOver());
  }

  @Test
  void timeoutThenNextDestinationAnsweredIsAFailover() {
    GroundTruthBuilder b = build("""
        LBTRUTH t=1.0 ev=select ci=c2 dst=sip:127.0.1.12:5060
        LBTRUTH t=1.0 ev=send ci=c2 dst=127.0.1.12:5060 proto=1
        LBTRUTH t=3.0 ev=fail ci=c2 code=408 dst=sip:127.0.1.12:5060
        LBTRUTH t=3.0 ev=next ci=c2 dst=sip:127.0.1.11:5060
        LBTRUTH t=3.0 ev=send ci=c2 dst=127.0.1.11:5060 proto=1
        LBTRUTH t=3.1 ev=reply ci=c2 code=200 src=127.0.1.11:5060
        """);
    CallTruth c = b.calls().get(0);
    assertEquals(new CallTruth("c2", "127.0.1.12:5060", "127.0.1.11:5060", Outcome.ANSWERED), c);
    assertTrue(c.failedOver());
    List<Attempt> attempts = b.attempts();
    assertEquals(2, attempts.size());
    assertEquals("408", attempts.get(0).code());
    assertEquals("127.0.1.11:5060", attempts.get(1).destination());
    assertEquals(2, attempts.get(1).number());
    assertEquals("200", attempts.get(1).code());
  }

  @Test
  void timeoutWithoutFailoverIsATimeout() {
    GroundTruthBuilder b = build("""
        LBTRUTH t=1.0 ev=select ci=c3 dst=sip:127.0.1.12:5060
        LBTRUTH t=3.0 ev=fail ci=c3 code=408 dst=sip:127.0.1.12:5060
        """);
    assertEquals(new CallTruth("c3", "127.0.1.12:5060", "127.0.1.12:5060", Outcome.TIMEOUT), b.calls().get(0));
  }

  @Test
  void backendRejectionIsRejected() {
    GroundTruthBuilder b = build("""
        LBTRUTH t=1.0 ev=select ci=c4 dst=sip:127.0.1.14:5060
        LBTRUTH t=1.1 ev=reply ci=c4 code=486 src=127.0.1.14:5060
        LBTRUTH t=1.1 ev=fail ci=c4 code=486 dst=sip:127.0.1.14:5060
        """);
    assertEquals(Outcome.REJECTED, b.calls().get(0).outcome());
    assertEquals("486", b.attempts().get(0).code());
  }

  @Test
  void noDestinationHasEmptyPicks() {
    GroundTruthBuilder b = build("LBTRUTH t=1.0 ev=nodst ci=c5\n");
    assertEquals(new CallTruth("c5", "", "", Outcome.NO_DESTINATION), b.calls().get(0));
    assertTrue(b.attempts().isEmpty());
  }

  @Test
  void srvRelayingUsesTheSendAddressesAndIgnoresRetransmittedSends() {
    GroundTruthBuilder b = build("""
        LBTRUTH t=1.0 ev=srv ci=c6 dst=sip:pool.lab;transport=udp
        LBTRUTH t=1.0 ev=send ci=c6 dst=127.0.1.21:5060 proto=1
        LBTRUTH t=1.0 ev=send ci=c6 dst=127.0.1.21:5060 proto=1
        LBTRUTH t=3.0 ev=send ci=c6 dst=127.0.1.22:5060 proto=1
        LBTRUTH t=3.1 ev=reply ci=c6 code=200 src=127.0.1.22:5060
        """);
    assertEquals(new CallTruth("c6", "127.0.1.21:5060", "127.0.1.22:5060", Outcome.ANSWERED), b.calls().get(0));
    assertEquals(2, b.attempts().size());
    assertEquals("", b.attempts().get(0).code());
  }

  @Test
  void callWithoutFinalEventIsUnknownAndCallsKeepFirstSeenOrder() {
    GroundTruthBuilder b = build("""
        LBTRUTH t=1.0 ev=select ci=zz dst=sip:127.0.1.11
        LBTRUTH t=1.1 ev=select ci=aa dst=sip:127.0.1.12
        LBTRUTH t=1.2 ev=reply ci=aa code=200 src=127.0.1.12:5060
        """);
    assertEquals("zz", b.calls().get(0).callId());
    assertEquals(Outcome.UNKNOWN, b.calls().get(0).outcome());
    assertEquals("aa", b.calls().get(1).callId());
  }

  @Test
  void parallelBranchesOfAlgorithm12AreAttemptsAndTheWinnerIsNoFailover() {
    // lines as the lab balancer logged call 1 of samples/parallel-alg12 (times shortened)
    GroundTruthBuilder b = build("""
        LBTRUTH t=7.501344 ev=select ci=c7 dst=sip:127.0.1.183:5060
        LBTRUTH t=7.501818 ev=branch ci=c7 dst=sip:127.0.1.182:5060
        LBTRUTH t=7.501893 ev=branch ci=c7 dst=sip:127.0.1.181:5060
        LBTRUTH t=7.503164 ev=send ci=c7 dst=127.0.1.183:5060 proto=1
        LBTRUTH t=7.508538 ev=send ci=c7 dst=127.0.1.182:5060 proto=1
        LBTRUTH t=7.512950 ev=send ci=c7 dst=127.0.1.181:5060 proto=1
        LBTRUTH t=7.719781 ev=reply ci=c7 code=200 src=127.0.1.182:5060
        LBTRUTH t=7.733993 ev=reply ci=c7 code=487 src=127.0.1.181:5060
        LBTRUTH t=7.737659 ev=reply ci=c7 code=487 src=127.0.1.183:5060
        """);
    CallTruth c = b.calls().get(0);
    assertEquals(new CallTruth("c7", "127.0.1.183:5060", "127.0.1.182:5060", Outcome.ANSWERED,
        List.of("127.0.1.183:5060", "127.0.1.182:5060", "127.0.1.181:5060")), c);
    assertFalse(c.failedOver(), "the winner was forked to with the first pick");
    assertEquals(List.of("487", "200", "487"), b.attempts().stream().map(Attempt::code).toList());
  }
}
