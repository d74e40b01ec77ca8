/**
 * The DNS SRV simulator: how a proxy or client that relays by SRV records (RFC 2782, RFC 3263) orders the targets
 * of one transaction, and which it tries first and next.
 *
 * <p>{@link io.sipaudit.simulate.srv.SrvBehaviour} is the registry of behaviours (Kamailio's core resolver with and
 * without {@code dns_srv_lb}, the RFC as written, OpenSIPS' {@code sort_srvs}, reSIProcate, PJSIP, jain-sip.ext, a
 * client that caches one choice per TTL); {@link io.sipaudit.simulate.srv.SrvReplay} replays the calls in arrival
 * order with Kamailio's dst blocklist fed by the capture's unanswered INVITEs, and sums the exact first-pick
 * probabilities for the goodness-of-fit test of the random behaviours.
 */
@NullMarked
package io.sipaudit.simulate.srv;

import org.jspecify.annotations.NullMarked;
