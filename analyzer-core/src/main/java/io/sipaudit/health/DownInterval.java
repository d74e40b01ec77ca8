package io.sipaudit.health;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A time when a destination answered nothing: from the first request it left without any response to the
 * first response it sent again.
 *
 * <p>Example: {@code 127.0.1.21:5060} down from 08:44:28.318847 (an INVITE, frame 322) to 08:44:36.266726;
 * 19 requests unanswered, of which 7 probes and 8 calls (the last one sent at 08:44:29.719583); back in rotation
 * with a call at 08:44:36.920946.
 *
 * @param destination the node
 * @param start when the first unanswered request was sent
 * @param end when it answered again, or null when the capture ended first
 * @param firstUnanswered where that first request is in the input
 * @param recoveredBy the response that ended the interval, or null
 * @param unanswered requests left without response in the interval (retransmissions not counted)
 * @param unansweredProbes of those, the probes
 * @param callsSent initial INVITEs sent to it in the interval: calls that went to a dead destination
 * @param firstCallSent when the first of those was sent, or null
 * @param lastCallSent when the last of those was sent (the balancer stopped sending it calls after that), or null
 * @param callIds the Call-IDs of the first few of those calls (evidence; at most {@link #EVIDENCE})
 * @param backInRotation when the first call after the interval was sent to it, or null
 */
public record DownInterval(
    Endpoint destination,
    Instant start,
    @Nullable Instant end,
    PacketRef firstUnanswered,
    @Nullable PacketRef recoveredBy,
    long unanswered,
    long unansweredProbes,
    long callsSent,
    @Nullable Instant firstCallSent,
    @Nullable Instant lastCallSent,
    List<String> callIds,
    @Nullable Instant backInRotation) {

  /** How many Call-IDs are kept as evidence. */
  public static final int EVIDENCE = 10;

  public DownInterval {
    requireNonNull(destination, "destination");
    requireNonNull(start, "start");
    requireNonNull(firstUnanswered, "firstUnanswered");
    callIds = List.copyOf(callIds);
  }

  /** Returns how long it lasted, up to {@code captureEnd} when it had not ended. */
  public Duration length(Instant captureEnd) {
    Instant e = end != null ? end : captureEnd;
    return e.isBefore(start) ? Duration.ZERO : Duration.between(start, e);
  }
}
