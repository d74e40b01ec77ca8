/**
 * Ground truth from the lab: the balancer's own log of its decisions, turned into per-call records.
 *
 * <p>The lab's Kamailio script logs one {@code LBTRUTH} line per decision, for example
 * {@code LBTRUTH t=1764139200.123456 ev=select ci=1-42@127.0.1.100 dst=sip:127.0.1.11:5060}.
 * {@link io.sipaudit.truth.TruthLogParser} reads those lines, {@link io.sipaudit.truth.GroundTruthBuilder}
 * folds them into one {@link io.sipaudit.truth.CallTruth} per call with its {@link io.sipaudit.truth.Attempt}s,
 * and {@link io.sipaudit.truth.GroundTruthCsv} writes and reads {@code truth.csv} and {@code attempts.csv}.
 * Later stages compare their attribution and simulation with these files.
 */
@NullMarked
package io.sipaudit.truth;

import org.jspecify.annotations.NullMarked;
