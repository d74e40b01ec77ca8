/**
 * Health of the destinations, from the traffic: whether each node answered the requests sent to it, its down
 * intervals, and the balancer's health-check probes (OPTIONS by default) with their intervals, replies and
 * round-trip times.
 *
 * <p>Pipeline stage after {@code ingest}: {@link io.sipaudit.health.HealthTracker} sees every ingest event,
 * like {@code dialog.CallAssembler}, and keeps state per destination, so memory follows the destinations and
 * the requests in flight, not the capture.
 */
@NullMarked
package io.sipaudit.health;

import org.jspecify.annotations.NullMarked;
