package io.sipaudit.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One piece of evidence for a finding: a call, a packet, a time, and what it shows.
 *
 * <p>Examples from the failover lab sample: {@code callId 17.498.lab-failover, time 08:44:28.318847, "first tried
 * 127.0.1.21:5060 (timeout), answered by 127.0.1.22:5060 after 1488 ms"}; {@code frame capture.pcap#322, time
 * 08:44:28.318847, "first request left unanswered"}.
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
