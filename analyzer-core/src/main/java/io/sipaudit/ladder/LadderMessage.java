package io.sipaudit.ladder;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import org.jspecify.annotations.Nullable;

/**
 * One arrow of a ladder diagram: a SIP message, where it went, and its text.
 *
 * <p>Example: frame 399 of {@code priority-alg8-failover/capture.pcap}, {@code 127.0.1.1:5060 -> 127.0.1.22:5060}
 * over UDP, summary {@code "INVITE sip:sybil.16@lab.example"}; its answer has summary {@code "200 OK (INVITE)"} and
 * status 200.
 *
 * @param ref file, frame, offset and capture time
 * @param src sender
 * @param dst receiver
 * @param transport the transport
 * @param summary a request's method and Request-URI ({@code "INVITE sip:2000@lab.example"}), a response's status,
 *     reason and CSeq method ({@code "503 Service Unavailable (INVITE)"}), or a malformed message's first line
 * @param status a response's status code; 0 for a request or a message that could not be parsed
 * @param callId the Call-ID
 * @param text the whole message, headers and body, possibly cut short with {@code "[… N more characters]"}
 * @param retransmission whether the same message (sender, receiver, first line, CSeq, top Via branch) was already
 *     in the ladder
 * @param problem what was wrong with the message, or null: for example {@code "truncated: Content-Length 900, 512
 *     bytes left"}, or why a malformed one could not be parsed
 */
public record LadderMessage(
    PacketRef ref, Endpoint src, Endpoint dst, Transport transport, String summary, int status, String callId,
    String text, boolean retransmission, @Nullable String problem) {

  public LadderMessage {
    requireNonNull(ref, "ref");
    requireNonNull(src, "src");
    requireNonNull(dst, "dst");
    requireNonNull(transport, "transport");
    requireNonNull(summary, "summary");
    requireNonNull(callId, "callId");
    requireNonNull(text, "text");
    if (status != 0 && (status < 100 || status > 699)) {
      throw new IllegalArgumentException("status " + status + " (expected: 0 or 100..699)");
    }
  }

  /** Returns whether this is a response (status 100..699). */
  public boolean isResponse() {
    return status != 0;
  }
}
