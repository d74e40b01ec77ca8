package io.sipaudit.ingest;

import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
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
  private static final Transport[] TRANSPORTS = Transport.values();

  private final ResendDetector resends = new ResendDetector();
  private long messages;
  private long resent;
  private long malformed;
  /** Counters are plain arrays, keyed by method name, status code and transport ordinal; maps are built on request. */
  private final Map<String, long[]> requests = new HashMap<>();
  private final long[] responses = new long[700];
  private final String[] reasons = new String[700];
  private final long[] transports = new long[TRANSPORTS.length];

  @Override
  public void accept(IngestEvent e) {
    transports[e.transport().ordinal()]++;
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
      requests.computeIfAbsent(r.method().name(), k -> new long[1])[0]++;
    } else if (p.message() instanceof SipResponse r) {
      int code = r.statusCode();
      if (responses[code]++ == 0) {
        reasons[code] = r.status().reasonPhrase();
      }
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
    Map<String, Long> m = new TreeMap<>();
    requests.forEach((method, n) -> m.put(method, n[0]));
    return Collections.unmodifiableMap(m);
  }

  /** Returns responses per status code, ascending. */
  public Map<Integer, Long> responses() {
    Map<Integer, Long> m = new TreeMap<>();
    for (int code = 0; code < responses.length; code++) {
      if (responses[code] > 0) {
        m.put(code, responses[code]);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** Returns the standard reason phrase for each status code seen ({@code 200 -> "OK"}). */
  public Map<Integer, String> reasonPhrases() {
    Map<Integer, String> m = new TreeMap<>();
    for (int code = 0; code < reasons.length; code++) {
      if (responses[code] > 0) {
        m.put(code, reasons[code]);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** Returns messages (parsed or not) per transport. */
  public Map<Transport, Long> transports() {
    Map<Transport, Long> m = new EnumMap<>(Transport.class);
    for (Transport t : TRANSPORTS) {
      if (transports[t.ordinal()] > 0) {
        m.put(t, transports[t.ordinal()]);
      }
    }
    return Collections.unmodifiableMap(m);
  }
}
