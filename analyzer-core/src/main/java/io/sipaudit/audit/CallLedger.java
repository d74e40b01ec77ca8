package io.sipaudit.audit;

import io.sipaudit.attribution.Attempt;
import io.sipaudit.attribution.AttemptOutcome;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.attribution.CallOutcome;
import io.sipaudit.net.Endpoint;
import io.sipaudit.simulate.CallArrival;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Sums what the audit needs from the attributed calls: failovers, lost calls, dialog-pinning violations and
 * the first picks per backend and second; with {@link #trackHashedKeys}, the most frequent values of the hashed key
 * (a sketch of fixed size). Memory follows the backends and the capture's length in seconds; with
 * {@code keepArrivals} (for a simulated expectation) also a small record per call.
 *
 * <p>Example: after the failover lab sample, {@code failovers()} is 8 (all from 127.0.1.21:5060), {@code lost()}
 * is 0, and the first picks of second 1795682670 (08:44:30, the primary dead) are {@code {.22: 5}}.
 */
public final class CallLedger implements Consumer<AttributedCall> {
  static final int EVIDENCE = 10;
  private static final int LOST_TIMES = 10_000;

  long calls;
  long failovers;
  final Map<Endpoint, Long> failoversFrom = new TreeMap<>();
  final Histogram failoverDelay = new Histogram(3_600_000L, 3);
  final List<Evidence> failoverEvidence = new ArrayList<>();
  long lostNoDestination;
  long lostNotRetried;
  long lostAllFailed;
  final List<Evidence> lostEvidence = new ArrayList<>();
  /** A lost call that was not retried: when it was sent and where (null: no attempt). */
  record NotRetried(Instant at, @Nullable Endpoint backend) {}

  final List<NotRetried> notRetried = new ArrayList<>();
  final Map<Endpoint, Long> notRetriedAt = new TreeMap<>();
  long pinningViolations;
  final List<Evidence> pinningEvidence = new ArrayList<>();
  final Map<Endpoint, Long> pinningAt = new TreeMap<>();
  final Map<Endpoint, TreeMap<Long, Integer>> picksPerSecond = new TreeMap<>();
  final Map<Endpoint, long[]> attemptsAnsweredFailed = new TreeMap<>();
  private final @Nullable List<CallArrival> arrivals;
  /** Counters of the heavy-hitters sketch over the hashed key: enough for any key with over 1/32 of the calls. */
  static final int KEY_COUNTERS = 32;
  private @Nullable HeavyHitters hashedKeys;
  /** With {@link #trackConcurrentCalls}: per backend, +1 at the second an answered call starts, -1 where it ends. */
  private @Nullable Map<Endpoint, TreeMap<Long, Integer>> concurrencySteps;
  private int hashAlgorithm = -1;
  private int hashFlags;

  /** With {@code keepArrivals}, keeps each call's arrival for a simulated expectation. */
  public CallLedger(boolean keepArrivals) {
    this.arrivals = keepArrivals ? new ArrayList<>() : null;
  }

  public CallLedger() {
    this(false);
  }

  /**
   * Also counts the answered calls each backend carries at a time, sampled at the middle of every second (a call
   * from 10.2 s to 12.9 s counts at 10.5, 11.5 and 12.5): memory follows the backends and the capture's length.
   * Returns this ledger.
   */
  public CallLedger trackConcurrentCalls() {
    concurrencySteps = new TreeMap<>();
    return this;
  }

  /**
   * Also counts the most frequent values of the key Kamailio algorithm {@code alg} hashes (0 Call-ID, 1 From URI,
   * 2 To URI, 3 Request-URI; {@code flags} is the dispatcher module's, bit 1: user part only), in
   * {@value #KEY_COUNTERS} counters; other algorithms count nothing. Returns this ledger.
   */
  public CallLedger trackHashedKeys(int alg, int flags) {
    if (io.sipaudit.simulate.KamailioAlgorithms.hashedKeyName(alg, flags) != null) {
      hashedKeys = new HeavyHitters(KEY_COUNTERS);
      hashAlgorithm = alg;
      hashFlags = flags;
    }
    return this;
  }

  @Override
  public void accept(AttributedCall c) {
    calls++;
    String callId = c.call().callId();
    if (c.failedOver()) {
      failovers++;
      Endpoint from = c.attempts().get(0).backend();
      failoversFrom.merge(from, 1L, Long::sum);
      if (c.failoverMs() != null) {
        failoverDelay.recordValue(Math.min(Math.max(0, c.failoverMs()), failoverDelay.getHighestTrackableValue()));
      }
      if (failoverEvidence.size() < EVIDENCE) {
        failoverEvidence.add(new Evidence(callId, null, c.attempts().get(0).sent(), "first tried " + from + " ("
            + c.attempts().get(0).outcome().id() + "), answered by " + c.backend()
            + (c.failoverMs() == null ? "" : " after " + c.failoverMs() + " ms")));
      }
    }
    lost(c, callId);
    if (!c.pinningViolations().isEmpty()) {
      pinningViolations += c.pinningViolations().size();
      if (c.backend() != null) {
        pinningAt.merge(c.backend(), (long) c.pinningViolations().size(), Long::sum);
      }
      if (pinningEvidence.size() < EVIDENCE) {
        pinningEvidence.add(new Evidence(callId, null, c.call().start(), String.join("; ", c.pinningViolations())));
      }
    }
    Endpoint first = c.firstPick();
    if (first != null) {
      long second = c.attempts().get(0).sent().getEpochSecond();
      picksPerSecond.computeIfAbsent(first, k -> new TreeMap<>()).merge(second, 1, Integer::sum);
      if (arrivals != null && c.balancer() != null) {
        arrivals.add(CallArrival.of(c));
      }
      if (hashedKeys != null) {
        String key = io.sipaudit.simulate.KamailioAlgorithms.hashedKey(hashAlgorithm, hashFlags, CallArrival.of(c));
        if (key != null) {
          hashedKeys.add(key, first);
        }
      }
    }
    if (concurrencySteps != null) {
      concurrency(c);
    }
    for (Attempt a : c.attempts()) {
      long[] acc = attemptsAnsweredFailed.computeIfAbsent(a.backend(), k -> new long[3]);
      if (a.parallel() && a.outcome() == AttemptOutcome.CANCELLED) {
        continue;   // a forked branch another branch won: not an attempt the backend could have answered
      }
      acc[0]++;
      if (a.outcome() == AttemptOutcome.ANSWERED) {
        acc[1]++;
      } else if (a.outcome() == AttemptOutcome.TIMEOUT || (a.outcome() == AttemptOutcome.REJECTED
          && failureStatus(a.status()))) {
        acc[2]++;
      }
    }
  }

  private void concurrency(AttributedCall c) {
    Attempt answered = null;
    for (Attempt a : c.attempts()) {
      if (a.outcome() == AttemptOutcome.ANSWERED) {
        answered = a;
        break;
      }
    }
    if (answered == null) {
      return;
    }
    Instant end = c.call().end();
    for (io.sipaudit.dialog.InDialogRequest r : c.call().inDialog()) {
      if (r.method().equals(io.sipaudit.sip.SipMethod.BYE)) {
        end = r.sent();
        break;
      }
    }
    long from = firstSample(answered.sent());
    long to = firstSample(end);
    if (to > from) {
      TreeMap<Long, Integer> steps = concurrencySteps.computeIfAbsent(answered.backend(), k -> new TreeMap<>());
      steps.merge(from, 1, Integer::sum);
      steps.merge(to, -1, Integer::sum);
    }
  }

  /** Returns the first second whose middle is at or after {@code t}. */
  private static long firstSample(Instant t) {
    long s = t.getEpochSecond();
    return t.getNano() <= 500_000_000 ? s : s + 1;
  }

  /**
   * Returns the answered calls each backend carried at the middle of each second, from the first second with a call
   * to the last, or an empty map when not tracked. Example: {@code {10.0.0.1:5060={100=1, 101=2, 102=1}}}.
   */
  Map<Endpoint, TreeMap<Long, Integer>> concurrentCalls() {
    Map<Endpoint, TreeMap<Long, Integer>> out = new TreeMap<>();
    if (concurrencySteps == null || concurrencySteps.isEmpty()) {
      return out;
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (TreeMap<Long, Integer> steps : concurrencySteps.values()) {
      first = Math.min(first, steps.firstKey());
      last = Math.max(last, steps.lastKey());
    }
    for (Map.Entry<Endpoint, TreeMap<Long, Integer>> e : concurrencySteps.entrySet()) {
      TreeMap<Long, Integer> level = new TreeMap<>();
      int now = 0;
      for (long sec = first; sec < last; sec++) {
        now += e.getValue().getOrDefault(sec, 0);
        level.put(sec, now);
      }
      out.put(e.getKey(), level);
    }
    return out;
  }

  private void lost(AttributedCall c, String callId) {
    String kind;
    CallOutcome o = c.outcome();
    if (o == CallOutcome.REJECTED_BY_BALANCER) {
      lostNoDestination++;
      kind = "rejected by the balancer itself (" + c.finalStatus() + "), no backend tried";
    } else if (o == CallOutcome.FAILED_ALL) {
      lostAllFailed++;
      kind = "failed on every backend tried (" + c.attempts().size() + ")";
    } else if (o == CallOutcome.TIMEOUT || (o == CallOutcome.REJECTED && failureStatus(c.finalStatus()))) {
      if (c.attempts().stream().map(Attempt::backend).distinct().count() > 1) {
        lostAllFailed++;
        kind = "failed on every backend tried";
      } else {
        lostNotRetried++;
        Endpoint b = c.attempts().isEmpty() ? null : c.attempts().get(0).backend();
        if (b != null) {
          notRetriedAt.merge(b, 1L, Long::sum);
        }
        if (notRetried.size() < LOST_TIMES) {
          notRetried.add(new NotRetried(c.attempts().isEmpty() ? c.call().start() : c.attempts().get(0).sent(), b));
        }
        kind = (o == CallOutcome.TIMEOUT ? "no answer" : "rejected " + c.finalStatus()) + " from " + b
            + ", not retried elsewhere";
      }
    } else {
      return;
    }
    if (lostEvidence.size() < EVIDENCE) {
      lostEvidence.add(new Evidence(callId, null, c.call().start(), kind + (c.finalStatus() > 0
          ? "; the caller got " + c.finalStatus() : "")));
    }
  }

  /** 408 and 5xx: failures of the server, not answers about the callee (486, 404, 6xx). */
  public static boolean failureStatus(int status) {
    return status == 408 || (status >= 500 && status < 600);
  }

  /** Returns the calls seen. */
  public long calls() {
    return calls;
  }

  /** Returns the calls retried on another backend. */
  public long failovers() {
    return failovers;
  }

  /** Returns the calls lost: not retried, failed everywhere, or rejected by the balancer itself. */
  public long lost() {
    return lostNoDestination + lostNotRetried + lostAllFailed;
  }

  /**
   * Returns the first picks per backend, by epoch second (read-only views). Example: {@code {127.0.1.21:5060=
   * {1795669380=3, 1795669381=0}, ...}}.
   */
  public Map<Endpoint, java.util.NavigableMap<Long, Integer>> firstPicksPerSecond() {
    Map<Endpoint, java.util.NavigableMap<Long, Integer>> out = new TreeMap<>();
    picksPerSecond.forEach((b, m) -> out.put(b, java.util.Collections.unmodifiableNavigableMap(m)));
    return out;
  }

  /** Returns the sketch of the hashed key's values, or null when no hash algorithm is tracked. */
  @Nullable HeavyHitters hashedKeys() {
    return hashedKeys;
  }

  /** Returns the algorithm whose key is tracked, or -1. */
  int hashAlgorithm() {
    return hashAlgorithm;
  }

  /** Returns the dispatcher flags the key is read with. */
  int hashFlags() {
    return hashFlags;
  }

  /** Returns the arrivals kept, or an empty list. */
  List<CallArrival> arrivals() {
    return arrivals == null ? List.of() : arrivals;
  }

  boolean keepsArrivals() {
    return arrivals != null;
  }

  /** Returns all first picks per second, over every backend: second -> backend -> count. */
  Map<Long, Map<Endpoint, Integer>> picksBySecond() {
    Map<Long, Map<Endpoint, Integer>> out = new TreeMap<>();
    picksPerSecond.forEach((b, m) -> m.forEach((s, n) -> out.computeIfAbsent(s, k -> new HashMap<>()).put(b, n)));
    return out;
  }
}
