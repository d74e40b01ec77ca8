package io.sipaudit.audit;

import io.sipaudit.health.DownInterval;
import io.sipaudit.health.ProbeSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the audit found.
 *
 * @param findings the findings, most severe first, then by time
 * @param distribution the distribution test, or null when no call reached a backend
 * @param downIntervals the backends' down intervals
 * @param probes the health-check probes to the backends
 * @param calls calls seen
 * @param failovers calls retried on another backend
 * @param lostCalls calls lost
 * @param callsToDownBackends calls sent to backends while they answered nothing
 * @param answerRatios per backend: answered attempts over attempts ({@code ip:port} -> ratio)
 */
public record AuditResult(
    List<Finding> findings,
    @Nullable DistributionReport distribution,
    List<DownInterval> downIntervals,
    List<ProbeSummary> probes,
    long calls,
    long failovers,
    long lostCalls,
    long callsToDownBackends,
    java.util.Map<String, Double> answerRatios) {

  public AuditResult {
    findings = List.copyOf(findings);
    downIntervals = List.copyOf(downIntervals);
    probes = List.copyOf(probes);
    answerRatios = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(answerRatios));
  }

  /** Returns the findings with this code. */
  public List<Finding> findings(FindingCode code) {
    return findings.stream().filter(f -> f.code() == code).toList();
  }
}
