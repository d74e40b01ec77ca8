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

  /**
   * Returns where the sender listens: the source over UDP; over TCP and the other connection transports, whose
   * source port is ephemeral, the top Via's sent-by when it is a literal address (port 5060 when it has none),
   * else the source address with port 0. Example: a TCP request from {@code 127.0.1.1:41234} with
   * {@code Via: SIP/2.0/TCP 127.0.1.1:5060} was sent by {@code 127.0.1.1:5060}.
   */
  public Endpoint listeningSource() {
    if (transport == io.sipaudit.net.Transport.UDP) {
      return src;
    }
    try {
      io.sipaudit.sip.header.Via v = message.topVia();
      if (v != null) {
        return Endpoint.parse((v.host().contains(":") ? "[" + v.host() + "]" : v.host()) + ":"
            + (v.port() > 0 ? v.port() : 5060));
      }
    } catch (RuntimeException notALiteralAddress) {
      // fall through
    }
    return new Endpoint(src.address(), 0);
  }
}
