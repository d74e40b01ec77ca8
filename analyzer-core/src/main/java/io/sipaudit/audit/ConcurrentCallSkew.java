package io.sipaudit.audit;

import io.sipaudit.audit.Auditor.Span;
import io.sipaudit.net.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Judges call-load balancing (Kamailio algorithm 10, least active calls): the backends should carry about as many
 * calls at a time. Compares each backend's share of the concurrent answered calls (sampled every second, from the
 * ledger) with an even share among the backends in rotation at the time.
 *
 * <p>Example: four backends picked in turn, but the calls on 10.0.0.1 last 20 s and the others 2 s: 10.0.0.1
 * carries 500 of the 650 call-seconds (76.9%) where an even load gives 25%. That happens when Kamailio does not
 * count the load down (no {@code ds_load_update()} on BYE), so algorithm 10 spreads new calls, not active ones.
 */
final class ConcurrentCallSkew {
  /** Seconds with at least one call needed to judge. */
  static final int MIN_SECONDS = 10;
  /** Average concurrent calls (over those seconds) needed to judge. */
  static final double MIN_MEAN_CALLS = 1.0;

  private ConcurrentCallSkew() {
  }

  /** Returns the finding, or null when the algorithm is not 10, there is too little load, or the load is even. */
  static @Nullable Finding find(Map<Endpoint, TreeMap<Long, Integer>> levels, List<Span> out, List<Endpoint> pool,
      BalancerHints hints, AuditPolicy policy) {
    if (hints.algorithm() == null || hints.algorithm() != 10 || pool.size() < 2 || levels.isEmpty()) {
      return null;
    }
    TreeSet<Long> seconds = new TreeSet<>();
    levels.values().forEach(m -> seconds.addAll(m.keySet()));
    int n = pool.size();
    double[] observed = new double[n];
    double[] expected = new double[n];
    long busySeconds = 0;
    int worstGap = 0;
    Instant worstAt = null;
    for (long s : seconds) {
      Instant t = Instant.ofEpochSecond(s, 500_000_000L);
      int total = 0;
      int max = Integer.MIN_VALUE;
      int min = Integer.MAX_VALUE;
      List<Integer> up = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int level = levels.getOrDefault(pool.get(i), new TreeMap<>()).getOrDefault(s, 0);
        total += level;
        if (!isOut(out, pool.get(i), t)) {
          up.add(i);
          max = Math.max(max, level);
          min = Math.min(min, level);
        }
      }
      if (total == 0 || up.isEmpty()) {
        continue;
      }
      busySeconds++;
      for (int i = 0; i < n; i++) {
        observed[i] += levels.getOrDefault(pool.get(i), new TreeMap<>()).getOrDefault(s, 0);
      }
      for (int i : up) {
        expected[i] += (double) total / up.size();
      }
      if (max - min > worstGap) {
        worstGap = max - min;
        worstAt = t;
      }
    }
    double sum = 0;
    for (double o : observed) {
      sum += o;
    }
    if (busySeconds < MIN_SECONDS || sum / busySeconds < MIN_MEAN_CALLS) {
      return null;
    }
    int worst = 0;
    for (int i = 1; i < n; i++) {
      if (Math.abs(observed[i] - expected[i]) > Math.abs(observed[worst] - expected[worst])) {
        worst = i;
      }
    }
    double deviation = Math.abs(observed[worst] - expected[worst]) / sum;
    if (deviation <= policy.maxShareDeviation()) {
      return null;
    }
    List<Evidence> ev = new ArrayList<>();
    Map<String, Object> perBackend = new LinkedHashMap<>();
    for (int i = 0; i < n && ev.size() < CallLedger.EVIDENCE; i++) {
      ev.add(new Evidence(null, null, null, String.format(Locale.ROOT, "%s: %.1f concurrent calls on average (%s),"
          + " an even load %.1f (%s)", pool.get(i), observed[i] / busySeconds, Auditor.pct(observed[i] / sum),
          expected[i] / busySeconds, Auditor.pct(expected[i] / sum))));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("meanConcurrent", observed[i] / busySeconds);
      row.put("share", observed[i] / sum);
      row.put("expectedShare", expected[i] / sum);
      perBackend.put(pool.get(i).toString(), row);
    }
    if (worstAt != null) {
      ev.add(new Evidence(null, null, worstAt, worstGap + " calls between the busiest and the idlest backend in"
          + " rotation"));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("seconds", busySeconds);
    details.put("meanConcurrent", sum / busySeconds);
    details.put("maxDeviation", deviation);
    details.put("largestGap", worstGap);
    details.put("backends", perBackend);
    Endpoint b = pool.get(worst);
    String msg = String.format(Locale.ROOT, "Under call-load balancing (Kamailio algorithm 10) the backends should"
        + " carry about as many calls at a time, but %s carried %s of the concurrent calls (%.1f on average) where"
        + " an even load gives %s (%d seconds with calls; at worst %d calls between the busiest and the idlest"
        + " backend)", b, Auditor.pct(observed[worst] / sum), observed[worst] / busySeconds,
        Auditor.pct(expected[worst] / sum), busySeconds, worstGap);
    return new Finding(FindingCode.CONCURRENT_CALL_SKEW, Severity.WARNING, b.toString(), null, null, null, msg, ev,
        "Let Kamailio count each destination's active calls: ds_hash_size > 0, a duid attribute on every"
        + " destination, ds_load_update() for BYE and CANCEL and ds_load_unset() for failed INVITEs; without them"
        + " algorithm 10 spreads new calls, not active ones (maxload= caps a destination)", details);
  }

  private static boolean isOut(List<Span> spans, Endpoint b, Instant t) {
    for (Span s : spans) {
      if (s.backend().equals(b) && !t.isBefore(s.from()) && (s.to() == null || t.isBefore(s.to()))) {
        return true;
      }
    }
    return false;
  }
}
