package io.sipaudit.ingest;

import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * SIP message statistics in the terms of {@code tshark -q -z sip,stat}: messages, resent messages, requests
 * per method and responses per status code; plus messages per transport and malformed messages.
 *
 * <p>Example: a call INVITE/100/180/200/ACK/BYE/200 on one hop gives 7 messages, 0 resent,
 * {@code {ACK=1, BYE=1, INVITE=1}} and {@code {100=1, 180=1, 200=2}}. Feed it every {@link IngestEvent}.
 */
public final class SipStats implements Consumer<IngestEvent> {
  private final ResendDetector resends = new ResendDetector();
  private long messages;
  private long resent;
  private long malformed;
  private final Map<String, Long> requests = new TreeMap<>();
  private final Map<Integer, Long> responses = new TreeMap<>();
  private final Map<Integer, String> reasons = new TreeMap<>();
  private final Map<Transport, Long> transports = new EnumMap<>(Transport.class);

  @Override
  public void accept(IngestEvent e) {
    transports.merge(e.transport(), 1L, Long::sum);
    if (e instanceof MalformedSip) {
      malformed++;
      return;
    }
    SipPacket p = (SipPacket) e;
    messages++;
    if (resends.isResend(p)) {
      resent++;
    }
    if (p.message() instanceof SipRequest r) {
      requests.merge(r.method().name(), 1L, Long::sum);
    } else if (p.message() instanceof SipResponse r) {
      responses.merge(r.statusCode(), 1L, Long::sum);
      reasons.putIfAbsent(r.statusCode(), r.status().reasonPhrase());
    }
  }

  /** Returns the parsed SIP messages. */
  public long messages() {
    return messages;
  }

  /** Returns the messages Wireshark's rules call retransmissions (UDP only). */
  public long resent() {
    return resent;
  }

  /** Returns the messages that could not be parsed (not in {@link #messages()}). */
  public long malformed() {
    return malformed;
  }

  /** Returns requests per method, sorted by method name. */
  public Map<String, Long> requests() {
    return Collections.unmodifiableMap(requests);
  }

  /** Returns responses per status code, ascending. */
  public Map<Integer, Long> responses() {
    return Collections.unmodifiableMap(responses);
  }

  /** Returns the standard reason phrase for each status code seen ({@code 200 -> "OK"}). */
  public Map<Integer, String> reasonPhrases() {
    return Collections.unmodifiableMap(reasons);
  }

  /** Returns messages (parsed or not) per transport. */
  public Map<Transport, Long> transports() {
    return Collections.unmodifiableMap(transports);
  }
}
