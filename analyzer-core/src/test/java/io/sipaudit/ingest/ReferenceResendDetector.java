package io.sipaudit.ingest;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;
import io.sipaudit.sip.header.CSeq;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first {@link ResendDetector}, kept as the oracle of {@code ResendDetectorTest}: the same rules on a
 * {@link LinkedHashMap} in access order, expired with {@link Duration}s. Slower, and obviously right.
 */
final class ReferenceResendDetector {
  static final Duration IDLE = Duration.ofSeconds(120);

  private record Key(String callId, Endpoint src, Endpoint dst) {}

  private static final class State {
    long cseq;
    String method;
    boolean requestSeen;
    boolean finalSeen;
    int finalCode;
    Instant lastUsed;

    State(long cseq, String method, Instant t) {
      this.cseq = cseq;
      this.method = method;
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
    long previous = 0;
    if (s == null) {
      s = new State(cseq.number(), method, now);
      states.put(key, s);
    } else {
      previous = s.cseq;
      if (cseq.number() != s.cseq) {
        s.cseq = cseq.number();
        s.method = method;
        s.requestSeen = false;
        s.finalSeen = false;
      }
    }
    s.lastUsed = now;
    boolean resend = false;
    if (m instanceof SipRequest) {
      resend = cseq.number() == previous && s.requestSeen && method.equals(s.method)
          && !method.equals("ACK") && !method.equals("CANCEL");
      s.requestSeen = true;
      s.finalSeen = false;
    } else if (m instanceof SipResponse r) {
      int code = r.statusCode();
      resend = cseq.number() == previous && s.finalSeen && method.equals(s.method) && code >= 200
          && code == s.finalCode;
      s.requestSeen = false;
      s.finalSeen = code >= 200;
      if (code >= 200) {
        s.finalCode = code;
      }
    }
    return resend;   // like Wireshark, the stored method changes only with the CSeq number (CANCEL keeps INVITE's)
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
