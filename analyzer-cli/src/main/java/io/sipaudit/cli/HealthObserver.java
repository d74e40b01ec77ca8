package io.sipaudit.cli;

import io.sipaudit.attribution.Attempt;
import io.sipaudit.attribution.AttemptOutcome;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.config.DispatcherSetup;
import io.sipaudit.health.HealthOptions;
import io.sipaudit.health.ProbeResult;
import io.sipaudit.net.Endpoint;
import io.sipaudit.simulate.DestinationState;
import io.sipaudit.simulate.HealthEvents;
import io.sipaudit.simulate.HealthModel;
import io.sipaudit.simulate.StreamingStateTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Gathers what the health replay needs: the balancer's probes with their results, and the attempts its failure
 * route gave up on (where it calls {@code ds_mark_dst}). For {@code simulate}'s replay it keeps them all (memory
 * follows the probes and the failed attempts); with {@link #streaming} it hands them to a
 * {@link StreamingStateTimeline} as they come, for the state timeline of {@code analyze}, {@code check} and
 * {@code report} (memory follows the probes of the last hour).
 */
final class HealthObserver {
  final List<ProbeResult> probes = new ArrayList<>();
  private final List<Attempt> marked = new ArrayList<>();
  private final List<java.time.Instant> markedAt = new ArrayList<>();
  private final Set<Endpoint> balancers = new HashSet<>();
  private final @Nullable DispatcherSetup setup;
  private final HealthOptions options;
  private final boolean marks;
  private final Duration frTimer;
  private @Nullable StreamingStateTimeline timeline;

  HealthObserver(@Nullable DispatcherSetup setup, HealthOptions options) {
    // a ds_mark_dst("$var(x)") state Kamailio cannot parse changes nothing; marks need failover (flags bit 2)
    this(setup, options, setup != null && setup.loaded() && setup.marksDestinations() && setup.failover()
        && (setup.markState() == null || setup.markState() >= 0) && (setup.flags() & 2) != 0,
        Duration.ofMillis(setup != null && setup.loaded() ? setup.frTimer() : 30_000));
  }

  /**
   * For a balancer other than Kamailio: {@code marks} says whether its failure route marks the attempts it gives
   * up on, {@code frTimer} when its transaction layer gives up on an unanswered probe.
   */
  HealthObserver(HealthOptions options, boolean marks, Duration frTimer) {
    this(null, options, marks, frTimer);
  }

  private HealthObserver(@Nullable DispatcherSetup setup, HealthOptions options, boolean marks, Duration frTimer) {
    this.setup = setup;
    this.options = options;
    this.marks = marks;
    this.frTimer = frTimer;
  }

  /** Hands probes and marks to a state timeline that waits {@code delay} for late marks, instead of keeping them. */
  HealthObserver streaming(Duration delay) {
    timeline = new StreamingStateTimeline(settings(), delay);
    return this;
  }

  /** Takes one probe's result (a {@code HealthTracker} callback). */
  void probe(ProbeResult p) {
    if (timeline == null) {
      probes.add(p);
      return;
    }
    timeline.probe(probeTime(p), p.destination().toString(), probeSucceeded(p), p.prober().toString());
  }

  /** Tells a streaming observer how far the capture has come. */
  void advance(java.time.Instant now) {
    if (timeline != null) {
      timeline.advance(now);
    }
  }

  /** The destinations' state changes of a streaming observer, for {@code destinations}; events late by more
   * than its delay are counted in {@link #lateEvents}. */
  List<HealthModel.StateChange> transitions(java.util.Collection<String> destinations) {
    if (timeline == null) {
      return model().transitions(destinations, java.util.Map.of());
    }
    return timeline.finish(destinations);
  }

  long lateEvents() {
    return timeline == null ? 0 : timeline.late();
  }

  /** When the balancer learnt a probe's result: its answer, else tm's fr_timer (its local 408). */
  private java.time.Instant probeTime(ProbeResult p) {
    return p.answeredAt() != null ? p.answeredAt() : p.sent().plus(frTimer());
  }

  private boolean probeSucceeded(ProbeResult p) {
    return p.answeredAt() != null && options.probeSucceeded(p.status());
  }

  /** Returns the rules that judge a probe's answer. */
  HealthOptions options() {
    return options;
  }

  private boolean marks() {
    return marks;
  }

  private Duration frTimer() {
    return frTimer;
  }

  /** Sees one attributed call: its balancer, and attempts that failed (marked by the failure route). */
  void call(AttributedCall c) {
    if (c.balancer() != null && balancers.add(c.balancer()) && timeline != null) {
      timeline.prober(c.balancer().toString());
    }
    if (!marks()) {
      return;
    }
    List<Attempt> attempts = c.attempts();
    for (int k = 0; k < attempts.size(); k++) {
      Attempt a = attempts.get(k);
      if (a.outcome() != AttemptOutcome.TIMEOUT && !(a.outcome() == AttemptOutcome.REJECTED
          && io.sipaudit.audit.CallLedger.failureStatus(a.status()))) {
        continue;
      }
      // the failure route runs just before the next attempt; after the last one, just before the balancer's
      // final failure to the caller (tm's timer ticks make fr_timer itself a poor clock)
      java.time.Instant at = k + 1 < attempts.size() ? attempts.get(k + 1).sent() : gaveUp(c, a);
      if (timeline != null) {
        timeline.mark(at, a.backend().toString());
        continue;
      }
      marked.add(a);
      markedAt.add(at);
    }
  }

  private java.time.Instant gaveUp(AttributedCall c, Attempt last) {
    for (var hop : c.call().hops()) {
      if (hop.dst().equals(c.balancer()) && hop.finalAt() != null && hop.finalCode() >= 300
          && !hop.finalAt().isBefore(last.sent())) {
        return hop.finalAt();
      }
    }
    return last.sent().plus(frTimer());
  }

  /** Returns the model of the balancer's view: its probes' results and its marks. */
  HealthModel model() {
    return feed(new HealthModel(settings()));
  }

  private HealthModel.Settings settings() {
    int mode = setup != null && setup.loaded() ? setup.probingMode() : 0;
    int markState = setup == null || setup.markState() == null
        ? DestinationState.INACTIVE | (mode == 1 ? DestinationState.PROBING : 0)   // ds_mark_dst() without a state
        : setup.markState();
    return setup != null && setup.loaded()
        ? new HealthModel.Settings(setup.probingThreshold(), setup.inactiveThreshold(), mode, markState)
        : HealthModel.Settings.DEFAULTS;
  }

  /** Hands every probe result and mark to {@code m}, and returns it. */
  <T extends HealthEvents> T feed(T m) {
    for (ProbeResult p : probes) {
      if (!balancers.isEmpty() && !balancers.contains(p.prober())) {
        continue;
      }
      if (setup != null && setup.latencyStats()) {   // ds_ping_latency_stats: a 408 adds no sample
        int ms = p.answeredAt() == null || p.status() == 408 ? -1
            : (int) java.time.Duration.between(p.sent(), p.answeredAt()).toMillis();
        m.latency(p.answeredAt() != null ? p.answeredAt() : p.sent().plus(frTimer()), p.destination().toString(), ms);
      }
      m.probe(probeTime(p), p.destination().toString(), probeSucceeded(p));
    }
    for (int i = 0; i < marked.size(); i++) {
      m.mark(markedAt.get(i), marked.get(i).backend().toString());
    }
    return m;
  }
}
