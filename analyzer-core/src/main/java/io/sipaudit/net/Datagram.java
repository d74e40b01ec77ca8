package io.sipaudit.net;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A whole application payload: a UDP datagram (after IP reassembly), an SCTP DATA message, a WebSocket
 * message, or the SIP payload of a HEP packet.
 *
 * <p>Example: {@code 127.0.1.100:5060 -> 127.0.1.1:5060 UDP, 709 bytes, frame 1}.
 *
 * @param ref where it came from (the last fragment's frame for a reassembled datagram)
 * @param src sender
 * @param dst receiver
 * @param transport UDP, SCTP, WS, or for HEP the transport the HEP header names
 * @param payload the bytes, read-only
 * @param captureAgentId the HEP capture agent id, or null when not HEP
 */
public record Datagram(
    PacketRef ref,
    Endpoint src,
    Endpoint dst,
    Transport transport,
    ByteBuffer payload,
    @Nullable Long captureAgentId) implements NetEvent {

  public Datagram {
    requireNonNull(ref, "ref");
    requireNonNull(src, "src");
    requireNonNull(dst, "dst");
    requireNonNull(transport, "transport");
    requireNonNull(payload, "payload");
    payload = payload.isReadOnly() ? payload : payload.asReadOnlyBuffer();
  }
}
