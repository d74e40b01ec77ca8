package io.sipaudit.simulate;

import java.time.Instant;

/**
 * Where the capture's health evidence goes: each probe's result when the balancer learnt it, and each time its
 * failure route marked a destination. Implemented by the state machines of each balancer ({@link HealthModel}
 * for Kamailio, {@code OpenSipsHealth} for OpenSIPS).
 *
 * <p>Example: {@code probe(08:44:29.6, "127.0.1.21:5060", false)} for an OPTIONS that tm gave up on.
 */
public interface HealthEvents {
  /** Records a probe's result as the balancer learnt it at {@code at}. */
  void probe(Instant at, String destination, boolean success);

  /** Records that the failure route marked {@code destination} at {@code at}. */
  void mark(Instant at, String destination);

  /** Records a ping's round trip in ms (−1: timed out), for balancers that keep latency statistics. */
  default void latency(Instant at, String destination, int ms) {
  }
}
