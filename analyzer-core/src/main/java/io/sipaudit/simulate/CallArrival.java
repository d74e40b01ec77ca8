package io.sipaudit.simulate;

import static java.util.Objects.requireNonNull;

import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.dialog.InDialogRequest;
import io.sipaudit.dialog.InviteHop;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One call as it reached the balancer, with what the balancer did: the input of a replay.
 *
 * <p>Example: {@code 12-4410@10.0.0.100, 09:00:01.250, From sip:1012@pbx.example.com, To sip:2048@...,
 * R-URI sip:2048@pbx.example.com, first pick 10.0.1.2:5060, from 10.0.0.100:5060, ended by its BYE at 09:02:11}.
 *
 * @param callId the Call-ID (trimmed, as Kamailio hashes it)
 * @param time when the balancer made its choice (its first INVITE to a backend)
 * @param from the From URI
 * @param to the To URI
 * @param requestUri the Request-URI as the balancer received it
 * @param authUser the digest username (Proxy-Authorization, else Authorization), or null
 * @param observedFirstPick the backend the balancer picked first ({@code ip:port}), or null when it picked none
 * @param source the address the INVITE reached the balancer from ({@code ip:port}), or null
 * @param end when the call stopped holding a backend (its BYE or CANCEL, or the final failure of its INVITE), or
 *     null when the capture does not show it
 */
public record CallArrival(
    String callId, Instant time, String from, String to, String requestUri, @Nullable String authUser,
    @Nullable String observedFirstPick, @Nullable String source, @Nullable Instant end) {

  public CallArrival {
    requireNonNull(callId, "callId");
    requireNonNull(time, "time");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(requestUri, "requestUri");
  }

  public CallArrival(String callId, Instant time, String from, String to, String requestUri,
      @Nullable String authUser, @Nullable String observedFirstPick) {
    this(callId, time, from, to, requestUri, authUser, observedFirstPick, null, null);
  }

  /** An arrival whose source is not known. */
  public CallArrival(String callId, Instant time, String from, String to, String requestUri,
      @Nullable String authUser, @Nullable String observedFirstPick, @Nullable Instant end) {
    this(callId, time, from, to, requestUri, authUser, observedFirstPick, null, end);
  }

  /** Returns the arrival of an attributed call: its time is the balancer's first INVITE to a backend. */
  public static CallArrival of(AttributedCall c) {
    Instant t = c.attempts().isEmpty() ? c.call().start() : c.attempts().get(0).sent();
    String authUser = null;
    Instant cancelled = null;
    Instant failed = null;
    for (InviteHop h : c.call().hops()) {
      if (c.balancer() != null && h.dst().equals(c.balancer())) {
        authUser = authUser == null ? h.authUser() : authUser;   // the INVITE as the balancer received it
        cancelled = cancelled == null ? h.cancelledAt() : cancelled;
        if (h.finalCode() >= 300 && h.finalAt() != null) {
          failed = h.finalAt();
        }
      }
    }
    Instant end = null;
    for (InDialogRequest r : c.call().inDialog()) {
      if (r.method().equals(io.sipaudit.sip.SipMethod.BYE)) {
        end = r.sent();
        break;
      }
    }
    if (end == null) {
      end = cancelled != null ? cancelled : failed;
    }
    return new CallArrival(c.call().callId(), t, c.call().from(), c.call().to(), c.call().requestUri(), authUser,
        c.firstPick() == null ? null : c.firstPick().toString(), c.client() == null ? null : c.client().toString(),
        end);
  }
}
