package io.sipaudit.textlog;

/**
 * Which way a message went, seen from the node that wrote a node-centric log.
 *
 * <p>Example: PJSIP's {@code <--- Received SIP request ... from UDP:192.0.2.10:5060 --->} is {@link #IN}, with the
 * peer as sender; {@code Transmitting ... to} is {@link #OUT}, with the peer as receiver.
 */
enum Direction {
  /** Received by the logging node: the peer sent it. */
  IN,
  /** Sent by the logging node to the peer. */
  OUT,
  /** The trace does not say (sngrep, ngrep, tcpdump give both addresses; bare SIP gives none). */
  UNKNOWN
}
