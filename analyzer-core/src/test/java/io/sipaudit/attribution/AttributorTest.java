package io.sipaudit.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.dialog.CallRecord;
import io.sipaudit.dialog.InDialogRequest;
import io.sipaudit.dialog.InviteHop;
import io.sipaudit.dialog.MessageOrder;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipMethod;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class AttributorTest {
  private static final Endpoint CLIENT = Endpoint.parse("10.0.0.100:5060");
  private static final Endpoint SBC = Endpoint.parse("10.0.0.50:5060");
  private static final Endpoint LB = Endpoint.parse("10.0.0.1:5060");
  private static final Endpoint B1 = Endpoint.parse("10.0.1.1:5060");
  private static final Endpoint B2 = Endpoint.parse("10.0.1.2:5060");
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static InviteHop hop(Endpoint src, Endpoint dst, String branch, @Nullable String upstream, long sentMs,
      int code, long finalMs) {
    return new InviteHop(src, dst, Transport.UDP, branch, upstream, 1, T0.plusMillis(sentMs), 0,
        code == 200 ? T0.plusMillis(sentMs + 5) : null, code == 200 ? 180 : 0,
        code == 0 ? null : T0.plusMillis(finalMs), code, code == 0 ? "" : "x", code == 0 ? null : "t", null, false);
  }

  private static CallRecord call(List<InviteHop> hops, List<InDialogRequest> dialog) {
    return new CallRecord("c1", "f1", T0, "sip:a@x", "sip:b@x", "sip:b@x", hops, dialog, T0.plusSeconds(10), true,
        "t.pcap", 1, java.util.Set.of());
  }

  @Test
  void timeoutThenAnswerIsAFailoverToTheSecondBackend() {
    AttributedCall c = new Attributor().attribute(call(List.of(
        hop(CLIENT, LB, "zc", null, 0, 200, 1600),
        hop(LB, B1, "zl1", "zc", 1, 0, 0),
        hop(LB, B2, "zl2", "zc", 1501, 200, 1590)), List.of()));
    assertEquals(LB, c.balancer());
    assertEquals(CLIENT, c.client());
    assertEquals(List.of(B1, B2), c.attempts().stream().map(Attempt::backend).toList());
    assertEquals(AttemptOutcome.TIMEOUT, c.attempts().get(0).outcome());
    assertEquals(B2, c.backend());
    assertEquals(CallOutcome.FAILED_OVER_ANSWERED, c.outcome());
    assertTrue(c.failedOver());
    assertEquals(1500L, c.failoverMs());
    assertEquals(1600L, c.setupMs());
  }

  @Test
  void balancerIsTheForwarderNearestTheBackends() {
    AttributedCall c = new Attributor().attribute(call(List.of(
        hop(CLIENT, SBC, "zc", null, 0, 200, 30),
        hop(SBC, LB, "zs", "zc", 1, 200, 20),
        hop(LB, B1, "zl", "zs", 2, 200, 10)), List.of()));
    assertEquals(LB, c.balancer());
    assertEquals(SBC, c.client());
    assertEquals(List.of(B1), c.attempts().stream().map(Attempt::backend).toList());
    assertEquals(CallOutcome.ANSWERED, c.outcome());
  }

  @Test
  void balancerAnsweringItselfIsRejectedByBalancer() {
    InviteHop only = hop(CLIENT, LB, "zc", null, 0, 503, 2);
    AttributedCall c = new Attributor(List.of(LB)).attribute(call(List.of(only), List.of()));
    assertTrue(c.attempts().isEmpty());
    assertNull(c.backend());
    assertEquals(CallOutcome.REJECTED_BY_BALANCER, c.outcome());
    assertEquals(503, c.finalStatus());
  }

  @Test
  void everyBackendFailingIsFailedAll() {
    AttributedCall c = new Attributor().attribute(call(List.of(
        hop(CLIENT, LB, "zc", null, 0, 503, 100),
        hop(LB, B1, "zl1", "zc", 1, 503, 10),
        hop(LB, B2, "zl2", "zc", 11, 503, 20)), List.of()));
    assertEquals(CallOutcome.FAILED_ALL, c.outcome());
    assertEquals(B2, c.backend(), "the last one tried");
    assertFalse(c.outcome().answered());
  }

  @Test
  void singleRejectionIsRejected() {
    AttributedCall c = new Attributor().attribute(call(List.of(
        hop(CLIENT, LB, "zc", null, 0, 486, 100),
        hop(LB, B1, "zl1", "zc", 1, 486, 10)), List.of()));
    assertEquals(CallOutcome.REJECTED, c.outcome());
    assertEquals(486, c.finalStatus());
  }

  @Test
  void captureOfOnlyTheBackendSideTakesTheSenderAsBalancer() {
    AttributedCall c = new Attributor().attribute(call(List.of(
        hop(LB, B1, "zl1", "zc", 1, 0, 0), hop(LB, B2, "zl2", "zc", 500, 200, 510)), List.of()));
    assertEquals(LB, c.balancer());
    assertNull(c.client());
    assertEquals(CallOutcome.FAILED_OVER_ANSWERED, c.outcome());
  }

  @Test
  void byeSentToAnotherBackendIsAPinningViolation() {
    InDialogRequest bye = new InDialogRequest(SipMethod.BYE, LB, B1, T0.plusSeconds(5), 481, T0.plusSeconds(6));
    AttributedCall c = new Attributor().attribute(call(List.of(
        hop(CLIENT, LB, "zc", null, 0, 200, 600),
        hop(LB, B1, "zl1", "zc", 1, 0, 0),
        hop(LB, B2, "zl2", "zc", 500, 200, 590)), List.of(bye)));
    assertEquals(1, c.pinningViolations().size());
    assertTrue(c.pinningViolations().get(0).contains("10.0.1.1:5060"), c.pinningViolations().get(0));
  }

  @Test
  void aByeToAConfiguredBackendTheCallNeverTriedBreaksPinning() {
    // The balancer dispatched the BYE again (ds_select_dst) instead of loose routing: it reached B2, which the
    // call's INVITE never went to.
    InDialogRequest bye = new InDialogRequest(SipMethod.BYE, LB, B2, T0.plusSeconds(5), 200, T0.plusSeconds(5));
    InDialogRequest ack = new InDialogRequest(SipMethod.ACK, LB, B1, T0.plusMillis(700), 0, null);
    CallRecord r = call(List.of(hop(CLIENT, LB, "zc", null, 0, 200, 600), hop(LB, B1, "zl1", "zc", 1, 200, 590)),
        List.of(ack, bye));
    assertEquals(List.of(), new Attributor().attribute(r).pinningViolations(), "B2 is not known to be a backend");
    Attributor configured = new Attributor();
    configured.knowBackends(List.of(B1, B2));
    List<String> v = configured.attribute(r).pinningViolations();
    assertEquals(1, v.size(), v.toString());
    assertTrue(v.get(0).startsWith("BYE at ") && v.get(0).contains("sent to 10.0.1.2:5060, call answered by"
        + " 10.0.1.1:5060"), v.get(0));
  }

  @Test
  void aBackendAnEarlierCallWasSentToIsKnownWithoutConfiguration() {
    Attributor a = new Attributor();
    a.attribute(call(List.of(hop(CLIENT, LB, "zc", null, 0, 200, 600), hop(LB, B2, "zl1", "zc", 1, 200, 590)),
        List.of()));
    InDialogRequest bye = new InDialogRequest(SipMethod.BYE, LB, B2, T0.plusSeconds(5), 200, T0.plusSeconds(5));
    AttributedCall c = a.attribute(call(List.of(hop(CLIENT, LB, "zd", null, 0, 200, 600),
        hop(LB, B1, "zl2", "zd", 1, 200, 590)), List.of(bye)));
    assertEquals(1, c.pinningViolations().size(), c.pinningViolations().toString());
  }

  @Test
  void anInDialogRequestToTheCallerOrElsewhereIsNoPinningViolation() {
    Attributor a = new Attributor();
    a.knowBackends(List.of(B1, B2));
    InDialogRequest toCaller = new InDialogRequest(SipMethod.BYE, LB, CLIENT, T0.plusSeconds(5), 200, null);
    InDialogRequest toContact = new InDialogRequest(SipMethod.BYE, LB, Endpoint.parse("10.0.9.9:5060"),
        T0.plusSeconds(6), 200, null);
    AttributedCall c = a.attribute(call(List.of(hop(CLIENT, LB, "zc", null, 0, 200, 600),
        hop(LB, B1, "zl1", "zc", 1, 200, 590)), List.of(toCaller, toContact)));
    assertEquals(List.of(), c.pinningViolations());
  }

  @Test
  void givenBackendsMakeTheirInvitesTheAttempts() {
    // client -> SBC -> B1 directly: the SBC forwards, but the user says the SBC's targets are the backends
    AttributedCall c = new Attributor(List.of(), List.of(Endpoint.parse("10.0.1.1:0"))).attribute(call(List.of(
        hop(CLIENT, SBC, "zc", null, 0, 200, 30), hop(SBC, B1, "zs", "zc", 1, 200, 20)), List.of()));
    assertEquals(List.of(B1), c.attempts().stream().map(Attempt::backend).toList());
    assertEquals(SBC, c.balancer());
  }

  @Test
  void noResponseAtTheEndOfTheCaptureIsUnknown() {
    CallRecord open = new CallRecord("c2", "f", T0, "a", "b", "b", List.of(hop(CLIENT, LB, "zc", null, 0, 0, 0),
        hop(LB, B1, "zl", "zc", 1, 0, 0)), List.of(), T0, false, "t.pcap", 1, java.util.Set.of());
    AttributedCall c = new Attributor().attribute(open);
    assertEquals(CallOutcome.UNKNOWN, c.outcome());
    assertEquals(AttemptOutcome.NO_RESPONSE, c.attempts().get(0).outcome());
  }

  private static final Endpoint B3 = Endpoint.parse("10.0.1.3:5060");

  /** A branch that rang (180 at +100 ms) and was cancelled at {@code cancelMs} without a final response. */
  private static InviteHop cancelled(Endpoint dst, String branch, long sentMs, long cancelMs) {
    return new InviteHop(LB, dst, Transport.UDP, branch, "zc", 1, T0.plusMillis(sentMs), 0, T0.plusMillis(sentMs + 100),
        180, null, 0, "", null, T0.plusMillis(cancelMs), false);
  }

  @Test
  void parallelBranchesAreOneRoundAndTheWinnerIsNoFailover() {
    // Kamailio dispatcher alg 12: $du = B1, branches B2 and B3, all relayed within a millisecond; B2 answers
    // 200 at 300 ms, tm cancels B1 and B3 at 301 ms
    AttributedCall c = new Attributor().attribute(call(List.of(
        hop(CLIENT, LB, "zc", null, 0, 200, 302),
        cancelled(B1, "zl1", 1, 301),
        hop(LB, B2, "zl2", "zc", 1, 200, 300),
        cancelled(B3, "zl3", 2, 301)), List.of()));
    assertEquals(List.of(1, 1, 1), c.attempts().stream().map(Attempt::round).toList());
    assertTrue(c.attempts().stream().allMatch(Attempt::parallel));
    assertEquals(B1, c.firstPick(), "the first branch sent: the destination ds_select_dst chose");
    assertEquals(B2, c.backend(), "the branch that sent 2xx");
    assertEquals(CallOutcome.ANSWERED, c.outcome());
    assertFalse(c.failedOver());
    assertNull(c.failoverMs());
    assertEquals(List.of(AttemptOutcome.CANCELLED, AttemptOutcome.ANSWERED, AttemptOutcome.CANCELLED),
        c.attempts().stream().map(Attempt::outcome).toList());
  }

  @Test
  void aForkWhoseBranchesAllFailThenASerialAttemptIsAFailover() {
    // B1 and B2 forked at 1 ms, both 503 at 20 ms; B3 tried alone at 25 ms answers
    AttributedCall c = new Attributor().attribute(call(List.of(
        hop(CLIENT, LB, "zc", null, 0, 200, 200),
        hop(LB, B1, "zl1", "zc", 1, 503, 20),
        hop(LB, B2, "zl2", "zc", 1, 503, 20),
        hop(LB, B3, "zl3", "zc", 25, 200, 190)), List.of()));
    assertEquals(List.of(1, 1, 2), c.attempts().stream().map(Attempt::round).toList());
    assertEquals(List.of(true, true, false), c.attempts().stream().map(Attempt::parallel).toList());
    assertTrue(c.failedOver());
    assertEquals(CallOutcome.FAILED_OVER_ANSWERED, c.outcome());
    assertEquals(24L, c.failoverMs(), "first branch at 1 ms to the next round at 25 ms");
  }

  @Test
  void aBranchSentAfterTheForkWindowIsSerialEvenWithoutAResponse() {
    // B1 never answers; B2 leaves 100 ms later (Attempt.FORK_WINDOW): a timeout failover, not a fork
    AttributedCall c = new Attributor().attribute(call(List.of(
        hop(CLIENT, LB, "zc", null, 0, 200, 300),
        hop(LB, B1, "zl1", "zc", 1, 0, 0),
        hop(LB, B2, "zl2", "zc", 101, 200, 290)), List.of()));
    assertEquals(List.of(1, 2), c.attempts().stream().map(Attempt::round).toList());
    assertTrue(c.failedOver());
  }

  @Test
  void withTimesOneMillisecondApartTheOrderOfMessagesStillTellsFailoverFromForking() {
    // a trace without times (1 ms per message): B1's INVITE (message 2) was retransmitted (message 3) before B2's
    // (message 4), so the balancer had given up waiting: a timeout failover, however close the times
    InviteHop b1 = new InviteHop(LB, B1, Transport.UDP, "zl1", "zc", 1, T0.plusMillis(1), 1, null, 0, null, 0, "",
        null, null, false, new MessageOrder(2, 3, 0, 0));
    InviteHop b2 = new InviteHop(LB, B2, Transport.UDP, "zl2", "zc", 1, T0.plusMillis(3), 0, null, 0, T0.plusMillis(4),
        200, "OK", "t", null, false, new MessageOrder(4, 0, 5, 0));
    InviteHop c = new InviteHop(CLIENT, LB, Transport.UDP, "zc", null, 1, T0, 0, null, 0, T0.plusMillis(5), 200, "OK",
        "t", null, false, new MessageOrder(1, 0, 6, 0));
    AttributedCall failover = new Attributor().attribute(call(List.of(c, b1, b2), List.of()));
    assertEquals(List.of(1, 2), failover.attempts().stream().map(Attempt::round).toList());
    assertEquals(CallOutcome.FAILED_OVER_ANSWERED, failover.outcome());
    // the same, but B2 left before B1's first retransmission: forked
    InviteHop forked = new InviteHop(LB, B2, Transport.UDP, "zl2", "zc", 1, T0.plusMillis(2), 0, null, 0,
        T0.plusMillis(4), 200, "OK", "t", null, false, new MessageOrder(3, 0, 5, 0));
    InviteHop b1Later = new InviteHop(LB, B1, Transport.UDP, "zl1", "zc", 1, T0.plusMillis(1), 1, null, 0, null, 0, "",
        null, null, false, new MessageOrder(2, 4, 0, 0));
    AttributedCall fork = new Attributor().attribute(call(List.of(c, b1Later, forked), List.of()));
    assertEquals(List.of(1, 1), fork.attempts().stream().map(Attempt::round).toList());
    assertEquals(CallOutcome.ANSWERED, fork.outcome());
  }
}
