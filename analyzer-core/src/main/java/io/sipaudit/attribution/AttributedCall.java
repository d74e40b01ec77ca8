package io.sipaudit.attribution;

import static java.util.Objects.requireNonNull;

import io.sipaudit.dialog.CallRecord;
import io.sipaudit.net.Endpoint;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A call with its balancer, its ordered attempts and the backend that finally handled it.
 *
 * <p>Example: call {@code 17.498.lab-failover}, client {@code 127.0.1.100:5060}, balancer
 * {@code 127.0.1.1:5060}, attempts [.21 timeout, .22 answered], backend {@code 127.0.1.22:5060},
 * {@code failed_over_answered}, PDD 1490 ms, failover after 1488 ms.
 *
 * @param call the assembled call
 * @param client the node that sent the call to the balancer, or null when the capture starts at the balancer
 * @param balancer the node that chose the backends, or null when no hop was seen
 * @param attempts the balancer's INVITEs, in the order sent
 * @param backend the backend that answered, else the last one tried; null when none was tried
 * @param outcome how the call ended
 * @param finalStatus the final status the caller got (or the last backend's, without a client hop); 0 for none
 * @param pddMs post-dial delay seen by the caller: INVITE to first 18x, or null
 * @param setupMs INVITE to 2xx as seen by the caller, or null
 * @param durationMs 2xx to BYE, or null
 * @param failoverMs first attempt to the first attempt of the last round, when there were several rounds, or null
 * @param pinningViolations in-dialog requests the balancer sent to another backend than the one that answered
 * @param srdMs RFC 6076 session request delay seen by the caller, or null
 * @param sddMs RFC 6076 session disconnect delay: the first BYE to its final response, or null
 * @param completedByBye answered, and ended by a BYE that got a 2xx
 */
public record AttributedCall(
    CallRecord call,
    @Nullable Endpoint client,
    @Nullable Endpoint balancer,
    List<Attempt> attempts,
    @Nullable Endpoint backend,
    CallOutcome outcome,
    int finalStatus,
    @Nullable Long pddMs,
    @Nullable Long setupMs,
    @Nullable Long durationMs,
    @Nullable Long failoverMs,
    List<String> pinningViolations,
    @Nullable Long srdMs,
    @Nullable Long sddMs,
    boolean completedByBye) {

  public AttributedCall {
    requireNonNull(call, "call");
    requireNonNull(outcome, "outcome");
    attempts = List.copyOf(attempts);
    pinningViolations = List.copyOf(pinningViolations);
  }

  /** Returns the first backend tried, or null. */
  public @Nullable Endpoint firstPick() {
    return attempts.isEmpty() ? null : attempts.get(0).backend();
  }

  /**
   * Returns whether the call moved on from its first backend to another in a later round: the backend that
   * answered (or was tried last) was not among the branches forked in parallel with the first attempt.
   */
  public boolean failedOver() {
    if (attempts.size() < 2 || backend == null || backend.equals(attempts.get(0).backend())) {
      return false;
    }
    return finalAttempt().round() > attempts.get(0).round();
  }

  /** Returns the attempt that answered, else the last one; the call must have attempts. */
  public Attempt finalAttempt() {
    for (Attempt a : attempts) {
      if (a.outcome() == AttemptOutcome.ANSWERED) {
        return a;
      }
    }
    return attempts.get(attempts.size() - 1);
  }
}
