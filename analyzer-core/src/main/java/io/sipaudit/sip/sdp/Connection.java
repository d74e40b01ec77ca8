package io.sipaudit.sip.sdp;

import static java.util.Objects.requireNonNull;

/**
 * An SDP connection line, {@code c=} (RFC 4566 §5.7): where media is sent.
 *
 * <p>Example: {@code c=IN IP4 203.0.113.7} gives network type {@code IN}, address type {@code IP4} and address
 * {@code 203.0.113.7}; for multicast {@code c=IN IP4 233.252.0.1/127} the address keeps its {@code /ttl} suffix.
 *
 * <pre>connection-field = [%x63 "=" nettype SP addrtype SP connection-address CRLF]</pre>
 *
 * @param networkType normally {@code "IN"}
 * @param addressType {@code "IP4"} or {@code "IP6"}
 * @param address the connection address as written
 */
public record Connection(String networkType, String addressType, String address) {
  public Connection {
    requireNonNull(networkType, "networkType");
    requireNonNull(addressType, "addressType");
    requireNonNull(address, "address");
  }

  /** Returns whether the address is the "hold" address {@code 0.0.0.0} of RFC 2543 style holds. */
  public boolean isHold() {
    return address.equals("0.0.0.0");
  }
}
