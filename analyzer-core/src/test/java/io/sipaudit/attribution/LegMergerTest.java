package io.sipaudit.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.dialog.CallAssembler;
import io.sipaudit.dialog.LegCorrelator;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.net.Endpoint;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The hand-made trace {@code b2bua/sbc-legs.txt} (ngrep): a phone (.10) calls through an SBC (.20, a B2BUA: a new
 * Call-ID per leg) and a Kamailio-like proxy balancer (.30) to backends .41 and .42.
 * <ul>
 *   <li>call 1: A-leg a1 phone → SBC; B-leg b1 SBC → balancer → .41 answered, with {@code X-CID: a1}. The B-leg's
 *       100 Trying is listed before the A-leg's INVITE (another tap's clock).
 *   <li>call 2: A-leg a2 and B-leg b2 share the RFC 7989 Session-ID the phone made; b2's INVITE and 100 are listed
 *       before a2's INVITE. The balancer tries .42 (503), then .41 (200).
 *   <li>call 3: the phone calls the balancer directly: one leg, .42 answers.
 * </ul>
 */
final class LegMergerTest {
  private static final Endpoint PHONE = Endpoint.parse("192.0.2.10:5060");
  private static final Endpoint SBC = Endpoint.parse("192.0.2.20:5060");
  private static final Endpoint LB = Endpoint.parse("192.0.2.30:5060");
  private static final Endpoint B41 = Endpoint.parse("192.0.2.41:5060");
  private static final Endpoint B42 = Endpoint.parse("192.0.2.42:5060");

  private static Path trace() throws URISyntaxException {
    return Path.of(LegMergerTest.class.getResource("/b2bua/sbc-legs.txt").toURI());
  }

  private static List<UserCall> analyse(Analysis analysis) throws URISyntaxException {
    List<UserCall> out = new ArrayList<>();
    Attributor attributor = new Attributor();
    LegCorrelator<AttributedCall> legs = new LegCorrelator<>(false, s -> {
      UserCall u = LegMerger.merge(s.group(), s.legs());
      analysis.call(u);
      out.add(u);
    });
    CallAssembler assembler = new CallAssembler(r -> legs.finished(r, attributor.attribute(r))).onStarted(legs::started);
    SipIngest.Result r = new SipIngest().run(List.of(trace()), e -> {
      analysis.event(e);
      assembler.accept(e);
    });
    assertEquals(List.of(), r.errors());
    assembler.finish();
    legs.finish();
    return out;
  }

  @Test
  void anSbcsTwoLegsAreOneCallAttributedByTheLegThatCrossedTheBalancer() throws Exception {
    List<UserCall> calls = analyse(new Analysis());
    assertEquals(3, calls.size(), "three calls made by the phone, five legs");
    UserCall first = calls.get(0);
    assertEquals(List.of("a1-7e21@192.0.2.10", "b1-0c55@sbc.example.net"), first.group().callIds());
    assertEquals("b1-0c55@sbc.example.net", first.attributedLeg().call().callId());
    assertEquals("a1-7e21@192.0.2.10", first.callerLeg().call().callId());
    assertEquals(PHONE, first.call().client(), "the phone, not the SBC, made the call");
    assertEquals(LB, first.call().balancer());
    assertEquals(B41, first.call().backend());
    assertEquals(CallOutcome.ANSWERED, first.call().outcome());
    assertEquals(List.of(SBC), first.b2buas());
    // the caller's view: INVITE at 1.002 s, 180 at 1.102 s, 200 at 3.002 s on the phone's leg
    assertEquals(100L, first.call().pddMs());
    assertEquals(2000L, first.call().setupMs());
  }

  @Test
  void aBLegSeenBeforeItsALegMergesAndKeepsTheBalancersFailover() throws Exception {
    UserCall second = analyse(new Analysis()).get(1);
    assertEquals(List.of("session-id"), second.group().linkedBy());
    assertEquals("a2-91f0@192.0.2.10", second.callerLeg().call().callId(), "listed second, still the caller's");
    assertEquals(B42, second.call().firstPick());
    assertEquals(B41, second.call().backend());
    assertTrue(second.call().failedOver());
    assertEquals(CallOutcome.FAILED_OVER_ANSWERED, second.call().outcome());
    assertEquals(200, second.call().finalStatus());
  }

  @Test
  void perBackendCountsCountEachUserCallOnceAndTheSbcIsNoBackend() throws Exception {
    Analysis a = new Analysis();
    List<UserCall> calls = analyse(a);
    assertNull(calls.get(2).group(), "call 3 has one leg");
    assertEquals(3, a.calls());
    Map<Endpoint, BackendSummary> rows = new TreeMap<>();
    a.backends().forEach(b -> rows.put(b.backend(), b));
    assertEquals(List.of(B41, B42), List.copyOf(rows.keySet()), "the SBC is not a backend");
    // .41: first pick of call 1, answered call 1 and call 2 (failover in) -> offered 1, attempts 2, handled 2
    BackendSummary b41 = rows.get(B41);
    assertEquals(List.of(1L, 2L, 2L, 2L, 0L, 1L, 0L), List.of(b41.offered(), b41.attempts(), b41.handled(),
        b41.answered(), b41.failed(), b41.failoversIn(), b41.failoversOut()));
    // .42: first pick of call 2 (503, failover out) and of call 3 (answered) -> offered 2, attempts 2, handled 1
    BackendSummary b42 = rows.get(B42);
    assertEquals(List.of(2L, 2L, 1L, 1L, 1L, 0L, 1L), List.of(b42.offered(), b42.attempts(), b42.handled(),
        b42.answered(), b42.failed(), b42.failoversIn(), b42.failoversOut()));
    assertEquals(2.0 / 3, b41.share(), 1e-9);
    Map<Endpoint, NodeRole> roles = new TreeMap<>();
    a.nodes().forEach(n -> roles.put(n.address(), n.role()));
    assertEquals(NodeRole.B2BUA, roles.get(SBC));
    assertEquals(NodeRole.CLIENT, roles.get(PHONE));
    assertEquals(NodeRole.BALANCER, roles.get(LB));
  }

  @Test
  void aLoneLegIsItsOwnCall() throws Exception {
    UserCall third = analyse(new Analysis()).get(2);
    assertEquals(third.legs().get(0), third.call());
    assertFalse(third.call().failedOver());
    assertEquals(B42, third.call().backend());
  }
}
