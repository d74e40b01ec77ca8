package io.sipaudit.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class LegCorrelatorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static CallRecord leg(String callId, long ms, String from, String to, String... keys) {
    java.util.Set<String> all = new java.util.TreeSet<>(Set.of(keys));
    all.add("call-id:" + callId);
    return new CallRecord(callId, "f", T0.plusMillis(ms), from, to, to, List.of(), List.of(), T0.plusMillis(ms),
        true, "t.pcap", 1, all);
  }

  private static LegCorrelator<String> correlator(boolean byParties, List<LegCorrelator.Settled<String>> out) {
    return new LegCorrelator<>(byParties, out::add);
  }

  private static void finish(LegCorrelator<String> c, CallRecord r) {
    c.finished(r, r.callId());
  }

  @Test
  void legsAreTiedTransitivelyWhateverTheOrder() {
    List<LegCorrelator.Settled<String>> out = new ArrayList<>();
    LegCorrelator<String> c = correlator(false, out);
    // C is seen first; it shares a Session-ID with B, and B names A in X-CID
    CallRecord cLeg = leg("c-leg", 30, "sip:1@x", "sip:2@x", "session:abc");
    CallRecord bLeg = leg("b-leg", 20, "sip:1@x", "sip:2@x", "call-id:a-leg", "session:abc");
    CallRecord aLeg = leg("a-leg", 10, "sip:1@x", "sip:2@x");
    CallRecord unrelated = leg("unrelated", 15, "sip:1@x", "sip:2@x");
    for (CallRecord r : List.of(cLeg, bLeg, aLeg, unrelated)) {
      c.started(r);
    }
    finish(c, aLeg);
    finish(c, unrelated);
    finish(c, cLeg);
    assertEquals(1, out.size(), "only the lone call is out: b-leg is still going");
    assertNull(out.get(0).group());
    assertEquals(List.of("unrelated"), out.get(0).legs());
    finish(c, bLeg);
    assertEquals(2, out.size());
    CallGroup g = out.get(1).group();
    assertEquals(List.of("a-leg", "b-leg", "c-leg"), g.callIds());
    assertEquals(List.of("a-leg", "b-leg", "c-leg"), out.get(1).legs(), "payloads in start order");
    assertEquals(List.of("session-id", "x-cid"), g.linkedBy());
    assertEquals("header", g.confidence());
    assertEquals(0, c.heldGroups());
    assertEquals(0, c.openNodes(), "a settled group's legs and keys are forgotten");
  }

  @Test
  void aBLegWhoseInviteIsSeenBeforeTheALegsStillJoinsIt() {
    List<LegCorrelator.Settled<String>> out = new ArrayList<>();
    LegCorrelator<String> c = correlator(false, out);
    CallRecord b = leg("b", 0, "sip:1@x", "sip:2@x", "call-id:a");
    CallRecord a = leg("a", 5, "sip:1@x", "sip:2@x");
    c.started(b);
    c.started(a);
    finish(c, b);
    finish(c, a);
    assertEquals(1, out.size());
    assertEquals(List.of("b", "a"), out.get(0).group().callIds());
    assertEquals(List.of("x-cid"), out.get(0).group().linkedBy());
  }

  @Test
  void sameCallerAndCalleeCloseInTimeAreLinkedOnlyWhenAskedAndMarkedHeuristic() {
    CallRecord a = leg("a", 0, "sip:+4930123456@x", "sip:+4940654321@y");
    CallRecord b = leg("b", 900, "sip:030123456@pbx", "sip:040654321@pbx");
    CallRecord late = leg("late", 60_000, "sip:+4930123456@x", "sip:+4940654321@y");
    List<LegCorrelator.Settled<String>> offOut = new ArrayList<>();
    List<LegCorrelator.Settled<String>> onOut = new ArrayList<>();
    LegCorrelator<String> off = correlator(false, offOut);
    LegCorrelator<String> on = correlator(true, onOut);
    for (LegCorrelator<String> c : List.of(off, on)) {
      c.started(a);
      c.started(b);
      finish(c, a);
      finish(c, b);
      c.started(late);
      finish(c, late);
    }
    assertEquals(3, offOut.size());
    assertTrue(offOut.stream().allMatch(s -> s.group() == null));
    assertEquals(2, onOut.size());
    assertEquals(List.of("a", "b"), onOut.get(0).group().callIds());
    assertEquals("heuristic", onOut.get(0).group().confidence());
    assertEquals(List.of("late"), onOut.get(1).legs());
  }

  @Test
  void aLongStreamOfCallsHoldsOnlyTheGroupsOfCallsInProgress() {
    List<LegCorrelator.Settled<String>> out = new ArrayList<>();
    LegCorrelator<String> c = new LegCorrelator<>(false, s -> out.add(s.group() == null ? null : s));
    // 100,000 legs, one starting every 10 ms, each lasting 30 s: at most 30,000 / 10 = 3,000 going at once, so
    // at most 3,000 groups held (+1 for the leg just started). Every leg i with i % 10 == 1 names leg i-1 in
    // X-CID: 10,000 groups of two legs and 80,000 lone legs.
    int calls = 100_000;
    ArrayDeque<CallRecord> going = new ArrayDeque<>();
    int maxHeld = 0;
    int maxNodes = 0;
    for (int i = 0; i < calls; i++) {
      long now = 10L * i;
      while (!going.isEmpty() && going.peek().start().plusSeconds(30).isBefore(T0.plusMillis(now))) {
        finish(c, going.poll());
      }
      CallRecord r = i % 10 == 1 ? leg("c" + i, now, "sip:1@x", "sip:2@x", "call-id:c" + (i - 1))
          : leg("c" + i, now, "sip:1@x", "sip:2@x");
      c.started(r);
      going.add(r);
      maxHeld = Math.max(maxHeld, c.heldGroups());
      maxNodes = Math.max(maxNodes, c.openNodes());
    }
    going.forEach(r -> finish(c, r));
    c.finish();
    assertTrue(maxHeld <= 3_001, maxHeld + " groups held at most, 3,001 expected");
    // the legs going, plus an A-leg finished 10 ms before its B-leg, each with its own Call-ID key
    assertTrue(maxNodes <= 2 * 3_002, maxNodes + " legs and keys held at most");
    assertEquals(90_000, out.size(), "every end-to-end call handed on once");
    assertEquals(10_000, out.stream().filter(s -> s != null).count());
    assertEquals(10_000, c.groupsSettled());
    assertEquals(0, c.heldGroups());
  }

  @Test
  void sharedKeyOfASingleCallLinksNothing() {
    List<LegCorrelator.Settled<String>> out = new ArrayList<>();
    LegCorrelator<String> c = correlator(false, out);
    CallRecord only = leg("only", 0, "sip:a@x", "sip:b@x", "icid:xyz");
    c.started(only);
    finish(c, only);
    assertNull(out.get(0).group());
  }

  @Test
  void theEndOfTheInputHandsOnGroupsWithFinishedLegs() {
    List<LegCorrelator.Settled<String>> out = new ArrayList<>();
    LegCorrelator<String> c = correlator(false, out);
    CallRecord a = leg("a", 0, "sip:1@x", "sip:2@x");
    CallRecord b = leg("b", 10, "sip:1@x", "sip:2@x", "call-id:a");
    c.started(a);
    c.started(b);
    finish(c, a);
    assertTrue(out.isEmpty());
    c.finish();
    assertEquals(List.of("a"), out.get(0).legs(), "b never finished, so only a is handed on");
    assertNull(out.get(0).group());
  }
}
