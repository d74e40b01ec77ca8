package io.sipaudit.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One piece of evidence for a finding: a call, a packet, a time, and what it shows.
 *
 * <p>Example: {@code callId 17.17788.lab-failover, frame capture.pcap#431, time 04:47:34.773, "INVITE to
 * 127.0.1.21:5060 unanswered; retried on 127.0.1.22:5060 after 1501 ms"}.
 *
 * @param callId the call, or null
 * @param frame where in the input ({@code file#frame}), or null
 * @param time when, or null
 * @param note what it shows
 */
public record Evidence(@Nullable String callId, @Nullable String frame, @Nullable Instant time, String note) {
  public Evidence {
    requireNonNull(note, "note");
  }
}
