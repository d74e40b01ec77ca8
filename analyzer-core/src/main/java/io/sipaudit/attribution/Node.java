package io.sipaudit.attribution;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;

/**
 * A node of the topology with the evidence for its role.
 *
 * <p>Example: {@code 127.0.1.1:5060 balancer: balanced 90 calls, sent 71 probes}.
 *
 * @param address where it listens (ip:port)
 * @param role its role
 * @param callsBalanced calls it forwarded to backends
 * @param callsOffered calls offered to it as a backend (attempts it received)
 * @param callsStarted calls it sent to a balancer
 * @param probesSent OPTIONS requests it sent
 * @param probesReceived OPTIONS requests it received
 * @param callsBridged calls for which it received one leg and sent another with a new Call-ID (a B2BUA, an SBC)
 */
public record Node(
    Endpoint address, NodeRole role, long callsBalanced, long callsOffered, long callsStarted, long probesSent,
    long probesReceived, long callsBridged) {
  public Node {
    requireNonNull(address, "address");
    requireNonNull(role, "role");
  }
}
