package io.sipaudit.dialog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ties B2BUA/SBC legs together: calls that share a correlation key ({@link CallRecord#correlationKeys()}) are
 * legs of one end-to-end call, transitively (A–B by X-CID and B–C by Session-ID make A, B and C one group).
 * The order in which calls arrive does not matter.
 *
 * <p>With {@code byParties}, calls from the same caller to the same callee (user parts, compared on their last
 * 8 digits when numeric) starting within 2–4 s of each other are linked too, marked {@code heuristic}.
 * A group that has had no new leg for {@link #GROUP_IDLE} of capture time is closed and its keys forgotten, so
 * memory follows the calls of the last ten minutes, not the whole capture (groups of two or more legs are kept,
 * small, until {@link #groups()}). Closing is amortised constant time per call: groups wait in a queue by the
 * time of their newest leg.
 */
public final class LegCorrelator {
  static final int PARTIES_WINDOW_SECONDS = 2;
  static final Duration GROUP_IDLE = Duration.ofMinutes(10);
  private static final int SWEEP_EVERY_CALLS = 1024;

  /** One set of the union-find: its legs, its keys, how they were tied, its newest leg. */
  private static final class Group {
    final List<String> legs = new ArrayList<>();      // "#callId#start"
    final List<String> keys = new ArrayList<>();
    final Set<String> kinds = new TreeSet<>();
    Instant newest = Instant.MIN;
    /** Merged into another group, or closed: no longer open. */
    boolean gone;
  }

  /** A group as it was when one of its legs was added; stale when the group got newer legs or is gone. */
  private record Queued(Group group, Instant newest) {}

  private final java.util.ArrayDeque<Queued> queue = new java.util.ArrayDeque<>();
  private final Set<Group> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private final boolean byParties;
  private final Map<String, Group> groupOf = new HashMap<>();   // node (leg or key) -> its group
  private final Map<String, Instant> starts = new HashMap<>();
  private final Map<String, String> keyKinds = new HashMap<>();
  private final List<CallGroup> closed = new ArrayList<>();
  private long added;

  public LegCorrelator(boolean byParties) {
    this.byParties = byParties;
  }

  /** Adds one call. */
  public void add(CallRecord c) {
    String leg = "#" + c.callId() + "#" + c.start();
    starts.put(leg, c.start());
    Group g = groupOf.computeIfAbsent(leg, k -> {
      Group fresh = new Group();
      open.add(fresh);
      return fresh;
    });
    if (g.legs.isEmpty() || !g.legs.contains(leg)) {
      g.legs.add(leg);
    }
    g.newest = c.start().isAfter(g.newest) ? c.start() : g.newest;
    for (String key : c.correlationKeys()) {
      String kind = kind(key, c);
      if (!kind.isEmpty()) {
        keyKinds.put(key, kind);   // a Call-ID is an x-cid link once any leg names it, whichever came first
      }
      union(leg, key, kind);
    }
    if (byParties) {
      String parties = parties(c);
      if (parties != null) {
        long bucket = c.start().getEpochSecond() / PARTIES_WINDOW_SECONDS;
        union(leg, "parties:" + parties + "@" + bucket, "parties");
        union(leg, "parties:" + parties + "@" + (bucket - 1) + "+", "parties");
        union(leg, "parties:" + parties + "@" + bucket + "+", "parties");
      }
    }
    Group now = groupOf.get(leg);
    queue.add(new Queued(now, now.newest));
    if (++added % SWEEP_EVERY_CALLS == 0) {
      closeIdle(c.start());
    }
  }

  private static String kind(String key, CallRecord c) {
    if (key.startsWith("call-id:")) {
      return key.equals("call-id:" + c.callId().toLowerCase(java.util.Locale.ROOT)) ? "" : "x-cid";
    }
    if (key.startsWith("session:")) {
      return "session-id";
    }
    if (key.startsWith("icid:")) {
      return "icid";
    }
    int second = key.indexOf(':', "header:".length());
    return key.startsWith("header:") && second > 0 ? key.substring(0, second) : key;
  }

  /** Returns every group of two or more legs, in the order of their first leg's start. */
  public List<CallGroup> groups() {
    List<CallGroup> out = new ArrayList<>(closed);
    for (Group g : distinctOpenGroups()) {
      report(g, out);
    }
    out.sort((a, b) -> a.firstStart().compareTo(b.firstStart()));
    return out;
  }

  private List<Group> distinctOpenGroups() {
    return new ArrayList<>(open);
  }

  private void report(Group g, List<CallGroup> out) {
    if (g.legs.size() < 2) {
      return;
    }
    List<String> legs = new ArrayList<>(g.legs);
    legs.sort((a, b) -> starts.get(a).compareTo(starts.get(b)));
    Set<String> kinds = new TreeSet<>(g.kinds);
    kinds.remove("");
    List<String> ids = legs.stream().map(n -> n.substring(1, n.lastIndexOf('#'))).toList();
    boolean heuristic = kinds.equals(Set.of("parties"));
    out.add(new CallGroup(ids, new ArrayList<>(kinds), heuristic ? "heuristic" : "header", starts.get(legs.get(0))));
  }

  /** Returns how many legs and keys are held (for tests of the memory bound). */
  int openNodes() {
    return groupOf.size();
  }

  /** Closes the groups whose newest leg is older than {@link #GROUP_IDLE} before {@code now}. */
  private void closeIdle(Instant now) {
    Instant cutoff = now.minus(GROUP_IDLE);
    while (!queue.isEmpty() && queue.peek().newest().isBefore(cutoff)) {
      Queued q = queue.poll();
      Group g = q.group();
      if (g.gone || g.newest.isAfter(q.newest())) {
        continue;   // merged or closed since, or a newer entry for it waits further back
      }
      g.gone = true;
      open.remove(g);
      report(g, closed);
      for (String leg : g.legs) {
        groupOf.remove(leg);
        starts.remove(leg);
      }
      for (String key : g.keys) {
        groupOf.remove(key);
        keyKinds.remove(key);
      }
    }
  }

  private static String parties(CallRecord c) {
    String from = user(c.from());
    String to = user(c.to());
    return from == null || to == null ? null : from + ">" + to;
  }

  private static String user(String uri) {
    int colon = uri.indexOf(':');
    int at = uri.indexOf('@');
    if (colon < 0 || at < colon) {
      return null;
    }
    String user = uri.substring(colon + 1, at);
    int semi = user.indexOf(';');
    if (semi >= 0) {
      user = user.substring(0, semi);
    }
    String digits = user.replaceAll("[^0-9]", "");
    return digits.length() >= 6 && digits.length() >= user.length() - 2
        ? digits.substring(Math.max(0, digits.length() - 8)) : user.toLowerCase(java.util.Locale.ROOT);
  }

  /** Joins the groups of a leg and a key; {@code kind} is recorded only when that ties legs to legs. */
  private void union(String leg, String key, String kind) {
    Group a = groupOf.get(leg);
    Group b = groupOf.get(key);
    if (b == null) {
      a.keys.add(key);
      groupOf.put(key, a);
      return;
    }
    if (a == b) {
      return;
    }
    if (!a.legs.isEmpty() && !b.legs.isEmpty()) {
      a.kinds.add(keyKinds.getOrDefault(key, kind));
    }
    Group big = a.legs.size() + a.keys.size() >= b.legs.size() + b.keys.size() ? a : b;
    Group small = big == a ? b : a;
    small.gone = true;
    open.remove(small);
    big.legs.addAll(small.legs);
    big.keys.addAll(small.keys);
    big.kinds.addAll(small.kinds);
    big.newest = small.newest.isAfter(big.newest) ? small.newest : big.newest;
    for (String n : small.legs) {
      groupOf.put(n, big);
    }
    for (String n : small.keys) {
      groupOf.put(n, big);
    }
  }
}
