package io.sipaudit.audit;

import static java.util.Objects.requireNonNull;

import io.sipaudit.health.DownInterval;
import io.sipaudit.health.HealthTracker;
import io.sipaudit.health.ProbeSummary;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.simulate.CallArrival;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns the ledger of calls, the health tracker and the expectation into findings.
 *
 * <p>Example: the failover lab sample (primary killed at 4 s, restarted at 12 s) gives {@code BACKEND_DOWN}
 * for 127.0.1.21:5060 from about 4 s to about 12 s, {@code TRAFFIC_TO_DOWN_BACKEND} for the calls that found it
 * dead, and {@code FAILOVER} with count 8; no {@code CALLS_LOST}.
 */
public final class Auditor {
  private final AuditPolicy policy;
  private final Expectation expectation;
  private final BalancerHints hints;

  public Auditor(AuditPolicy policy, Expectation expectation, BalancerHints hints) {
    this.policy = requireNonNull(policy, "policy");
    this.expectation = requireNonNull(expectation, "expectation");
    this.hints = requireNonNull(hints, "hints");
  }

  /**
   * Audits. {@code backends} are the backends known from the traffic (attempts, probes) and the configuration;
   * the health tracker must be finished.
   */
  public AuditResult audit(CallLedger ledger, HealthTracker health, Collection<Endpoint> backends) {
    Set<Endpoint> pool = new TreeSet<>(backends);
    pool.addAll(ledger.picksPerSecond.keySet());
    pool.addAll(ledger.attemptsAnsweredFailed.keySet());
    if (expectation instanceof Expectation.Weighted w) {
      w.shares().forEach(s -> pool.add(s.backend()));
    } else if (expectation instanceof Expectation.Simulated s) {
      pool.addAll(s.set());
    }
    List<DownInterval> down = health.downIntervals().stream().filter(d -> pool.contains(d.destination())).toList();
    List<ProbeSummary> probes = health.probes().stream().filter(p -> pool.contains(p.destination())).toList();
    Instant end = health.last() != null ? health.last() : Instant.EPOCH;
    List<Finding> findings = new ArrayList<>();
    long toDown = 0;
    for (DownInterval d : down) {
      findings.add(backendDown(d, end));
      if (d.callsSent() > 0) {
        toDown += d.callsSent();
        findings.add(trafficToDown(d));
      }
    }
    if (ledger.failovers > 0) {
      findings.add(failover(ledger));
    }
    if (ledger.lost() > 0) {
      findings.add(lost(ledger, down, pool));
    }
    if (ledger.pinningViolations > 0) {
      findings.add(new Finding(FindingCode.DIALOG_PINNING_VIOLATION, Severity.ERROR,
          ledger.pinningAt.size() == 1 ? ledger.pinningAt.keySet().iterator().next().toString() : null, null, null,
          ledger.pinningViolations, ledger.pinningViolations + " in-dialog requests went to another backend than the"
          + " one that answered the call", ledger.pinningEvidence,
          "Record-Route on the balancer (record_route()) and loose_route() for in-dialog requests, so they follow"
          + " the dialog's route set instead of being dispatched again", Map.of("byBackend", names(ledger.pinningAt))));
    }
    probeFindings(findings, probes, pool, ledger, down, end);
    List<Span> out = unavailable(down, probes);
    findings.addAll(FailoverHotSpot.find(ledger.picksBySecond(), out, new ArrayList<>(pool), hints, policy));
    Finding concurrent = ConcurrentCallSkew.find(ledger.concurrentCalls(), out, new ArrayList<>(pool), hints, policy);
    if (concurrent != null) {
      findings.add(concurrent);
    }
    DistributionReport dist = distribution(ledger, out, new ArrayList<>(pool), expectation);
    Finding skew = dist == null ? null : skew(dist, ledger, expectation);
    DominantKey key = dist == null ? null : DominantKey.find(ledger, dist.rows().size());
    if (skew != null && key != null && key.backend().toString().equals(top(dist))) {
      skew = key.explain(skew, null);
    } else if (skew == null && key != null && !(expectation instanceof Expectation.Equal)) {
      // The balancer did as configured, but a hash is meant to spread calls evenly: one key value defeats it.
      DistributionReport even = distribution(ledger, out, new ArrayList<>(pool), new Expectation.Equal());
      Finding evenSkew = even == null ? null : skew(even, ledger, new Expectation.Equal());
      if (evenSkew != null && key.backend().toString().equals(top(even))) {
        String asExpected = "Calls are not spread as expected (" + even.expectation() + ")";
        String msg = "Calls are not spread evenly, as hashing is meant to (they are placed as " + expectation.source()
            + " predicts)" + (evenSkew.message().startsWith(asExpected)
            ? evenSkew.message().substring(asExpected.length()) : ": " + evenSkew.message());
        skew = key.explain(new Finding(evenSkew.code(), evenSkew.severity(), evenSkew.backend(), evenSkew.start(),
            evenSkew.end(), evenSkew.count(), msg, evenSkew.evidence(), evenSkew.remedy(), evenSkew.details()),
            "equal shares");
      }
    }
    if (skew != null) {
      findings.add(skew);
    }
    Finding weights = weightsIgnored();
    if (weights != null) {
      findings.add(weights);
    }
    findings.sort(Comparator.comparing(Finding::severity)
        .thenComparing(f -> f.start() == null ? Instant.MIN : f.start())
        .thenComparing(Finding::code));
    Map<String, Double> ratios = new LinkedHashMap<>();
    ledger.attemptsAnsweredFailed.forEach((b, a) -> ratios.put(b.toString(), a[0] == 0 ? 1.0 : (double) a[1] / a[0]));
    return new AuditResult(findings, dist, down, probes, ledger.calls, ledger.failovers, ledger.lost(), toDown,
        ratios);
  }

  // ---- health ----

  private static Finding backendDown(DownInterval d, Instant captureEnd) {
    List<Evidence> ev = new ArrayList<>();
    ev.add(new Evidence(null, frame(d.firstUnanswered()), d.start(), "first request left unanswered"));
    if (d.recoveredBy() != null) {
      ev.add(new Evidence(null, frame(d.recoveredBy()), d.end(), "first response again"));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unanswered", d.unanswered());
    details.put("unansweredProbes", d.unansweredProbes());
    details.put("callsSent", d.callsSent());
    details.put("seconds", d.length(captureEnd).toMillis() / 1000.0);
    List<Map<String, Object>> events = new ArrayList<>();
    events.add(event("stopped_answering", d.start()));
    if (d.lastCallSent() != null) {
      events.add(event("last_call_sent", d.lastCallSent()));
    }
    if (d.end() != null) {
      events.add(event("answered_again", d.end()));
    }
    if (d.backInRotation() != null) {
      events.add(event("back_in_rotation", d.backInRotation()));
    }
    details.put("events", events);
    String how = d.unanswered() + " requests unanswered: " + d.unansweredProbes() + " probes, " + d.callsSent()
        + " calls";
    String msg = d.destination() + " answered nothing for " + seconds(d.length(captureEnd)) + " from "
        + d.start() + " (" + how + ")" + (d.end() == null ? ", until the end of the capture"
        : "; it answered again at " + d.end()
        + (d.backInRotation() == null ? "" : " and got calls again from " + d.backInRotation()));
    return new Finding(FindingCode.BACKEND_DOWN, Severity.ERROR, d.destination().toString(), d.start(), d.end(),
        null, msg, ev, "Find out why " + d.destination() + " stopped answering (process, host, network);"
        + " the balancer should take it out of rotation by probing (ds_ping_interval, ds_probing_mode=1)",
        details);
  }

  private static Finding trafficToDown(DownInterval d) {
    List<Evidence> ev = new ArrayList<>();
    for (String id : d.callIds()) {
      ev.add(new Evidence(id, null, null, "INVITE to " + d.destination() + " left unanswered"));
    }
    Instant first = requireNonNull(d.firstCallSent());
    Instant last = requireNonNull(d.lastCallSent());
    String msg = d.callsSent() + (d.callsSent() == 1 ? " call was" : " calls were") + " sent to "
        + d.destination() + " while it answered nothing (" + seconds(Duration.between(d.start(), last))
        + " after it stopped answering the balancer still sent it calls)";
    return new Finding(FindingCode.TRAFFIC_TO_DOWN_BACKEND, Severity.WARNING, d.destination().toString(), first,
        last, d.callsSent(), msg, ev, "Take dead destinations out of rotation sooner: mark them on failure"
        + " (ds_mark_dst() in the failure_route) and probe them (ds_ping_interval, ds_probing_threshold)",
        Map.of("callsSent", d.callsSent()));
  }

  private void probeFindings(List<Finding> out, List<ProbeSummary> probes, Set<Endpoint> pool, CallLedger ledger,
      List<DownInterval> down, Instant end) {
    Set<Endpoint> probed = new HashSet<>();
    for (ProbeSummary p : probes) {
      probed.add(p.destination());
      ProbeSummary.Stats iv = p.intervalMs();
      if (p.gaps() > 0 && iv != null) {
        List<Evidence> ev = new ArrayList<>();
        boolean stopped = false;
        for (ProbeSummary.Gap g : p.largestGaps()) {
          stopped |= g.toEnd();
          ev.add(new Evidence(null, null, g.from(), g.toEnd() ? "no probe after this until the end of the capture ("
              + g.ms() + " ms)" : "no probe for " + g.ms() + " ms, until " + g.to()));
        }
        ProbeSummary.Gap longest = p.largestGaps().isEmpty() ? null : p.largestGaps().get(0);
        String msg = "Probes from " + p.prober() + " to " + p.destination() + " are irregular: " + p.gaps()
            + (p.gaps() == 1 ? " gap" : " gaps") + " longer than " + HealthTracker.gapThreshold(iv.median())
            + " ms where the usual interval is " + iv.median() + " ms" + (longest == null || longest.toEnd() ? ""
            : " (the longest " + longest.ms() + " ms, from " + longest.from() + ")") + (stopped ? "; probing"
            + " stopped before the end of the capture" : "");
        out.add(new Finding(FindingCode.PROBE_IRREGULAR, Severity.WARNING, p.destination().toString(),
            longest == null ? null : longest.from(), longest == null || longest.toEnd() ? null : longest.to(), null,
            msg, ev, stopped ? PROBING_STOPPED : "Check whether probing was switched off for a while"
                + " (Kamailio: kamcmd dispatcher.ping_active 0), the balancer's timer load (ds_timer_mode) and that"
                + " the probes are not lost on the way", probeDetails(p)));
      }
      Integer pingSeconds = hints.pingInterval();
      if (iv == null && pingSeconds != null && pingSeconds > 0) {
        // One probe only: no usual interval to compare with, but the configuration says how often to expect one.
        long quiet = Duration.between(p.last(), end).toMillis();
        if (quiet >= HealthTracker.gapThreshold(pingSeconds * 1000L)) {
          out.add(new Finding(FindingCode.PROBE_IRREGULAR, Severity.WARNING, p.destination().toString(), p.last(),
              null, null, "Probes from " + p.prober() + " to " + p.destination() + " stopped: one probe, then none"
              + " for " + quiet + " ms until the end of the capture, where " + hints.source() + " sets"
              + " ds_ping_interval " + pingSeconds + " s", List.of(new Evidence(null, null, p.last(),
              "no probe after this until the end of the capture (" + quiet + " ms)")), PROBING_STOPPED,
              probeDetails(p)));
        }
      }
      if (policy.probeInterval() != null && iv != null && iv.median() > policy.probeInterval().toMillis()) {
        out.add(new Finding(FindingCode.PROBE_IRREGULAR, Severity.WARNING, p.destination().toString(), p.first(),
            p.last(), null, "Probes from " + p.prober() + " to " + p.destination() + " come every " + iv.median()
            + " ms; the policy requires at most " + policy.probeInterval().toMillis() + " ms", List.of(),
            "Lower ds_ping_interval", probeDetails(p)));
      }
      long badReplies = p.failed() - p.timedOut();
      if (badReplies > 0) {
        Map<String, Long> codes = new TreeMap<>(p.replyCodes());
        codes.keySet().removeIf(c -> c.startsWith("2"));
        List<ProbeSummary.Refusal> runs = p.refused();
        Instant from = runs.isEmpty() ? p.first() : runs.get(0).from();
        Instant until = runs.isEmpty() ? p.last() : runs.get(runs.size() - 1).until();
        List<Evidence> ev = new ArrayList<>();
        for (ProbeSummary.Refusal r : runs.subList(0, Math.min(runs.size(), CallLedger.EVIDENCE))) {
          ev.add(new Evidence(null, frame(r.firstProbe()), r.from(), p.method() + " answered " + r.code()
              + (r.until() == null ? ", and no probe succeeded after it" : "; the next successful probe at "
              + r.until())));
        }
        String when = runs.isEmpty() ? "" : "; refused from " + from + (until == null ? " until the end of the"
            + " capture" : " until " + until) + (runs.size() > 1 ? " (" + runs.size() + " runs)" : "")
            + ": the balancer takes such a destination out of rotation";
        Map<String, Object> details = probeDetails(p);
        details.put("refusedRuns", runs.size());
        out.add(new Finding(FindingCode.PROBE_REPLY_FAILURE, Severity.WARNING, p.destination().toString(),
            from, until, null, badReplies + " probes from " + p.prober() + " to " + p.destination()
            + " were answered with codes the balancer counts as failure: " + codes + when, ev,
            "Make the backend answer OPTIONS with 200, or accept its code with ds_ping_reply_codes"
            + " (e.g. \"class=4\" would also hide a dead host: the local timeout is 408)", details));
      }
    }
    boolean anyProbes = !probes.isEmpty();
    Set<Endpoint> downOnes = new HashSet<>();
    down.forEach(d -> downOnes.add(d.destination()));
    for (Endpoint b : pool) {
      if (probed.contains(b) || !ledger.attemptsAnsweredFailed.containsKey(b)) {
        continue;
      }
      boolean serious = anyProbes || downOnes.contains(b);
      String why = anyProbes ? "the balancer probes other destinations but never " + b
          : "no health-check probes at all in the capture";
      out.add(new Finding(FindingCode.PROBE_MISSING, serious ? Severity.WARNING : Severity.INFO, b.toString(), null,
          null, null, b + " takes calls but is never probed (" + why + ")" + (downOnes.contains(b)
          ? "; it went down, and nothing checks when it comes back" : "") + (hints.pingInterval() != null
          && hints.pingInterval() == 0 ? "; " + hints.source() + " sets no ds_ping_interval" : ""), List.of(),
          "Probe every destination: modparam(\"dispatcher\", \"ds_ping_interval\", 10) and ds_probing_mode 1 (with"
          + " mode 0 only destinations flagged for probing, flags 8 in dispatcher.list, are probed)",
          Map.of()));
    }
  }

  private static final String PROBING_STOPPED = "With ds_probing_mode=0 only destinations flagged for probing are"
      + " probed, and Kamailio clears the flag once one answers; use mode 1 to probe every destination continuously";

  private static Map<String, Object> probeDetails(ProbeSummary p) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("prober", p.prober().toString());
    d.put("sent", p.sent());
    d.put("answered", p.answered());
    d.put("timedOut", p.timedOut());
    d.put("failed", p.failed());
    d.put("replyCodes", new TreeMap<>(p.replyCodes()));
    if (p.intervalMs() != null) {
      d.put("intervalMedianMs", p.intervalMs().median());
      d.put("intervalMaxMs", p.intervalMs().max());
    }
    d.put("gaps", p.gaps());
    return d;
  }

  // ---- failover and lost calls ----

  private static Finding failover(CallLedger l) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("fromBackend", names(l.failoversFrom));
    if (l.failoverDelay.getTotalCount() > 0) {
      d.put("addedDelayMedianMs", l.failoverDelay.getValueAtPercentile(50));
      d.put("addedDelayP95Ms", l.failoverDelay.getValueAtPercentile(95));
    }
    String delay = l.failoverDelay.getTotalCount() == 0 ? "" : "; failover added "
        + l.failoverDelay.getValueAtPercentile(50) + " ms (median) to call setup";
    String backend = l.failoversFrom.size() == 1 ? l.failoversFrom.keySet().iterator().next().toString() : null;
    return new Finding(FindingCode.FAILOVER, Severity.WARNING, backend, null, null, l.failovers,
        l.failovers + (l.failovers == 1 ? " call was" : " calls were") + " retried on another backend after their"
        + " first one failed (" + describe(l.failoversFrom) + ")" + delay, l.failoverEvidence,
        "Failover saved these calls; a shorter fr_inv_timer/fr_timer on the balancer shortens the delay", d);
  }

  private Finding lost(CallLedger l, List<DownInterval> down, Set<Endpoint> pool) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("notRetried", l.lostNotRetried);
    d.put("failedEverywhere", l.lostAllFailed);
    d.put("noDestination", l.lostNoDestination);
    List<String> parts = new ArrayList<>();
    if (l.lostNotRetried > 0) {
      parts.add(l.lostNotRetried + " failed on their only backend and were not retried elsewhere");
    }
    if (l.lostAllFailed > 0) {
      parts.add(l.lostAllFailed + " failed on every backend tried");
    }
    if (l.lostNoDestination > 0) {
      parts.add(l.lostNoDestination + " were rejected by the balancer itself, no backend left");
    }
    String cause = "";
    String remedy = null;
    if (l.lostNotRetried > 0) {
      // Another backend that answers calls, and was not down when the call was lost, could have taken it.
      List<Span> downSpans = down.stream().map(x -> new Span(x.destination(), x.start(), x.end())).toList();
      boolean othersUp = l.notRetried.stream().anyMatch(lost -> pool.stream()
          .filter(b -> !b.equals(lost.backend()))
          .filter(b -> l.attemptsAnsweredFailed.getOrDefault(b, new long[3])[1] > 0)
          .anyMatch(b -> !isDown(downSpans, b, lost.at())));
      if (othersUp) {
        List<String> why = new ArrayList<>();
        if (hints.dispatcherFlags() != null && (hints.dispatcherFlags() & 2) == 0) {
          why.add("the dispatcher flags (" + hints.dispatcherFlags() + ") lack failover support (flag 2)");
        }
        if (Boolean.FALSE.equals(hints.failoverRoute())) {
          why.add("no failure_route calls ds_next_dst()");
        }
        cause = "; other backends were answering at the time, so failover is likely not enabled"
            + (why.isEmpty() ? "" : " (" + hints.source() + ": " + String.join("; ", why) + ")");
        remedy = "Enable failover: modparam(\"dispatcher\", \"flags\", 2), arm t_on_failure(\"...\") before t_relay(),"
            + " and in that failure_route, on t_check_status(\"408|5[0-9][0-9]\") or t_branch_timeout(), call"
            + " ds_mark_dst(), ds_next_dst() and t_relay() again";
        d.put("failoverLikelyDisabled", true);
      }
    }
    if (remedy == null && l.lostNoDestination > 0) {
      remedy = "Every destination was down or disabled: add capacity or a last-resort destination (use_default)";
    }
    return new Finding(FindingCode.CALLS_LOST, Severity.ERROR, l.notRetriedAt.size() == 1 && l.lostAllFailed == 0
        && l.lostNoDestination == 0 ? l.notRetriedAt.keySet().iterator().next().toString() : null, null, null,
        l.lost(), l.lost() + (l.lost() == 1 ? " call was" : " calls were") + " lost: " + String.join(", ", parts)
        + cause, l.lostEvidence, remedy, d);
  }

  // ---- distribution ----

  /**
   * Returns when each backend was out of the balancer's rotation: from when it stopped answering until it got a
   * call again; when it got none, until it answered again plus three probe intervals (the balancer needs some
   * successful probes to take it back: ds_inactive_threshold). Likewise from the first probe it refused (answered
   * with a failure code) until three probe intervals after the next successful probe.
   */
  private static List<Span> unavailable(List<DownInterval> down, List<ProbeSummary> probes) {
    List<Span> out = new ArrayList<>();
    for (ProbeSummary p : probes) {
      long interval = p.intervalMs() == null ? 0 : p.intervalMs().median();
      for (ProbeSummary.Refusal r : p.refused()) {
        out.add(new Span(p.destination(), r.from(), r.until() == null ? null : r.until().plusMillis(3 * interval)));
      }
    }
    for (DownInterval d : down) {
      Instant until = d.backInRotation();
      if (until == null && d.end() != null) {
        long interval = probes.stream().filter(p -> p.destination().equals(d.destination()) && p.intervalMs() != null)
            .mapToLong(p -> p.intervalMs().median()).max().orElse(0);
        until = d.end().plusMillis(3 * interval);
      }
      if (until != null && d.end() != null && until.isBefore(d.end())) {
        until = d.end();
      }
      out.add(new Span(d.destination(), d.start(), until));
    }
    return out;
  }

  /** A time a backend was out: from {@code from}, until {@code to} (null: the end of the capture). */
  record Span(Endpoint backend, Instant from, @Nullable Instant to) {}


  /** Returns the backend with the largest observed share. */
  private static String top(DistributionReport r) {
    return r.rows().stream().max(Comparator.comparingDouble(DistributionReport.Row::observedShare))
        .map(x -> x.backend().toString()).orElse("");
  }

  private @Nullable DistributionReport distribution(CallLedger l, List<Span> down, List<Endpoint> pool,
      Expectation expectation) {
    if (l.picksPerSecond.isEmpty()) {
      return null;
    }
    int n = pool.size();
    double[] expected = new double[n];
    long[] observed = new long[n];
    long excluded = 0;
    long windowSeconds = Math.max(1, policy.skewWindow().getSeconds());
    Map<Long, double[]> wExp = new TreeMap<>();
    Map<Long, long[]> wObs = new TreeMap<>();
    Double agreement = null;
    long disagreed = 0;
    List<DistributionReport.Disagreement> disagreements = new ArrayList<>();
    if (expectation instanceof Expectation.Simulated sim) {
      List<CallArrival> arrivals = new ArrayList<>(l.arrivals());
      arrivals.sort(Comparator.comparing(CallArrival::time));
      long agree = 0;
      long tested = 0;
      for (CallArrival a : arrivals) {
        String predicted = sim.predictor().predict(a);
        boolean anyDown = sim.set().stream().anyMatch(b -> isDown(down, b, a.time()));
        int o = indexOf(pool, a.observedFirstPick());
        int p = indexOf(pool, predicted);
        if (anyDown || o < 0) {
          excluded++;
          continue;
        }
        tested++;
        observed[o]++;
        long w = a.time().getEpochSecond() / windowSeconds;
        wObs.computeIfAbsent(w, k -> new long[n])[o]++;
        if (p >= 0) {
          expected[p]++;
          wExp.computeIfAbsent(w, k -> new double[n])[p]++;
        }
        if (p == o) {
          agree++;
        } else {
          disagreed++;
          if (disagreements.size() < DistributionReport.DISAGREEMENTS) {
            disagreements.add(new DistributionReport.Disagreement(a.callId(), a.time(), pool.get(o),
                predicted == null ? "none" : predicted));
          }
        }
      }
      agreement = tested == 0 ? null : (double) agree / tested;
    } else {
      for (Map.Entry<Long, Map<Endpoint, Integer>> e : l.picksBySecond().entrySet()) {
        Instant t = Instant.ofEpochSecond(e.getKey(), 500_000_000L);
        Set<Endpoint> up = new HashSet<>();
        for (Endpoint b : pool) {
          if (!isDown(down, b, t)) {
            up.add(b);
          }
        }
        double[] shares = expectation instanceof Expectation.Weighted w ? w.shares(pool, up) : equal(pool, up);
        double sum = 0;
        for (double s : shares) {
          sum += s;
        }
        long here = 0;
        for (Map.Entry<Endpoint, Integer> pick : e.getValue().entrySet()) {
          if (sum == 0 || !up.contains(pick.getKey())) {
            excluded += pick.getValue();
            continue;
          }
          int i = pool.indexOf(pick.getKey());
          observed[i] += pick.getValue();
          here += pick.getValue();
          wObs.computeIfAbsent(e.getKey() / windowSeconds, k -> new long[n])[i] += pick.getValue();
        }
        double[] we = wExp.computeIfAbsent(e.getKey() / windowSeconds, k -> new double[n]);
        for (int i = 0; i < n; i++) {
          expected[i] += here * shares[i];
          we[i] += here * shares[i];
        }
      }
    }
    GoodnessOfFit.Fit fit = GoodnessOfFit.test(expected, observed);
    DistributionReport.Window worst = null;
    int windows = 0;
    if (wObs.size() > 1) {
      for (Map.Entry<Long, long[]> w : wObs.entrySet()) {
        long calls = 0;
        for (long c : w.getValue()) {
          calls += c;
        }
        if (calls < policy.minWindowCalls()) {
          continue;
        }
        windows++;
        GoodnessOfFit.Fit f = GoodnessOfFit.test(wExp.getOrDefault(w.getKey(), new double[n]), w.getValue());
        if (worst == null || f.pValue() < worst.fit().pValue()) {
          Instant s = Instant.ofEpochSecond(w.getKey() * windowSeconds);
          worst = new DistributionReport.Window(s, s.plusSeconds(windowSeconds), f);
        }
      }
    }
    List<DistributionReport.Row> rows = new ArrayList<>();
    double totalExp = 0;
    for (double e : expected) {
      totalExp += e;
    }
    for (int i = 0; i < n; i++) {
      rows.add(new DistributionReport.Row(pool.get(i), observed[i], expected[i],
          fit.calls() == 0 ? 0 : (double) observed[i] / fit.calls(), totalExp == 0 ? 0 : expected[i] / totalExp));
    }
    return new DistributionReport(expectation.source(), rows, fit, fit.calls(), excluded, worst, windows, agreement,
        disagreed, disagreements);
  }

  private @Nullable Finding skew(DistributionReport r, CallLedger l, Expectation expectation) {
    GoodnessOfFit.Fit fit = r.fit();
    boolean overall = fit.pValue() < policy.skewPValue() && fit.maxDeviation() > policy.maxShareDeviation();
    DistributionReport.Window w = r.worstWindow();
    boolean transient_ = w != null && r.windowsTested() > 1
        && w.fit().pValue() < policy.skewPValue() / r.windowsTested()
        && w.fit().maxDeviation() > policy.maxShareDeviation();
    if (!overall && !transient_) {
      return null;
    }
    GoodnessOfFit.Fit shown = overall ? fit : w.fit();
    DistributionReport.Row worst = fit.worst() >= 0 ? r.rows().get(fit.worst()) : null;
    String msg = "Calls are not spread as expected (" + r.expectation() + ")";
    if (overall && worst != null) {
      msg += ": " + worst.backend() + " got " + pct(worst.observedShare()) + " of the first attempts, expected "
          + pct(worst.expectedShare());
    } else if (w != null) {
      msg += " between " + w.start() + " and " + w.end();
    }
    msg += String.format(Locale.ROOT, " (chi-square %.1f, p = %.2g, %d calls)", shown.chiSquare(), shown.pValue(),
        shown.calls());
    String remedy = null;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("pValue", shown.pValue());
    d.put("chiSquare", shown.chiSquare());
    d.put("maxDeviation", shown.maxDeviation());
    d.put("maxMinRatio", shown.maxMinRatio());
    d.put("transient", !overall);
    String explanation = null;
    if (expectation instanceof Expectation.Weighted wt && overall && r.tested() > 0) {
      DistributionReport.Row top = r.rows().stream().max(Comparator.comparingDouble(DistributionReport.Row::observedShare))
          .orElseThrow();
      if (top.observedShare() >= 0.95 && top.expectedShare() <= 0.8) {
        Expectation.Share first = firstRecord(wt);
        String name = wt.shares().stream().filter(s -> s.backend().equals(top.backend())).map(Expectation.Share::name)
            .findFirst().orElse(top.backend().toString());
        if (wt.srv()) {
          boolean isFirst = first != null && first.backend().equals(top.backend());
          explanation = "SRV weights published but ignored: " + pct(top.observedShare()) + " of the calls went to "
              + (isFirst ? "the first record, " : "") + name + ", whose weight gives it " + pct(top.expectedShare())
              + (Boolean.FALSE.equals(hints.dnsSrvLb()) ? " (" + hints.source() + ": dns_srv_lb is off)" : "");
          remedy = "Kamailio: set dns_srv_lb=1 (weighted SRV selection, RFC 2782) in kamailio.cfg; other proxies:"
              + " enable weighted SRV target selection";
          d.put("explanation", "srv_weights_ignored");
        } else {
          explanation = "weights configured but not followed: " + pct(top.observedShare()) + " of the calls went"
              + " to " + name;
          d.put("explanation", "weights_not_followed");
        }
      } else if (!wt.srv()) {
        GoodnessOfFit.Fit eq = GoodnessOfFit.test(equal(r.rows().stream().map(DistributionReport.Row::backend)
            .toList(), r.rows().stream().filter(x -> x.expected() > 0).map(DistributionReport.Row::backend)
            .collect(java.util.stream.Collectors.toSet())), r.rows().stream()
            .mapToLong(DistributionReport.Row::observed).toArray());
        if (eq.pValue() >= policy.skewPValue()) {
          explanation = "the calls are spread equally, as an algorithm that ignores weights does (round robin, hashing)";
          remedy = "Use dispatcher algorithm 9 (weight) or 11 (relative weight) for weighted distribution";
          d.put("explanation", "weights_ignored_by_algorithm");
        }
      }
    }
    if (expectation instanceof Expectation.Equal) {
      remedy = "Without the balancer's configuration equal shares are expected; if it is meant to spread calls"
          + " unevenly (priorities, weights, SRV), check against it: --dispatcher with --kamailio-cfg or"
          + " --algorithm, or --srv";
    }
    String failing = failureRateOutlier(l);
    if (failing != null) {
      explanation = explanation == null ? failing : explanation + "; " + failing;
    }
    if (explanation != null) {
      msg += "; " + explanation;
    }
    List<Evidence> ev = new ArrayList<>();
    for (DistributionReport.Row row : r.rows()) {
      ev.add(new Evidence(null, null, null, String.format(Locale.ROOT, "%s: %d calls (%s), expected %.1f (%s)",
          row.backend(), row.observed(), pct(row.observedShare()), row.expected(), pct(row.expectedShare()))));
    }
    return new Finding(FindingCode.DISTRIBUTION_SKEW, Severity.ERROR, worst == null ? null
        : worst.backend().toString(), overall ? null : w.start(), overall ? null : w.end(), shown.calls(), msg, ev,
        remedy, d);
  }

  private static Expectation.@Nullable Share firstRecord(Expectation.Weighted w) {
    Expectation.Share best = null;
    for (Expectation.Share s : w.shares()) {
      if (best == null || s.priority() < best.priority()) {
        best = s;
      }
    }
    return best;
  }

  private static @Nullable String failureRateOutlier(CallLedger l) {
    for (Map.Entry<Endpoint, long[]> e : l.attemptsAnsweredFailed.entrySet()) {
      long[] a = e.getValue();
      long otherAttempts = 0;
      long otherFailed = 0;
      for (Map.Entry<Endpoint, long[]> o : l.attemptsAnsweredFailed.entrySet()) {
        if (!o.getKey().equals(e.getKey())) {
          otherAttempts += o.getValue()[0];
          otherFailed += o.getValue()[2];
        }
      }
      double rate = a[0] == 0 ? 0 : (double) a[2] / a[0];
      double others = otherAttempts == 0 ? 0 : (double) otherFailed / otherAttempts;
      if (a[0] >= 10 && rate > 0.1 && rate > 2 * others) {
        return e.getKey() + " failed " + pct(rate) + " of its attempts (the others " + pct(others) + ")";
      }
    }
    return null;
  }

  private @Nullable Finding weightsIgnored() {
    if (expectation instanceof Expectation.Simulated s && s.weightsIgnored()) {
      return new Finding(FindingCode.WEIGHTS_IGNORED, Severity.INFO, null, null, null, null,
          "The dispatcher list gives weights, but " + s.source() + " does not use them", List.of(), "Use algorithm 9 (weight) or 11 (relative weight) if the weights"
          + " should count", Map.of());
    }
    return null;
  }

  // ---- helpers ----

  private static double[] equal(List<Endpoint> pool, Set<Endpoint> up) {
    double[] out = new double[pool.size()];
    long m = pool.stream().filter(up::contains).count();
    for (int i = 0; i < pool.size(); i++) {
      out[i] = m == 0 || !up.contains(pool.get(i)) ? 0 : 1.0 / m;
    }
    return out;
  }

  private static boolean isDown(List<Span> spans, Endpoint b, Instant t) {
    for (Span s : spans) {
      if (s.backend().equals(b) && !t.isBefore(s.from()) && (s.to() == null || t.isBefore(s.to()))) {
        return true;
      }
    }
    return false;
  }


  private static int indexOf(List<Endpoint> pool, @Nullable String hostPort) {
    if (hostPort == null) {
      return -1;
    }
    for (int i = 0; i < pool.size(); i++) {
      if (pool.get(i).toString().equals(hostPort)) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, Object> event(String name, Instant t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", name);
    m.put("time", t.toString());
    return m;
  }

  private static @Nullable String frame(@Nullable PacketRef r) {
    return r == null ? null : r.source() + "#" + r.frame();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static Map<String, Long> names(Map<Endpoint, Long> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k.toString(), v));
    return out;
  }

  private static String describe(Map<Endpoint, Long> from) {
    List<String> parts = new ArrayList<>();
    from.forEach((b, n) -> parts.add(n + " from " + b));
    return String.join(", ", parts);
  }
}
