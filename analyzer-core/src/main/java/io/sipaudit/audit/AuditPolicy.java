package io.sipaudit.audit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The thresholds of the audit and of {@code sipaudit check}; read from a policy file (docs/findings.md) or
 * {@link #DEFAULTS}.
 *
 * <p>Example: {@code skewPValue 0.001, maxShareDeviation 0.05}: the shares are skewed when chance explains the
 * deviation with probability under 0.1% and some backend is more than 5 points off its expected share.
 *
 * @param skewPValue DISTRIBUTION_SKEW needs a goodness-of-fit p-value below this …
 * @param maxShareDeviation … and a backend whose share is further than this from its expected share (0.05 = 5 points)
 * @param skewWindow the windows tested for transient skew (each is also tested, with the p-value divided by the
 *     number of windows)
 * @param minWindowCalls windows with fewer calls are not tested on their own
 * @param answerTimeout a request without any response this long after it was sent is unanswered
 * @param downAfter unanswered requests in a row that make a backend down
 * @param probeInterval the longest acceptable usual probe interval, or null for no requirement
 * @param maxLostCalls the check fails with more lost calls than this
 * @param minAnswerRatio the check fails when a backend answered a smaller part of the attempts it got
 * @param maxCallsToDownBackends the check fails when more calls than this went to down backends; null: not checked
 * @param failOn finding codes that fail the check whenever they are found
 */
public record AuditPolicy(
    double skewPValue,
    double maxShareDeviation,
    Duration skewWindow,
    long minWindowCalls,
    Duration answerTimeout,
    int downAfter,
    @Nullable Duration probeInterval,
    long maxLostCalls,
    double minAnswerRatio,
    @Nullable Long maxCallsToDownBackends,
    Set<FindingCode> failOn) {

  /** The defaults, as documented in docs/findings.md. */
  public static final AuditPolicy DEFAULTS = new AuditPolicy(0.001, 0.05, Duration.ofMinutes(1), 30,
      Duration.ofSeconds(4), 2, null, 0, 0.0, null,
      EnumSet.of(FindingCode.BACKEND_DOWN, FindingCode.DISTRIBUTION_SKEW, FindingCode.DIALOG_PINNING_VIOLATION));

  public AuditPolicy {
    requireNonNull(skewWindow, "skewWindow");
    requireNonNull(answerTimeout, "answerTimeout");
    if (!(skewPValue > 0 && skewPValue < 1)) {
      throw new IllegalArgumentException("skew p-value must be between 0 and 1: " + skewPValue);
    }
    if (!(maxShareDeviation >= 0 && maxShareDeviation <= 1)) {
      throw new IllegalArgumentException("max share deviation must be between 0 and 1: " + maxShareDeviation);
    }
    if (skewWindow.isNegative() || skewWindow.isZero()) {
      throw new IllegalArgumentException("skew window must be positive: " + skewWindow);
    }
    if (!(minAnswerRatio >= 0 && minAnswerRatio <= 1)) {
      throw new IllegalArgumentException("min answer ratio must be between 0 and 1: " + minAnswerRatio);
    }
    if (answerTimeout.isNegative() || answerTimeout.isZero()) {
      throw new IllegalArgumentException("answer timeout must be positive: " + answerTimeout);
    }
    if (downAfter < 1) {
      throw new IllegalArgumentException("down_after must be at least 1: " + downAfter);
    }
    if (minWindowCalls < 0) {
      throw new IllegalArgumentException("min window calls must not be negative: " + minWindowCalls);
    }
    if (maxCallsToDownBackends != null && maxCallsToDownBackends < 0) {
      throw new IllegalArgumentException("max calls to down backends must not be negative: " + maxCallsToDownBackends);
    }
    if (maxLostCalls < 0) {
      throw new IllegalArgumentException("max lost calls must not be negative: " + maxLostCalls);
    }
    failOn = failOn.isEmpty() ? EnumSet.noneOf(FindingCode.class) : EnumSet.copyOf(failOn);
  }

  /** Returns the health options these thresholds imply. */
  public io.sipaudit.health.HealthOptions healthOptions() {
    return io.sipaudit.health.HealthOptions.DEFAULTS.withAnswerTimeout(answerTimeout).withDownAfter(downAfter);
  }
}
