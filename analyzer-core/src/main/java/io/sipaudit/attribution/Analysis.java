package io.sipaudit.attribution;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.net.Endpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Sums attributed calls into the per-backend table, the outcome counts and the topology. Memory grows with the
 * number of backends and the capture's duration in seconds (for concurrency), not with the number of calls.
 *
 * <p>Example: after 90 calls of the failover lab sample, {@code outcomes()} is {@code answered=82,
 * failed_over_answered=8} and the backend table has .21 (offered 54) and .22 (offered 36, failovers in 8).
 */
public final class Analysis {
  private final TopologyBuilder topology = new TopologyBuilder();
  private final Map<CallOutcome, Long> outcomes = new EnumMap<>(CallOutcome.class);
  private final Map<Endpoint, Acc> backends = new TreeMap<>();
  private long calls;
  private long reachedBackend;
  private long pinningViolations;
  private final Histogram pdd = Percentiles.newHistogram();
  private final Histogram setup = Percentiles.newHistogram();
  private final Rfc6076Counter rfc6076 = new Rfc6076Counter();

  private static final class Acc {
    long offered;
    long attempts;
    long handled;
    long answered;
    long failed;
    long failoversIn;
    long failoversOut;
    final Map<String, Long> statuses = new TreeMap<>();
    final Histogram pdd = Percentiles.newHistogram();
    final Histogram setup = Percentiles.newHistogram();
    final TreeMap<Long, Integer> concurrency = new TreeMap<>();   // second -> change in answered calls
    final Rfc6076Counter rfc6076 = new Rfc6076Counter();
  }

  /** Sees every ingest event (for the probes). */
  public void event(IngestEvent e) {
    topology.probe(e);
  }

  /**
   * Adds one call as the user made it: a B2BUA/SBC group counts once, with the merged call's balancer, attempts
   * and backend; the nodes that bridged its legs are B2BUAs in the topology.
   */
  public void call(UserCall u) {
    call(u.call());
    u.b2buas().forEach(topology::bridged);
  }

  /** Adds one call. */
  public void call(AttributedCall c) {
    calls++;
    outcomes.merge(c.outcome(), 1L, Long::sum);
    topology.call(c);
    pinningViolations += c.pinningViolations().size();
    Percentiles.record(pdd, c.pddMs());
    Percentiles.record(setup, c.setupMs());
    if (c.balancer() != null || c.client() != null || !c.attempts().isEmpty()) {
      int status = c.finalStatus() == 0 && c.outcome() == CallOutcome.CANCELLED ? 487 : c.finalStatus();
      rfc6076.invite(status, c.srdMs(), c.completedByBye(), c.sddMs(), c.durationMs());
    }
    if (c.attempts().isEmpty() || c.backend() == null) {
      return;
    }
    reachedBackend++;
    acc(c.attempts().get(0).backend()).offered++;
    Acc last = acc(c.backend());
    last.handled++;
    if (c.failedOver()) {
      acc(c.attempts().get(0).backend()).failoversOut++;
      last.failoversIn++;
    }
    for (Attempt a : c.attempts()) {
      Acc b = acc(a.backend());
      b.attempts++;
      b.statuses.merge(a.status() > 0 ? Integer.toString(a.status()) : a.outcome().id(), 1L, Long::sum);
      if (a.outcome() == AttemptOutcome.ANSWERED) {
        b.answered++;
        Instant from = a.sent().plusMillis(a.setupMs() == null ? 0 : a.setupMs());
        Instant to = c.durationMs() == null ? c.call().end() : from.plusMillis(c.durationMs());
        long first = wholeSecondAtOrAfter(from);
        long after = wholeSecondAtOrAfter(to);
        if (after > first) {   // in progress at the whole seconds first .. after-1; a shorter call at none
          b.concurrency.merge(first, 1, Integer::sum);
          b.concurrency.merge(after, -1, Integer::sum);
        }
      } else if (a.outcome() == AttemptOutcome.REJECTED || a.outcome() == AttemptOutcome.TIMEOUT) {
        b.failed++;
      }
      Percentiles.record(b.pdd, a.pddMs());
      Percentiles.record(b.setup, a.setupMs());
      boolean answeredHere = a.outcome() == AttemptOutcome.ANSWERED;
      int status = a.status() == 0 && a.outcome() == AttemptOutcome.CANCELLED ? 487 : a.status();
      b.rfc6076.invite(status, a.srdMs(), answeredHere && c.completedByBye(), answeredHere ? c.sddMs() : null,
          answeredHere ? c.durationMs() : null);
    }
  }

  /** Lists {@code backend} in the per-backend table even if it gets no call (a configured destination). */
  public void expectBackend(Endpoint backend) {
    acc(backend);
  }

  private Acc acc(Endpoint e) {
    return backends.computeIfAbsent(e, k -> new Acc());
  }

  /** Returns the number of calls. */
  public long calls() {
    return calls;
  }

  /** Returns calls per outcome (every outcome present). */
  public Map<CallOutcome, Long> outcomes() {
    Map<CallOutcome, Long> all = new EnumMap<>(CallOutcome.class);
    for (CallOutcome o : CallOutcome.values()) {
      all.put(o, outcomes.getOrDefault(o, 0L));
    }
    return all;
  }

  /** Returns the total of in-dialog requests sent to another backend than the one that answered. */
  public long pinningViolations() {
    return pinningViolations;
  }

  /** Returns the caller-side post-dial delay over all calls. */
  public Percentiles pdd() {
    return Percentiles.of(pdd);
  }

  /** Returns the caller-side setup time over all answered calls. */
  public Percentiles setup() {
    return Percentiles.of(setup);
  }

  /** Returns the RFC 6076 metrics from the callers' side (one initial INVITE per call). */
  public Rfc6076 rfc6076() {
    return rfc6076.snapshot();
  }

  /** Returns the topology learned so far. */
  public List<Node> nodes() {
    return topology.nodes();
  }

  /**
   * Returns, per backend, how its answered calls in progress change by epoch second, sampled at each whole second as
   * a gauge is: a call answered at 10.2 s that ends at 13.5 s counts at 11, 12 and 13 (+1 at 11, -1 at 14), and a
   * call that starts and ends between two whole seconds counts at none. Read-only views; summing them in order
   * gives the level, so that the peak is the most calls in progress at one instant (at whole seconds) and the
   * mean the time average, without the upward bias of counting every call in progress at any time in a second.
   */
  public Map<Endpoint, java.util.NavigableMap<Long, Integer>> concurrencyChanges() {
    Map<Endpoint, java.util.NavigableMap<Long, Integer>> out = new TreeMap<>();
    backends.forEach((e, a) -> out.put(e, java.util.Collections.unmodifiableNavigableMap(a.concurrency)));
    return out;
  }

  /** Returns the first whole epoch second at or after {@code t}: 10.0 s gives 10, 10.2 s gives 11. */
  static long wholeSecondAtOrAfter(Instant t) {
    return t.getNano() == 0 ? t.getEpochSecond() : t.getEpochSecond() + 1;
  }

  /** Returns, per backend, the distribution of post-dial delay over its attempts. */
  public Map<Endpoint, DelayCurve> pddCurves() {
    Map<Endpoint, DelayCurve> out = new TreeMap<>();
    backends.forEach((e, a) -> out.put(e, DelayCurve.of(a.pdd)));
    return out;
  }

  /** Returns, per backend, the distribution of setup time over its answered attempts. */
  public Map<Endpoint, DelayCurve> setupCurves() {
    Map<Endpoint, DelayCurve> out = new TreeMap<>();
    backends.forEach((e, a) -> out.put(e, DelayCurve.of(a.setup)));
    return out;
  }

  /** Returns one row per backend, by address, including probed backends that were given no calls. */
  public List<BackendSummary> backends() {
    for (Node n : topology.nodes()) {
      if (n.role() == NodeRole.BACKEND) {
        acc(n.address());
      }
    }
    List<BackendSummary> out = new ArrayList<>();
    backends.forEach((e, a) -> {
      int level = 0;
      int peak = 0;
      long busySeconds = 0;
      long area = 0;
      Long prev = null;
      for (Map.Entry<Long, Integer> step : a.concurrency.entrySet()) {
        if (prev != null && level > 0) {
          busySeconds += step.getKey() - prev;
          area += (step.getKey() - prev) * level;
        }
        level += step.getValue();
        peak = Math.max(peak, level);
        prev = step.getKey();
      }
      double share = reachedBackend == 0 ? 0 : (double) a.handled / reachedBackend;
      out.add(new BackendSummary(e, a.offered, a.attempts, a.handled, share, a.answered, a.failed, a.failoversIn,
          a.failoversOut, a.statuses, Percentiles.of(a.pdd), Percentiles.of(a.setup), peak,
          busySeconds == 0 ? 0 : (double) area / busySeconds, a.rfc6076.snapshot()));
    });
    return out;
  }
}
