package io.sipaudit.cli;

import io.sipaudit.attribution.Analysis;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.attribution.Attributor;
import io.sipaudit.attribution.LegMerger;
import io.sipaudit.attribution.UserCall;
import io.sipaudit.dialog.CallAssembler;
import io.sipaudit.dialog.LegCorrelator;
import io.sipaudit.ingest.SipIngest;
import java.nio.file.NoSuchFileException;
import java.util.function.Consumer;
import io.sipaudit.attribution.Node;
import io.sipaudit.attribution.NodeRole;
import io.sipaudit.audit.AuditPolicy;
import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.Auditor;
import io.sipaudit.audit.CallLedger;
import io.sipaudit.audit.Expectation;
import io.sipaudit.health.HealthTracker;
import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.net.Endpoint;
import io.sipaudit.simulate.HealthModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit's side of a run, shared by {@code analyze} and {@code check}: it sees every ingest event (health,
 * topology) and every attributed call (analysis, ledger), then audits.
 */
final class AuditPipeline {
  final Analysis analysis = new Analysis();
  final HealthTracker health;
  final CallLedger ledger;
  final Expectation expectation;
  final AuditPolicy policy;
  private final AuditOptions options;
  private final HealthObserver observer;
  private List<HealthModel.StateChange> stateChanges = List.of();

  AuditPipeline(AuditOptions options, AuditPolicy policy, Expectation expectation) {
    this.options = options;
    this.policy = policy;
    this.expectation = expectation;
    // the state timeline is built as the capture is read; marks of calls that lasted over an hour come late
    this.observer = new HealthObserver(options.setup(), options.health(policy)).streaming(java.time.Duration.ofHours(1));
    this.health = new HealthTracker(options.health(policy)).onProbeResult(observer::probe);
    this.ledger = new CallLedger(expectation instanceof Expectation.Simulated);
    Integer alg = options.hints().algorithm();
    if (alg != null) {
      ledger.trackHashedKeys(alg, options.flags == null ? 0 : options.flags);
      if (alg == 10) {
        ledger.trackConcurrentCalls();
      }
    }
    for (Endpoint e : options.configured) {
      analysis.expectBackend(e);
    }
  }

  void event(IngestEvent e) {
    if (firstMalformed == null && e instanceof io.sipaudit.ingest.MalformedSip m) {
      firstMalformed = m.location();
    }
    analysis.event(e);
    health.accept(e);
    observer.advance(e.ref().timestamp());
  }

  /** Counts one call as the user made it (a B2BUA/SBC group once, by the leg that crossed the balancer). */
  void call(UserCall u) {
    analysis.call(u);
    ledger.accept(u.call());
    observer.call(u.call());
  }

  /**
   * The backends' states in the balancer's view, replayed through Kamailio's state machine from the probes and
   * the failure route's marks (after {@link #audit}).
   */
  List<HealthModel.StateChange> stateChanges() {
    return stateChanges;
  }

  /**
   * Reads the inputs once: every event goes to the health tracker and the topology, every call is assembled and
   * attributed, its B2BUA legs tied ({@link LegCorrelator}: X-CID, Session-ID, P-Charging-Vector, the
   * {@code correlateHeaders}, and caller and callee when {@code byParties}), and each end-to-end call is merged
   * ({@link LegMerger}), summed here and handed to {@code calls} once its legs have finished. Returns what the
   * ingest found wrong with the inputs.
   */
  SipIngest.Result run(CaptureInputs inputs, ProgressBar bar, Attributor attributor, List<String> correlateHeaders,
      boolean byParties, Consumer<UserCall> calls) throws NoSuchFileException {
    LegCorrelator<AttributedCall> legs = new LegCorrelator<>(byParties, s -> {
      UserCall u = LegMerger.merge(s.group(), s.legs());
      call(u);
      calls.accept(u);
    });
    CallAssembler assembler = new CallAssembler(r -> legs.finished(r, attributor.attribute(r)), correlateHeaders)
        .onStarted(legs::started);
    SipIngest.Result result = inputs.dialogIngest(bar).run(inputs.checked(), e -> {
      event(e);
      assembler.accept(e);
    });
    assembler.finish();
    legs.finish();
    orphans = assembler.orphans();
    bar.done();
    return result;
  }

  /**
   * Reads the inputs as {@link #run(CaptureInputs, ProgressBar, Attributor, List, boolean, Consumer)} does,
   * handing on each call as the user made it (a B2BUA/SBC group merged into one).
   */
  SipIngest.Result run(CaptureInputs inputs, ProgressBar bar, Attributor attributor, Consumer<AttributedCall> calls)
      throws NoSuchFileException {
    return run(inputs, bar, attributor, List.of(), false, u -> calls.accept(u.call()));
  }

  /** Where the first SIP message that could not be read is, or null (after {@link #run}). */
  @org.jspecify.annotations.Nullable String firstMalformed;

  /** Requests that belonged to no call, by method (after {@link #run}). */
  java.util.Map<io.sipaudit.sip.SipMethod, Long> orphans = java.util.Map.of();

  /** Audits what was seen; {@code given} are backends named on the command line. */
  AuditResult audit(List<Endpoint> given) {
    health.finish();
    Set<Endpoint> backends = new TreeSet<>(options.configured);
    backends.addAll(given);
    for (Node n : analysis.nodes()) {
      if (n.role() == NodeRole.BACKEND) {
        backends.add(n.address());
      }
    }
    backends.removeIf(e -> e.port() == 0);
    stateChanges = observer.transitions(backends.stream().map(Endpoint::toString).toList());
    return new Auditor(policy, expectation, options.hints()).audit(ledger, health, new ArrayList<>(backends));
  }
}
