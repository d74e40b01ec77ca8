package io.sipaudit.truth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One decision logged by the lab balancer.
 *
 * <p>Parsed from {@code LBTRUTH t=1764139200.123456 ev=next ci=7-99@h dst=sip:127.0.1.12:5060}: time,
 * kind {@code next}, Call-ID {@code 7-99@h}, and the remaining fields ({@code dst}) by name.
 *
 * @param time when the balancer logged it
 * @param kind what happened
 * @param callId the Call-ID of the call it concerns
 * @param fields the other {@code key=value} fields, such as {@code dst}, {@code code}, {@code src}
 * @param line the 1-based line number in the log, for error messages
 */
public record TruthEvent(Instant time, Kind kind, String callId, Map<String, String> fields, long line) {

  /** The event kinds the lab's balancer script logs. */
  public enum Kind {
    /** {@code ds_select_dst} chose {@code dst}. */
    SELECT,
    /** With algorithm 12, {@code ds_select_dst} appended {@code dst} as a branch forked in parallel with the first. */
    BRANCH,
    /** {@code ds_next_dst} moved to {@code dst} after a failure. */
    NEXT,
    /** {@code ds_select_dst} found no usable destination. */
    NODST,
    /** The call was relayed to the SRV domain {@code dst} (DNS picks the address). */
    SRV,
    /** An initial INVITE left the balancer for {@code dst} (the real address). */
    SEND,
    /** A final reply {@code code} to the INVITE arrived from {@code src}. */
    REPLY,
    /** The failure route ran with the winning reply {@code code} (408 for a timeout). */
    FAIL,
    /** No failover destination was left. */
    EXHAUSTED
  }

  public TruthEvent {
    requireNonNull(time, "time");
    requireNonNull(kind, "kind");
    requireNonNull(callId, "callId");
    fields = Map.copyOf(fields);
  }

  /** Returns the named field, or {@code null} when the line did not have it. */
  public @org.jspecify.annotations.Nullable String field(String name) {
    return fields.get(name);
  }
}
