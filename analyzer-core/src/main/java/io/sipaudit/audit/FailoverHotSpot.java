package io.sipaudit.audit;

import io.sipaudit.audit.Auditor.Span;
import io.sipaudit.net.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the hash-failover hot spot (kamailio#2361): with an algorithm that picks a slot and walks to the next
 * usable destination when the slot's is out (hashes 0–3, 5, 7, random 6, weight 9), a dead destination's whole
 * share lands on the one after it in the set, instead of being spread over all the others.
 *
 * <p>It compares each backend's share of the first picks while one destination was out of rotation (and no other)
 * with its share while all were up, from the ledger's first picks per second: memory does not grow with calls.
 * Example, lab sample hash-callid-alg0-kill (set order .14, .13, .12, .11; .13 killed): 127.0.5.12 took 33 of the
 * 71 first picks while .13 was out (46%) against 23% while all were up; .11 and .14 stayed near 25%.
 */
final class FailoverHotSpot {
  /** Calls needed while all were up, and while the destination was out, to compare shares. */
  static final long MIN_CALLS = 10;
  /** Part of the dead destination's lost share one neighbour must have taken. */
  static final double MIN_PART = 0.5;

  private FailoverHotSpot() {
  }

  /**
   * Returns one finding per out-of-rotation span after which one backend took most of the dead one's share,
   * when {@code hints} name an algorithm that walks to the neighbour; with the set order known, only when that
   * backend is the next one in Kamailio's order.
   */
  static List<Finding> find(Map<Long, Map<Endpoint, Integer>> picksBySecond, List<Span> out, List<Endpoint> pool,
      BalancerHints hints, AuditPolicy policy) {
    List<Finding> findings = new ArrayList<>();
    if (!hints.skipWalksToNeighbour() || pool.size() < 3) {
      return findings;
    }
    long[] base = new long[pool.size()];
    for (Map.Entry<Long, Map<Endpoint, Integer>> e : picksBySecond.entrySet()) {
      if (outAt(out, mid(e.getKey())).isEmpty()) {
        add(base, pool, e.getValue());
      }
    }
    for (Span s : merged(out)) {
      int dead = pool.indexOf(s.backend());
      if (dead < 0) {
        continue;
      }
      long[] during = new long[pool.size()];
      for (Map.Entry<Long, Map<Endpoint, Integer>> e : picksBySecond.entrySet()) {
        Instant t = mid(e.getKey());
        if (inside(s, t) && outAt(out, t).equals(List.of(s.backend()))) {
          add(during, pool, e.getValue());
        }
      }
      Finding f = judge(s, dead, base, during, pool, hints, policy);
      if (f != null) {
        findings.add(f);
      }
    }
    return findings;
  }

  private static @Nullable Finding judge(Span s, int dead, long[] base, long[] during, List<Endpoint> pool,
      BalancerHints hints, AuditPolicy policy) {
    long b = sum(base);
    long d = sum(during);
    if (b < MIN_CALLS || d < MIN_CALLS) {
      return null;
    }
    double lost = share(base, dead, b) - share(during, dead, d);
    int top = -1;
    for (int i = 0; i < pool.size(); i++) {
      if (i != dead && (top < 0 || gain(i, base, b, during, d) > gain(top, base, b, during, d))) {
        top = i;
      }
    }
    double gain = gain(top, base, b, during, d);
    if (lost <= 0 || gain < MIN_PART * lost || gain <= policy.maxShareDeviation()) {
      return null;
    }
    Endpoint deadOne = pool.get(dead);
    Endpoint hot = pool.get(top);
    Endpoint predicted = neighbour(hints.setOrder(), deadOne);
    if (predicted != null && !predicted.equals(hot)) {
      return null;   // someone else gained: not the skip walk's doing
    }
    List<String> others = new ArrayList<>();
    List<Evidence> ev = new ArrayList<>();
    Map<String, Object> perBackend = new LinkedHashMap<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> -gain(i, base, b, during, d)));
    for (int i : order) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("allUpCalls", base[i]);
      row.put("allUpShare", share(base, i, b));
      row.put("whileOutCalls", during[i]);
      row.put("whileOutShare", share(during, i, d));
      perBackend.put(pool.get(i).toString(), row);
      ev.add(new Evidence(null, null, null, String.format(Locale.ROOT, "%s: %d of %d first picks (%s) while %s was"
          + " out, %d of %d (%s) while all were up", pool.get(i), during[i], d, Auditor.pct(share(during, i, d)),
          deadOne, base[i], b, Auditor.pct(share(base, i, b)))));
      if (i != top && i != dead) {
        others.add(pool.get(i) + " " + Auditor.pct(share(during, i, d)) + ", " + Auditor.pct(share(base, i, b))
            + " while all were up");
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("algorithm", hints.algorithm());
    details.put("outBackend", deadOne.toString());
    details.put("neighbour", hot.toString());
    details.put("neighbourPredicted", predicted != null);
    details.put("callsWhileOut", d);
    details.put("callsAllUp", b);
    details.put("neighbourShareWhileOut", share(during, top, d));
    details.put("neighbourShareAllUp", share(base, top, b));
    details.put("outShareAllUp", share(base, dead, b));
    details.put("partOfLostShareTaken", gain / lost);
    details.put("backends", perBackend);
    String when = s.to() == null ? "from " + s.from() + " to the end of the capture"
        : "from " + s.from() + " to " + s.to();
    String msg = "While " + deadOne + " was out of rotation (" + when + "), " + hot + " took "
        + Auditor.pct(share(during, top, d)) + " of the first picks (" + during[top] + " of " + d + " calls) against "
        + Auditor.pct(share(base, top, b)) + " while all were up" + (others.isEmpty() ? ""
        : "; the others: " + String.join("; ", others)) + ". Kamailio algorithm "
        + hints.algorithm() + " gives a dead destination's whole share to the next usable one in the set"
        + (predicted != null ? " (" + hot + " follows " + deadOne + ")" : "") + ", kamailio#2361";
    return new Finding(FindingCode.HASH_FAILOVER_HOTSPOT, Severity.WARNING, hot.toString(), s.from(), s.to(),
        during[top], msg, ev, "Size each backend for its own share plus that of the destination before it in the"
        + " set (it takes all of it when that one dies), or use an algorithm that spreads over the destinations"
        + " still up: 4 (round robin), 10 (call load) or 11 (relative weight) where calls need not stick to a"
        + " backend by key; Kamailio 5.6 to 6.1 cannot spread a dead destination's hash slots (PRs #2362/#2363"
        + " were not merged)", details);
  }

  /** Returns the destination after {@code dead} in the set's order (wrapping), or null when unknown. */
  static @Nullable Endpoint neighbour(List<Endpoint> setOrder, Endpoint dead) {
    int i = setOrder.indexOf(dead);
    return i < 0 || setOrder.size() < 2 ? null : setOrder.get((i + 1) % setOrder.size());
  }

  private static double gain(int i, long[] base, long b, long[] during, long d) {
    return share(during, i, d) - share(base, i, b);
  }

  private static double share(long[] counts, int i, long total) {
    return total == 0 ? 0 : (double) counts[i] / total;
  }

  private static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }

  private static void add(long[] into, List<Endpoint> pool, Map<Endpoint, Integer> picks) {
    picks.forEach((b, n) -> {
      int i = pool.indexOf(b);
      if (i >= 0) {
        into[i] += n;
      }
    });
  }

  private static Instant mid(long second) {
    return Instant.ofEpochSecond(second, 500_000_000L);
  }

  private static boolean inside(Span s, Instant t) {
    return !t.isBefore(s.from()) && (s.to() == null || t.isBefore(s.to()));
  }

  /** Returns the distinct backends out at {@code t}, in span order. */
  private static List<Endpoint> outAt(List<Span> spans, Instant t) {
    List<Endpoint> out = new ArrayList<>();
    for (Span s : spans) {
      if (inside(s, t) && !out.contains(s.backend())) {
        out.add(s.backend());
      }
    }
    return out;
  }

  /** Returns the spans with overlapping ones of the same backend joined, by start. */
  static List<Span> merged(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparing(Span::backend).thenComparing(Span::from));
    List<Span> out = new ArrayList<>();
    for (Span s : sorted) {
      Span last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.backend().equals(s.backend()) && (last.to() == null || !s.from().isAfter(last.to()))) {
        Instant to = last.to() == null || s.to() == null ? null : (s.to().isAfter(last.to()) ? s.to() : last.to());
        out.set(out.size() - 1, new Span(last.backend(), last.from(), to));
      } else {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing(Span::from));
    return out;
  }
}
