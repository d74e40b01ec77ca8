package io.sipaudit.audit;

/**
 * The stable codes of findings, catalogued with an example each in docs/findings.md. Codes never change
 * meaning; new ones may be added.
 */
public enum FindingCode {
  /** A backend answered nothing for a while: one finding per down interval. */
  BACKEND_DOWN,
  /** Calls were still sent to a backend while it answered nothing. */
  TRAFFIC_TO_DOWN_BACKEND,
  /** Calls were retried on another backend after their first one failed. */
  FAILOVER,
  /** Calls failed for the caller because of a backend or balancer failure (408, 5xx, no destination). */
  CALLS_LOST,
  /** The observed shares of the backends differ from the expected ones beyond chance. */
  DISTRIBUTION_SKEW,
  /** The balancer's health-check probes to a destination are irregular: gaps, or probing stopped. */
  PROBE_IRREGULAR,
  /** A backend that takes calls is not probed at all. */
  PROBE_MISSING,
  /** Probes were answered with codes the balancer counts as failures. */
  PROBE_REPLY_FAILURE,
  /** In-dialog requests (ACK, BYE, re-INVITE) went to another backend than the one that answered the INVITE. */
  DIALOG_PINNING_VIOLATION,
  /** Weights are configured but the algorithm in use ignores them. */
  WEIGHTS_IGNORED,
  /**
   * While a destination was out of rotation, its whole share went to one neighbour (the next in the set), as
   * Kamailio's hash, random and weight algorithms do (kamailio#2361).
   */
  HASH_FAILOVER_HOTSPOT,
  /** Under call-load balancing (Kamailio algorithm 10) one backend carried more concurrent calls than its share. */
  CONCURRENT_CALL_SKEW
}
