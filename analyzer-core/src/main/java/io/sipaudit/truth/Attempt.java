package io.sipaudit.truth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One destination the balancer tried for a call, in order.
 *
 * <p>Example: call {@code 5-77@h}, attempt 2 at 12:00:03.1, destination {@code 127.0.1.12:5060}, final
 * code {@code 200}. The code is empty when the destination sent no final reply (it timed out, or the log ended).
 *
 * @param callId the call
 * @param number 1 for the first pick, 2 for the first failover destination, ...
 * @param time when the balancer chose it
 * @param destination {@code ip:port} (or {@code host:port} where the log gives a name)
 * @param code the final reply code from this destination, or {@code ""}
 */
public record Attempt(String callId, int number, Instant time, String destination, String code) {
  public Attempt {
    requireNonNull(callId, "callId");
    requireNonNull(time, "time");
    requireNonNull(destination, "destination");
    requireNonNull(code, "code");
    if (number < 1) {
      throw new IllegalArgumentException("attempt number " + number + " (expected: >= 1)");
    }
  }
}
