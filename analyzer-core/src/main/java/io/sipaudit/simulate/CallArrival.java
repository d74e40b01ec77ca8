package io.sipaudit.simulate;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One call as it reached the balancer, with what the balancer did: the input of a replay.
 *
 * <p>Example: {@code 12-4410@10.0.0.100, 09:00:01.250, From sip:1012@pbx.example.com, To sip:2048@...,
 * R-URI sip:2048@pbx.example.com, first pick 10.0.1.2:5060}.
 *
 * @param callId the Call-ID (trimmed, as Kamailio hashes it)
 * @param time when the balancer made its choice (its first INVITE to a backend)
 * @param from the From URI
 * @param to the To URI
 * @param requestUri the Request-URI as the balancer received it
 * @param authUser the digest username (Proxy-Authorization, else Authorization), or null
 * @param observedFirstPick the backend the balancer picked first ({@code ip:port}), or null when it picked none
 * @param end when the call stopped holding a backend (its BYE answered, or its INVITE's final failure: the last
 *     message of a call that ended inside the capture), or null when it was still up when the capture ended; what
 *     load-based selections (OpenSIPS load_balancer) count
 */
public record CallArrival(
    String callId, Instant time, String from, String to, String requestUri, @Nullable String authUser,
    @Nullable String observedFirstPick, @Nullable Instant end) {
  /** Returns the arrival of an attributed call: its time is the balancer's first INVITE to a backend. */
  public static CallArrival of(io.sipaudit.attribution.AttributedCall c) {
    java.time.Instant t = c.attempts().isEmpty() ? c.call().start() : c.attempts().get(0).sent();
    return new CallArrival(c.call().callId(), t, c.call().from(), c.call().to(), c.call().requestUri(), null,
        c.firstPick() == null ? null : c.firstPick().toString(), c.call().complete() ? c.call().end() : null);
  }

  /** An arrival whose end is unknown (still up at the end of the capture). */
  public CallArrival(String callId, Instant time, String from, String to, String requestUri,
      @Nullable String authUser, @Nullable String observedFirstPick) {
    this(callId, time, from, to, requestUri, authUser, observedFirstPick, null);
  }

  public CallArrival {
    requireNonNull(callId, "callId");
    requireNonNull(time, "time");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(requestUri, "requestUri");
  }
}
