package io.sipaudit.ingest;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipMessage;
import org.jspecify.annotations.Nullable;

/**
 * One parsed SIP message and where it travelled.
 *
 * <p>Example: frame 3 of {@code rr-alg4/capture.pcap}, {@code 127.0.1.1:5060 -> 127.0.1.13:5060} over UDP,
 * {@code INVITE sip:2000@lab.example}.
 *
 * @param ref file, frame (the last one, for reassembled messages) and capture time
 * @param src sender
 * @param dst receiver
 * @param transport UDP, TCP, SCTP, WS, or what HEP said
 * @param message the message
 * @param problem what was wrong with a message that could still be read, or null: for example
 *     {@code "truncated: Content-Length 900, 512 bytes left"} or {@code "Content-Length 'bad' is not a number"}
 */
public record SipPacket(
    PacketRef ref, Endpoint src, Endpoint dst, Transport transport, SipMessage message, @Nullable String problem)
    implements IngestEvent {

  public SipPacket {
    requireNonNull(ref, "ref");
    requireNonNull(src, "src");
    requireNonNull(dst, "dst");
    requireNonNull(transport, "transport");
    requireNonNull(message, "message");
  }
}
