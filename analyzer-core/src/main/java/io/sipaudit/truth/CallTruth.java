package io.sipaudit.truth;

import static java.util.Objects.requireNonNull;

import java.util.List;

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
 * @param parallel with parallel forking (dispatcher algorithm 12): the destinations the INVITE was forked to at
 *     once, the first pick first; empty otherwise
 */
public record CallTruth(String callId, String firstPick, String finalPick, Outcome outcome, List<String> parallel) {
  /** A call the balancer sent to one destination at a time. */
  public CallTruth(String callId, String firstPick, String finalPick, Outcome outcome) {
    this(callId, firstPick, finalPick, outcome, List.of());
  }

  public CallTruth {
    requireNonNull(callId, "callId");
    requireNonNull(firstPick, "firstPick");
    requireNonNull(finalPick, "finalPick");
    requireNonNull(outcome, "outcome");
    parallel = List.copyOf(parallel);
    if (callId.isBlank()) {
      throw new IllegalArgumentException("blank Call-ID");
    }
  }

  /**
   * Returns whether the call moved on to another destination after the first: its final pick is neither the
   * first pick nor one of the branches forked in parallel with it.
   */
  public boolean failedOver() {
    return !firstPick.equals(finalPick) && !parallel.contains(finalPick);
  }
}
