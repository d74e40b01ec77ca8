package io.sipaudit.attribution;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One backend the balancer tried for a call, in order.
 *
 * <p>Example: {@code 127.0.1.21:5060, sent 08:44:28.318847, timeout, status 0}, then
 * {@code 127.0.1.22:5060, sent 08:44:29.807495, answered, status 200}.
 *
 * @param backend where the INVITE went
 * @param sent when the balancer sent it
 * @param outcome what became of it
 * @param status the backend's final status code, 0 when there was none
 * @param pddMs INVITE to the backend's first 18x, or null
 * @param setupMs INVITE to the backend's 2xx, or null
 * @param srdMs RFC 6076 session request delay: INVITE to the first response other than 100 (provisional or
 *     final), or null when there was none
 */
public record Attempt(
    Endpoint backend, Instant sent, AttemptOutcome outcome, int status, @Nullable Long pddMs, @Nullable Long setupMs,
    @Nullable Long srdMs) {
  public Attempt {
    requireNonNull(backend, "backend");
    requireNonNull(sent, "sent");
    requireNonNull(outcome, "outcome");
  }
}
