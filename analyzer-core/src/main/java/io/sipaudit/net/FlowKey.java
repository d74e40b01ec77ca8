package io.sipaudit.net;

import static java.util.Objects.requireNonNull;

/**
 * One direction of a TCP connection: {@code 127.0.1.100:40112 -> 127.0.1.1:5060}.
 *
 * @param src the sender of the bytes in this direction
 * @param dst the receiver
 */
public record FlowKey(Endpoint src, Endpoint dst) {
  public FlowKey {
    requireNonNull(src, "src");
    requireNonNull(dst, "dst");
  }

  /** Returns the opposite direction of the same connection. */
  public FlowKey reverse() {
    return new FlowKey(dst, src);
  }

  @Override
  public String toString() {
    return src + " -> " + dst;
  }
}
