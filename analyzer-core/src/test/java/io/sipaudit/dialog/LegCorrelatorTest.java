package io.sipaudit.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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

  @Test
  void legsAreTiedTransitivelyWhateverTheOrder() {
    LegCorrelator c = new LegCorrelator(false);
    // C is seen first; it shares a Session-ID with B, and B names A in X-CID
    c.add(leg("c-leg", 30, "sip:1@x", "sip:2@x", "session:abc"));
    c.add(leg("b-leg", 20, "sip:1@x", "sip:2@x", "call-id:a-leg", "session:abc"));
    c.add(leg("a-leg", 10, "sip:1@x", "sip:2@x"));
    c.add(leg("unrelated", 15, "sip:1@x", "sip:2@x"));
    List<CallGroup> groups = c.groups();
    assertEquals(1, groups.size());
    assertEquals(List.of("a-leg", "b-leg", "c-leg"), groups.get(0).callIds());
    assertEquals(List.of("session-id", "x-cid"), groups.get(0).linkedBy());
    assertEquals("header", groups.get(0).confidence());
  }

  @Test
  void sameCallerAndCalleeCloseInTimeAreLinkedOnlyWhenAskedAndMarkedHeuristic() {
    CallRecord a = leg("a", 0, "sip:+4930123456@x", "sip:+4940654321@y");
    CallRecord b = leg("b", 900, "sip:030123456@pbx", "sip:040654321@pbx");
    CallRecord late = leg("late", 60_000, "sip:+4930123456@x", "sip:+4940654321@y");
    LegCorrelator off = new LegCorrelator(false);
    LegCorrelator on = new LegCorrelator(true);
    for (CallRecord r : List.of(a, b, late)) {
      off.add(r);
      on.add(r);
    }
    assertTrue(off.groups().isEmpty());
    assertEquals(1, on.groups().size());
    assertEquals(List.of("a", "b"), on.groups().get(0).callIds());
    assertEquals("heuristic", on.groups().get(0).confidence());
  }

  @Test
  void groupsIdleForTenMinutesAreClosedKeptInTheResultAndForgotten() {
    LegCorrelator c = new LegCorrelator(false);
    c.add(leg("a", 0, "sip:1@x", "sip:2@x"));
    c.add(leg("b", 10, "sip:1@x", "sip:2@x", "call-id:a"));
    for (int i = 0; i < 2048; i++) {
      c.add(leg("later-" + i, 2 * 3_600_000L + i, "sip:1@x", "sip:2@x"));
    }
    assertEquals(2 * 2048, c.openNodes(), "only the recent legs and their Call-ID keys are held");
    assertEquals(List.of("a", "b"), c.groups().get(0).callIds());
    assertEquals(1, c.groups().size());
  }

  @Test
  void aLongStreamOfCallsHoldsOnlyTheLastTenMinutesOfLegs() {
    LegCorrelator c = new LegCorrelator(false);
    int calls = 100_000;   // one every 10 ms: 1,000 s of capture
    long maxOpen = 0;
    for (int i = 0; i < calls; i++) {
      c.add(leg("c" + i, 10L * i, "sip:1@x", "sip:2@x"));
      maxOpen = Math.max(maxOpen, c.openNodes());
    }
    long window = LegCorrelator.GROUP_IDLE.toMillis() / 10 + 1024;   // calls in ten minutes, plus one sweep
    assertTrue(maxOpen <= 2 * window, maxOpen + " nodes held, at most " + 2 * window + " expected");
    assertTrue(c.openNodes() < 2 * calls, "old legs were forgotten");
    assertTrue(c.groups().isEmpty());
  }

  @Test
  void sharedKeyOfASingleCallLinksNothing() {
    LegCorrelator c = new LegCorrelator(false);
    c.add(leg("only", 0, "sip:a@x", "sip:b@x", "icid:xyz"));
    assertTrue(c.groups().isEmpty());
  }
}
