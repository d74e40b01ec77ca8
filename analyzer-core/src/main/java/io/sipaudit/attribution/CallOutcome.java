package io.sipaudit.attribution;

import java.util.Locale;

/** How a call ended, from the caller's side of the balancer. */
public enum CallOutcome {
  /** The first backend tried answered. */
  ANSWERED,
  /** A later backend answered after the first failed or timed out. */
  FAILED_OVER_ANSWERED,
  /** The backend (the only one tried) rejected it with a final 3xx-6xx, relayed to the caller. */
  REJECTED,
  /** The caller cancelled it before an answer. */
  CANCELLED,
  /** No backend answered in time (the caller got 408 or nothing). */
  TIMEOUT,
  /** Several backends were tried and every one failed. */
  FAILED_ALL,
  /** The balancer answered it itself with a failure, without trying any backend (e.g. 503, no destination). */
  REJECTED_BY_BALANCER,
  /** The capture ended before the call's INVITE got a final response. */
  UNKNOWN;

  /** Returns the JSON/CSV spelling, for example {@code failed_over_answered}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the words for people, for example {@code failed over, then answered}. */
  public String label() {
    return this == FAILED_OVER_ANSWERED ? "failed over, then answered" : id().replace('_', ' ');
  }

  /** Returns whether a backend answered the call. */
  public boolean answered() {
    return this == ANSWERED || this == FAILED_OVER_ANSWERED;
  }
}
