package io.sipaudit.health;

import static java.util.Objects.requireNonNull;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipMethod;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;
import io.sipaudit.sip.header.CSeq;
import io.sipaudit.sip.header.Via;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Follows every request sent to each node and whether the node answered it, and the health-check probes.
 *
 * <p>A request is answered when its receiver sent any response to it (100 Trying is enough) within
 * {@link HealthOptions#answerTimeout()}; requests are matched to responses by the top Via branch (RFC 3261
 * §17.1.3; Call-ID and CSeq for RFC 2543 branches) and the receiver's address, and retransmissions are one
 * request. Requests to one destination are judged in the order they were sent: {@link HealthOptions#downAfter()}
 * unanswered ones in a row make it down from the first of them until it answers again ({@link DownInterval}).
 * Probes ({@code OPTIONS} without To tag, by default) are also summed per prober and destination
 * ({@link ProbeSummary}).
 *
 * <p>Example: a balancer probes {@code 127.0.1.21:5060} every second; the backend is killed at 08:44:28.204 and
 * restarted at 08:44:36.267: {@link #downIntervals()} holds one interval from the first request it left unanswered
 * (a call's INVITE, 0.11 s after the kill) to its first 200 after the restart (0.7 ms before the lab saw it
 * listening), with the calls the balancer still sent it in between.
 *
 * <p>Feed it every ingest event in capture order, then call {@link #finish()}. Memory follows the requests in
 * flight (forgotten 32 s after they were sent) and the destinations seen.
 */
public final class HealthTracker implements Consumer<IngestEvent> {
  /** 64 × T1: after this a request's retransmissions are over (RFC 3261 Timer B/F). */
  private static final Duration RETRANSMISSIONS = Duration.ofSeconds(32);
  private static final long SWEEP_EVERY_NANOS = 250_000_000L;
  private static final int LARGEST_GAPS = 5;

  private final HealthOptions options;
  private final Map<Key, Pending> pending = new HashMap<>();
  /**
   * Judged requests without a final response, in the order judged: kept in {@link #pending} until their
   * retransmissions are over, so that one is not taken for a new request. Requests with a final response leave
   * {@link #pending} when judged (a server answers a late retransmission again).
   */
  private final ArrayDeque<Pending> lingering = new ArrayDeque<>();
  private final Map<Endpoint, Dest> dests = new HashMap<>();
  private final Map<ProbePair, ProbeAcc> probes = new TreeMap<>();
  private final List<IntervalBuilder> intervals = new ArrayList<>();
  private @Nullable Instant first;
  private @Nullable Instant last;
  private long lastSweep = Long.MIN_VALUE;   // epoch nanoseconds, as every time compared per message
  private boolean finished;

  public HealthTracker(HealthOptions options) {
    this.options = requireNonNull(options, "options");
  }

  public HealthTracker() {
    this(HealthOptions.DEFAULTS);
  }

  @Override
  public void accept(IngestEvent e) {
    if (!(e instanceof SipPacket p) || finished) {
      return;
    }
    Instant t = p.ref().timestamp();
    if (first == null) {
      first = t;
    }
    if (last == null || t.isAfter(last)) {
      last = t;
    }
    long now = nanos(t);
    if (lastSweep == Long.MIN_VALUE || now - lastSweep >= SWEEP_EVERY_NANOS) {
      sweep(t, false);
      lastSweep = now;
    }
    SipMessage m = p.message();
    if (m instanceof SipRequest r) {
      request(p, r, t);
    } else if (m instanceof SipResponse r) {
      response(p, r, t);
    }
  }

  private void request(SipPacket p, SipRequest r, Instant t) {
    SipMethod method = r.method();
    if (method.equals(SipMethod.ACK)) {
      return;   // never answered
    }
    Key key = key(p.dst().address(), r, method);
    if (key == null) {
      return;   // unmatchable
    }
    boolean noTag = r.toTag() == null;
    boolean probe = noTag && method.equals(options.probeMethod());
    Pending pd = new Pending(key, p.dst(), probe ? p.listeningSource() : p.dst(), t, p.ref(),
        noTag && method.equals(SipMethod.INVITE), probe, r.callId());
    if (pending.putIfAbsent(key, pd) != null) {
      return;   // a retransmission
    }
    Dest d = dests.computeIfAbsent(p.dst(), Dest::new);
    d.queue.add(pd);
    if (pd.probe) {
      probes.computeIfAbsent(new ProbePair(pd.from, pd.dst), k -> new ProbeAcc()).sent(t);
    }
  }

  private void response(SipPacket p, SipResponse r, Instant t) {
    CSeq cseq = r.cseq();
    if (cseq == null) {
      return;
    }
    Key key = key(p.src().address(), r, cseq.method());
    Pending pd = key == null ? null : pending.get(key);
    if (pd == null || pd.resolved) {
      return;
    }
    if (pd.firstResponse == null) {
      pd.firstResponse = t;
      pd.responseRef = p.ref();
    }
    if (r.statusCode() >= 200 && pd.finalAt == null) {
      pd.finalAt = t;
      pd.finalStatus = r.statusCode();
    }
  }

  /** Judges what is still open at the end of the input. Call once, after the last event. */
  public void finish() {
    if (finished) {
      return;
    }
    if (last != null) {
      sweep(last, true);
    }
    finished = true;
  }

  private Consumer<ProbeResult> probeListener = r -> { };

  /**
   * Hands every probe to {@code listener} once it is judged: when its final response arrives, or when the answer
   * timeout passes without one. Judgements come in roughly, not strictly, time order. Returns this tracker.
   */
  public HealthTracker onProbeResult(Consumer<ProbeResult> listener) {
    this.probeListener = requireNonNull(listener, "listener");
    return this;
  }

  /** Returns the down intervals of every destination, by start time (after {@link #finish()}). */
  public List<DownInterval> downIntervals() {
    List<DownInterval> out = new ArrayList<>();
    for (IntervalBuilder b : intervals) {
      out.add(b.build());
    }
    out.sort(Comparator.comparing(DownInterval::start).thenComparing(DownInterval::destination));
    return out;
  }

  /** Returns the probes per prober and destination (after {@link #finish()}). */
  public List<ProbeSummary> probes() {
    List<ProbeSummary> out = new ArrayList<>();
    probes.forEach((k, acc) -> out.add(acc.summary(k, options.probeMethod().name(), last)));
    return out;
  }

  /**
   * Returns, per destination, the failed probes (timed out or answered with a code the balancer does not accept)
   * by the epoch second they were sent, over all probers (after {@link #finish()}). Memory follows the seconds
   * with a failure, not the probes. Example: {@code {127.0.1.21:5060={1795669382=1, 1795669384=1}}}.
   */
  public Map<Endpoint, NavigableMap<Long, Integer>> failedProbesPerSecond() {
    Map<Endpoint, NavigableMap<Long, Integer>> out = new TreeMap<>();
    probes.forEach((k, acc) -> acc.failedPerSecond.forEach((sec, n) ->
        out.computeIfAbsent(k.destination, d -> new TreeMap<>()).merge(sec, n, Integer::sum)));
    return out;
  }

  /** Returns the time of the first SIP message seen, or null. */
  public @Nullable Instant first() {
    return first;
  }

  /** Returns the time of the last SIP message seen, or null. */
  public @Nullable Instant last() {
    return last;
  }

  /** Returns the options in use. */
  public HealthOptions options() {
    return options;
  }

  private void sweep(Instant now, boolean atEnd) {
    for (Dest d : dests.values()) {
      drain(d, now, atEnd);
    }
    while (!lingering.isEmpty()
        && (atEnd || nanos(now) - lingering.peek().sentNanos > RETRANSMISSIONS.toNanos())) {
      Pending pd = lingering.poll();
      pending.remove(pd.key, pd);
    }
    Iterator<Dest> it = dests.values().iterator();
    while (it.hasNext()) {
      Dest d = it.next();
      if (d.queue.isEmpty() && d.candidate == null && d.awaitingRotation == null) {
        it.remove();   // nothing to remember about a destination that answers
      }
    }
  }

  private void drain(Dest d, Instant now, boolean atEnd) {
    long timeout = options.answerTimeout().toNanos();
    long at = nanos(now);
    while (!d.queue.isEmpty()) {
      Pending pd = d.queue.peek();
      boolean expired = at - pd.sentNanos >= timeout;
      if (pd.finalAt != null || (pd.firstResponse != null && (expired || atEnd))) {
        answered(d, pd);
      } else if (expired) {
        unanswered(d, pd);
      } else if (atEnd) {
        if (d.candidate != null && d.candidate.down) {
          unanswered(d, pd);   // still down when the capture ended
        }
        // else: too recent to judge
      } else {
        break;
      }
      pd.resolved = true;
      d.queue.poll();
      if (pd.finalAt != null) {
        pending.remove(pd.key, pd);
      } else {
        lingering.add(pd);
      }
    }
  }

  private void answered(Dest d, Pending pd) {
    Instant at = requireNonNull(pd.firstResponse);
    IntervalBuilder c = d.candidate;
    if (c != null) {
      if (c.down) {
        c.end = at;
        c.recoveredBy = pd.responseRef;
        d.awaitingRotation = c;
      }
      d.candidate = null;
    }
    if (pd.initialInvite && d.awaitingRotation != null) {
      d.awaitingRotation.backInRotation = pd.sent;
      d.awaitingRotation = null;
    }
    if (pd.probe) {
      ProbeAcc acc = probes.get(new ProbePair(pd.from, pd.dst));
      if (acc != null) {
        acc.resolved(pd, options);
      }
      probeListener.accept(new ProbeResult(pd.from, pd.dst, pd.sent, pd.finalAt, pd.finalAt == null ? 0
          : pd.finalStatus, pd.ref));
    }
  }

  private void unanswered(Dest d, Pending pd) {
    IntervalBuilder c = d.candidate;
    if (c == null) {
      c = new IntervalBuilder(d.endpoint, pd.sent, pd.ref);
      d.candidate = c;
    }
    c.unanswered++;
    if (pd.probe) {
      c.unansweredProbes++;
    }
    if (pd.initialInvite) {
      c.callsSent++;
      if (c.firstCall == null) {
        c.firstCall = pd.sent;
      }
      c.lastCall = pd.sent;
      if (c.callIds.size() < DownInterval.EVIDENCE && pd.callId != null) {
        c.callIds.add(pd.callId);
      }
    }
    if (!c.down && c.unanswered >= options.downAfter()) {
      c.down = true;
      intervals.add(c);
    }
    if (pd.probe) {
      ProbeAcc acc = probes.get(new ProbePair(pd.from, pd.dst));
      if (acc != null) {
        acc.resolved(pd, options);
      }
      probeListener.accept(new ProbeResult(pd.from, pd.dst, pd.sent, pd.finalAt, pd.finalAt == null ? 0
          : pd.finalStatus, pd.ref));
    }
  }

  private static @Nullable Key key(InetAddress node, SipMessage m, SipMethod method) {
    Via via = m.topVia();
    String branch = via == null ? null : via.branch();
    if (branch != null && branch.startsWith("z9hG4bK")) {
      return new Key(node, branch, method);
    }
    CSeq cseq = m.cseq();
    String callId = m.callId();
    if (cseq == null || callId == null) {
      return null;
    }
    return new Key(node, callId + " " + cseq.number() + (branch == null ? "" : " " + branch), method);
  }

  private record Key(InetAddress node, String id, SipMethod method) {}

  private record ProbePair(Endpoint prober, Endpoint destination) implements Comparable<ProbePair> {
    @Override
    public int compareTo(ProbePair o) {
      int c = prober.compareTo(o.prober);
      return c != 0 ? c : destination.compareTo(o.destination);
    }
  }

  private static final class Pending {
    final Key key;
    final Endpoint dst;
    /** The prober (its listening address) for a probe; unused otherwise. */
    final Endpoint from;
    final Instant sent;
    final long sentNanos;
    final PacketRef ref;
    final boolean initialInvite;
    final boolean probe;
    final @Nullable String callId;
    @Nullable Instant firstResponse;
    @Nullable PacketRef responseRef;
    @Nullable Instant finalAt;
    int finalStatus;
    boolean resolved;

    Pending(Key key, Endpoint dst, Endpoint from, Instant sent, PacketRef ref, boolean initialInvite, boolean probe,
        @Nullable String callId) {
      this.key = key;
      this.dst = dst;
      this.from = from;
      this.sent = sent;
      this.sentNanos = nanos(sent);
      this.ref = ref;
      this.initialInvite = initialInvite;
      this.probe = probe;
      this.callId = callId;
    }
  }

  private static final class Dest {
    final Endpoint endpoint;
    final ArrayDeque<Pending> queue = new ArrayDeque<>();
    @Nullable IntervalBuilder candidate;
    @Nullable IntervalBuilder awaitingRotation;

    Dest(Endpoint endpoint) {
      this.endpoint = endpoint;
    }
  }

  private static final class IntervalBuilder {
    final Endpoint destination;
    final Instant start;
    final PacketRef firstRef;
    boolean down;
    @Nullable Instant end;
    @Nullable PacketRef recoveredBy;
    long unanswered;
    long unansweredProbes;
    long callsSent;
    @Nullable Instant firstCall;
    @Nullable Instant lastCall;
    final List<String> callIds = new ArrayList<>();
    @Nullable Instant backInRotation;

    IntervalBuilder(Endpoint destination, Instant start, PacketRef firstRef) {
      this.destination = destination;
      this.start = start;
      this.firstRef = firstRef;
    }

    DownInterval build() {
      return new DownInterval(destination, start, end, firstRef, recoveredBy, unanswered, unansweredProbes,
          callsSent, firstCall, lastCall, callIds, backInRotation);
    }
  }

  private static final class ProbeAcc {
    long sent;
    long answered;
    long timedOut;
    long failed;
    int consecutive;
    int maxConsecutive;
    final Map<String, Long> codes = new TreeMap<>();
    @Nullable Instant first;
    @Nullable Instant last;
    final Histogram intervals = new Histogram(3_600_000L, 3);
    final Histogram rtt = new Histogram(3_600_000L, 3);
    final TreeMap<Long, Integer> failedPerSecond = new TreeMap<>();
    final PriorityQueue<ProbeSummary.Gap> largest = new PriorityQueue<>(Comparator.comparingLong(ProbeSummary.Gap::ms));
    final List<ProbeSummary.Refusal> refused = new ArrayList<>();
    /** The open refusal (null: none): the first probe of the current run answered with a failure code. */
    @Nullable Instant refusedSince;
    @Nullable PacketRef refusedProbe;
    int refusedCode;

    void sent(Instant t) {
      sent++;
      if (first == null) {
        first = t;
      }
      if (last != null) {
        long ms = Math.max(0, Duration.between(last, t).toMillis());
        intervals.recordValue(Math.min(ms, intervals.getHighestTrackableValue()));
        largest.add(new ProbeSummary.Gap(last, t, ms, false));
        if (largest.size() > LARGEST_GAPS) {
          largest.poll();
        }
      }
      last = t;
    }

    void resolved(Pending pd, HealthOptions options) {
      boolean ok;
      if (pd.finalAt != null) {
        answered++;
        codes.merge(Integer.toString(pd.finalStatus), 1L, Long::sum);
        rtt.recordValue(Math.min(Math.max(0, Duration.between(pd.sent, pd.finalAt).toMillis()),
            rtt.getHighestTrackableValue()));
        ok = options.probeSucceeded(pd.finalStatus);
      } else {
        timedOut++;
        ok = false;
      }
      if (ok) {
        consecutive = 0;
        closeRefusal(pd.sent);
      } else {
        failed++;
        maxConsecutive = Math.max(maxConsecutive, ++consecutive);
        failedPerSecond.merge(pd.sent.getEpochSecond(), 1, Integer::sum);
        if (pd.finalAt != null && refusedSince == null) {
          refusedSince = pd.sent;
          refusedProbe = pd.ref;
          refusedCode = pd.finalStatus;
        }
      }
    }

    void closeRefusal(Instant until) {
      if (refusedSince != null && refused.size() < ProbeSummary.MAX_REFUSALS) {
        refused.add(new ProbeSummary.Refusal(refusedSince, until, requireNonNull(refusedProbe), refusedCode));
      }
      refusedSince = null;
      refusedProbe = null;
    }

    ProbeSummary summary(ProbePair k, String method, @Nullable Instant end) {
      ProbeSummary.Stats iv = intervals.getTotalCount() == 0 ? null : new ProbeSummary.Stats(
          intervals.getValueAtPercentile(50), intervals.getValueAtPercentile(5), intervals.getValueAtPercentile(95),
          intervals.getMaxValue());
      ProbeSummary.Stats rt = rtt.getTotalCount() == 0 ? null : new ProbeSummary.Stats(
          rtt.getValueAtPercentile(50), rtt.getValueAtPercentile(5), rtt.getValueAtPercentile(95), rtt.getMaxValue());
      long gaps = 0;
      List<ProbeSummary.Gap> big = new ArrayList<>();
      if (iv != null) {
        long threshold = gapThreshold(iv.median());
        gaps = threshold > intervals.getMaxValue() ? 0 : intervals.getCountBetweenValues(threshold,
            intervals.getMaxValue());
        for (ProbeSummary.Gap g : largest) {
          if (g.ms() >= threshold) {
            big.add(g);
          }
        }
        Instant l = requireNonNull(last);
        if (end != null && Duration.between(l, end).toMillis() >= threshold) {
          gaps++;
          big.add(new ProbeSummary.Gap(l, end, Duration.between(l, end).toMillis(), true));
        }
        big.sort(Comparator.comparingLong(ProbeSummary.Gap::ms).reversed());
        if (big.size() > LARGEST_GAPS) {
          big = new ArrayList<>(big.subList(0, LARGEST_GAPS));
        }
      }
      List<ProbeSummary.Refusal> refusals = new ArrayList<>(refused);
      if (refusedSince != null && refusals.size() < ProbeSummary.MAX_REFUSALS) {
        refusals.add(new ProbeSummary.Refusal(refusedSince, null, requireNonNull(refusedProbe), refusedCode));
      }
      return new ProbeSummary(k.prober, k.destination, method, sent, answered, timedOut, failed, codes,
          maxConsecutive, requireNonNull(first), requireNonNull(last), iv, rt, gaps, big, refusals);
    }
  }

  /** Returns {@code t} as nanoseconds since the epoch (captures are within ±292 years of it). */
  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /**
   * Returns the shortest probe interval that counts as a gap: over 1.5 times the usual one and at least a second
   * longer. Example: 3000 ms for a usual 2000 ms, 2000 ms for 1000 ms.
   */
  public static long gapThreshold(long medianMs) {
    return Math.max(medianMs * 3 / 2, medianMs + 1000);
  }
}
