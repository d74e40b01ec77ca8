package io.sipaudit.attribution;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One backend the balancer tried for a call, in order.
 *
 * <p>Example: {@code 127.0.1.21:5060, sent 08:44:28.318847, timeout, status 0, round 1}, then
 * {@code 127.0.1.22:5060, sent 08:44:29.807495, answered, status 200, round 2} (serial failover). A forked INVITE
 * (Kamailio dispatcher algorithm 12) gives several attempts of round 1, each {@code parallel}.
 *
 * @param backend where the INVITE went
 * @param sent when the balancer sent it
 * @param outcome what became of it
 * @param status the backend's final status code, 0 when there was none
 * @param pddMs INVITE to the backend's first 18x, or null
 * @param setupMs INVITE to the backend's 2xx, or null
 * @param srdMs RFC 6076 session request delay: INVITE to the first response other than 100 (provisional or
 *     final), or null when there was none
 * @param round 1 for the attempts sent first; an attempt sent while the previous one was still pending (no final
 *     response, not cancelled, over UDP not yet retransmitted, over TCP less than {@link #FORK_WINDOW} before) is
 *     in the previous one's round, forked in parallel; any other starts the next round (a serial failover)
 * @param parallel whether another attempt shares its round
 */
public record Attempt(
    Endpoint backend, Instant sent, AttemptOutcome outcome, int status, @Nullable Long pddMs, @Nullable Long setupMs,
    @Nullable Long srdMs, int round, boolean parallel) {
  /**
   * How soon after the previous attempt a branch must leave to be parallel over TCP (over UDP: before the previous
   * one's first retransmission, T1 = 500 ms). A fork's branches leave in one pass of
   * the proxy's relay loop (microseconds apart on the lab's Kamailio); a serial failover waits for a response or a
   * timer, and no failure timer is this short in practice (Kamailio's fr_timer defaults to 30 s).
   */
  public static final java.time.Duration FORK_WINDOW = java.time.Duration.ofMillis(100);

  public Attempt {
    requireNonNull(backend, "backend");
    requireNonNull(sent, "sent");
    requireNonNull(outcome, "outcome");
  }
}
