package io.sipaudit.attribution;

import java.util.Locale;

/** What became of one INVITE sent by the balancer to a backend. */
public enum AttemptOutcome {
  /** The backend answered 2xx. */
  ANSWERED,
  /** The backend sent a final 3xx-6xx. */
  REJECTED,
  /** No final response, and the balancer gave up on it (tried another backend or failed the call). */
  TIMEOUT,
  /** The caller cancelled before the backend answered. */
  CANCELLED,
  /** No final response by the end of the capture. */
  NO_RESPONSE;

  /** Returns the JSON/CSV spelling, for example {@code no_response}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
