package io.sipaudit.net;

import java.util.Arrays;

/**
 * A bounded, direct-mapped cache of {@link Endpoint}s by raw address bytes and port, so that the few thousand
 * endpoints of a capture are built once instead of once per packet (an {@link Endpoint} holds an
 * {@link java.net.InetAddress}, which costs two objects and a copy of the address).
 *
 * <p>Example: the second {@code get({10,0,0,1}, 5060)} returns the instance the first one built. Each address and
 * port hashes to one of {@link #SLOTS} slots; a miss replaces the slot's entry, so memory stays constant whatever
 * the number of endpoints. Endpoints compare by value, so which instance comes back never matters for
 * correctness. Not thread-safe: one per {@link NetDecoder}.
 */
final class EndpointCache {
  static final int SLOTS = 16384;

  private final byte[][] addresses = new byte[SLOTS][];
  private final int[] ports = new int[SLOTS];
  private final Endpoint[] endpoints = new Endpoint[SLOTS];

  /** Returns the endpoint for a 4- or 16-byte address and a port; {@code address} is not kept. */
  Endpoint get(byte[] address, int port) {
    int slot = slot(address, port);
    Endpoint e = endpoints[slot];
    if (e != null && ports[slot] == port && Arrays.equals(addresses[slot], address)) {
      return e;
    }
    e = Endpoint.of(address, port);
    addresses[slot] = address.clone();
    ports[slot] = port;
    endpoints[slot] = e;
    return e;
  }

  private static int slot(byte[] address, int port) {
    int h = port;
    for (byte b : address) {
      h = h * 31 + b;
    }
    h *= 0x9E3779B9;   // Fibonacci hashing: spreads neighbouring addresses over the table
    return h >>> (32 - Integer.numberOfTrailingZeros(SLOTS));
  }
}
