package io.sipaudit.ingest;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.header.CSeq;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first {@link ResendDetector}'s table, kept as the oracle of {@code ResendDetectorTest}: the same
 * {@link ResendState} per direction, held in a {@link LinkedHashMap} in access order and expired with
 * {@link Duration}s. Slower, and obviously right about which state each message meets.
 */
final class ReferenceResendDetector {
  static final Duration IDLE = Duration.ofSeconds(120);

  private record Key(String callId, Endpoint src, Endpoint dst) {}

  private static final class State extends ResendState {
    Instant lastUsed;

    State(long cseq, String method, Instant t) {
      super(cseq, method);
      this.lastUsed = t;
    }
  }

  private final Map<Key, State> states = new LinkedHashMap<>(1024, 0.75f, true);

  /** Returns whether {@code packet} is a retransmission, and records it. */
  boolean isResend(SipPacket packet) {
    if (packet.transport() != Transport.UDP) {
      return false;
    }
    SipMessage m = packet.message();
    String callId = m.callId();
    CSeq cseq;
    try {
      cseq = m.cseq();
    } catch (RuntimeException e) {
      return false;
    }
    if (callId == null || cseq == null) {
      return false;
    }
    Instant now = packet.ref().timestamp();
    expire(now);
    Key key = new Key(callId, packet.src(), packet.dst());
    String method = cseq.method().name();
    State s = states.get(key);
    boolean fresh = s == null;
    if (fresh) {
      s = new State(cseq.number(), method, now);
      states.put(key, s);
    }
    s.lastUsed = now;
    return s.see(m, cseq.number(), method, fresh);
  }

  private void expire(Instant now) {
    Iterator<State> it = states.values().iterator();
    while (it.hasNext()) {
      State s = it.next();
      if (Duration.between(s.lastUsed, now).compareTo(IDLE) <= 0) {
        break;   // access order: the rest were used more recently
      }
      it.remove();
    }
  }
}
