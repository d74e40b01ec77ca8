/**
 * Audit findings: what went wrong with the distribution, the health checks and the failover, each with a stable
 * code, a severity, evidence and a remedy; and the verdict of a policy over them ({@code sipaudit check}).
 *
 * <p>Last pipeline stage in analyzer-core: {@link io.sipaudit.audit.CallLedger} sums the attributed calls,
 * {@link io.sipaudit.audit.Auditor} reads the ledger, the {@code health} tracker and the expectation (the
 * configuration, through the simulator, or equal shares) and writes {@link io.sipaudit.audit.Finding}s;
 * {@link io.sipaudit.audit.Verdict} applies an {@link io.sipaudit.audit.AuditPolicy}. Catalogue:
 * docs/findings.md.
 */
@NullMarked
package io.sipaudit.audit;

import org.jspecify.annotations.NullMarked;
