package io.sipaudit.truth;

import static java.util.Objects.requireNonNull;

/**
 * What the balancer really did with one call: a row of {@code truth.csv}.
 *
 * <p>Example row: {@code 12-4410@127.0.1.100,127.0.1.12:5060,127.0.1.13:5060,answered}: the balancer first
 * chose .12, failed over, and .13 answered. Picks are empty when the balancer had no destination.
 *
 * @param callId the call's Call-ID
 * @param firstPick the destination chosen first, {@code ip:port}
 * @param finalPick the last destination tried (the one that answered, for answered calls)
 * @param outcome how the call ended
 */
public record CallTruth(String callId, String firstPick, String finalPick, Outcome outcome) {
  public CallTruth {
    requireNonNull(callId, "callId");
    requireNonNull(firstPick, "firstPick");
    requireNonNull(finalPick, "finalPick");
    requireNonNull(outcome, "outcome");
    if (callId.isBlank()) {
      throw new IllegalArgumentException("blank Call-ID");
    }
  }

  /** Returns whether the call went to more than one destination. */
  public boolean failedOver() {
    return !firstPick.equals(finalPick);
  }
}
