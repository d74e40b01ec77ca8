package io.sipaudit.health;

import static java.util.Objects.requireNonNull;

import io.sipaudit.sip.SipMethod;
import java.time.Duration;
import java.util.Set;

/**
 * How {@link HealthTracker} judges answers.
 *
 * <p>Example: the defaults, {@code answerTimeout 4 s, downAfter 2, probeMethod OPTIONS, probeSuccess 2xx}: a
 * destination that lets two requests in a row go without any response for 4 s is down from the first of them.
 *
 * @param answerTimeout a request with no response at all (not even 100 Trying) this long after it was sent is
 *     unanswered; a live UDP server answers within milliseconds
 * @param downAfter how many unanswered requests in a row (probes and calls alike) make a destination down
 * @param probeMethod the method of the balancer's health checks ({@code ds_ping_method})
 * @param probeSuccessCodes final codes, besides 2xx, that count as a successful probe ({@code ds_ping_reply_codes});
 *     a class is given as its hundred, e.g. {@code 4} for 4xx
 * @param probeSuccessClasses classes (1-6) whose codes count as a successful probe
 */
public record HealthOptions(
    Duration answerTimeout, int downAfter, SipMethod probeMethod, Set<Integer> probeSuccessCodes,
    Set<Integer> probeSuccessClasses) {

  /** Four seconds, two requests, OPTIONS, 2xx only. */
  public static final HealthOptions DEFAULTS =
      new HealthOptions(Duration.ofSeconds(4), 2, SipMethod.OPTIONS, Set.of(), Set.of());

  public HealthOptions {
    requireNonNull(answerTimeout, "answerTimeout");
    requireNonNull(probeMethod, "probeMethod");
    if (answerTimeout.isNegative() || answerTimeout.isZero()) {
      throw new IllegalArgumentException("answer timeout must be positive: " + answerTimeout);
    }
    if (downAfter < 1) {
      throw new IllegalArgumentException("downAfter must be at least 1: " + downAfter);
    }
    probeSuccessCodes = Set.copyOf(probeSuccessCodes);
    probeSuccessClasses = Set.copyOf(probeSuccessClasses);
  }

  /** Returns whether a probe's final status counts as success, as dispatcher's {@code ds_options_callback} does. */
  public boolean probeSucceeded(int status) {
    return (status >= 200 && status < 300) || probeSuccessCodes.contains(status)
        || probeSuccessClasses.contains(status / 100);
  }

  /** Returns a copy with another answer timeout. */
  public HealthOptions withAnswerTimeout(Duration d) {
    return new HealthOptions(d, downAfter, probeMethod, probeSuccessCodes, probeSuccessClasses);
  }

  /** Returns a copy with another threshold. */
  public HealthOptions withDownAfter(int n) {
    return new HealthOptions(answerTimeout, n, probeMethod, probeSuccessCodes, probeSuccessClasses);
  }
}
