package io.sipaudit.report;

import static java.util.Objects.requireNonNull;

import io.sipaudit.attribution.BackendSummary;
import io.sipaudit.attribution.CallOutcome;
import io.sipaudit.attribution.DelayCurve;
import io.sipaudit.attribution.Node;
import io.sipaudit.attribution.Percentiles;
import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.Verdict;
import io.sipaudit.net.Endpoint;
import io.sipaudit.simulate.HealthModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a report shows, gathered by one streaming pass over the inputs (and a second, bounded one for the
 * ladders). Nothing here grows with the number of calls: tables are per backend, series are bucketed, ladders
 * and evidence are capped.
 *
 * <p>Example: the failover lab sample gives 90 calls, 3 backends, one {@code BACKEND_DOWN} finding, a timeline
 * of 1 s buckets and ladders for the 8 failed-over calls' first few.
 *
 * @param version the sipaudit version that made it
 * @param generated when it was made
 * @param inputs the input files as given
 * @param configuration what the expectation came from (e.g. {@code dispatcher.list, alg 4}), or null
 * @param first the first SIP message's time, or null for an empty input
 * @param last the last SIP message's time, or null
 * @param calls calls seen
 * @param outcomes calls per outcome
 * @param pdd post-dial delay over all calls (caller side)
 * @param setup setup time over all answered calls (caller side)
 * @param nodes the topology
 * @param backends the per-backend table
 * @param pddCurves per backend, the post-dial delay's distribution
 * @param setupCurves per backend, the setup time's distribution
 * @param labels names of backends by {@code ip:port} (from a dispatcher list or SRV zone)
 * @param audit the audit
 * @param verdict the policy's verdict on the audit
 * @param timeline the bucketed series
 * @param stateChanges the backends' states in the balancer's view (Kamailio's state machine replayed), in time order
 * @param ladders ladders of the calls that matter, with why each was chosen
 * @param notes things the reader should know about the input (read errors, ladders left out), already worded
 */
public record ReportData(
    String version,
    Instant generated,
    List<String> inputs,
    @Nullable String configuration,
    @Nullable Instant first,
    @Nullable Instant last,
    long calls,
    Map<CallOutcome, Long> outcomes,
    Percentiles pdd,
    Percentiles setup,
    List<Node> nodes,
    List<BackendSummary> backends,
    Map<Endpoint, DelayCurve> pddCurves,
    Map<Endpoint, DelayCurve> setupCurves,
    Map<String, String> labels,
    AuditResult audit,
    Verdict verdict,
    Timeline timeline,
    List<HealthModel.StateChange> stateChanges,
    List<CallLadder> ladders,
    List<String> notes) {

  public ReportData {
    requireNonNull(version, "version");
    requireNonNull(generated, "generated");
    inputs = List.copyOf(inputs);
    outcomes = Map.copyOf(outcomes);
    requireNonNull(pdd, "pdd");
    requireNonNull(setup, "setup");
    nodes = List.copyOf(nodes);
    backends = List.copyOf(backends);
    pddCurves = Map.copyOf(pddCurves);
    setupCurves = Map.copyOf(setupCurves);
    labels = Map.copyOf(labels);
    requireNonNull(audit, "audit");
    requireNonNull(verdict, "verdict");
    requireNonNull(timeline, "timeline");
    stateChanges = List.copyOf(stateChanges);
    ladders = List.copyOf(ladders);
    notes = List.copyOf(notes);
  }

  /** Returns the backend's configured name with its address ({@code be1 (10.0.0.1:5060)}), or the address. */
  public String name(Endpoint backend) {
    String label = labels.get(backend.toString());
    return label == null || label.isBlank() ? backend.toString() : label + " (" + backend + ")";
  }
}
