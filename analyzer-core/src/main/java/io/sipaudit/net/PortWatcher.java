package io.sipaudit.net;

/**
 * A side observer of one port: it is handed the UDP datagrams and the TCP stream data to or from that port, besides
 * (not instead of) the SIP reading. Used for DNS (port 53): the answers a balancer got. Calls come on the thread
 * that consumes the ingest's events, in input order; a datagram's payload is a private copy, stream data is valid
 * only during the call.
 *
 * <p>Example: {@code new SipIngest().watch(new DnsAnswers())} sees every datagram whose source or destination port
 * is 53.
 */
public interface PortWatcher {

  /** Returns the port watched, e.g. 53. */
  int port();

  /** Takes one UDP datagram to or from the port. */
  void datagram(Datagram d);

  /** Takes in-order bytes of one direction of a TCP connection to or from the port. */
  default void stream(StreamData s) {
  }

  /** Tells that one direction of such a TCP connection ended. */
  default void closed(StreamClosed c) {
  }
}
