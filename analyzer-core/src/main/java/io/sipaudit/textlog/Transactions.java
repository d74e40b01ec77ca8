package io.sipaudit.textlog;

import io.sipaudit.net.Endpoint;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.header.CSeq;
import io.sipaudit.sip.header.Via;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remembers where recent requests went, so that a response whose trace gives no sender can be sent back from
 * there (RFC 3261 §18.2.2: responses retrace the request's hop).
 *
 * <p>Example: after {@code INVITE} with top Via branch {@code z9hG4bK1} went 192.0.2.10:5060 -> 203.0.113.5:5060,
 * a {@code 180} with that branch and CSeq method {@code INVITE} comes from 203.0.113.5:5060. Keyed by branch and
 * CSeq method (a CANCEL shares the INVITE's branch); the oldest of {@value #CAPACITY} entries are forgotten.
 */
final class Transactions {
  static final int CAPACITY = 4096;

  private final Map<String, Endpoint> destinations = new LinkedHashMap<>(256, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Endpoint> eldest) {
      return size() > CAPACITY;
    }
  };

  /** Records where request {@code m} went. */
  void remember(SipMessage m, Endpoint dst) {
    String key = key(m);
    if (key != null && !dst.address().isAnyLocalAddress()) {
      destinations.put(key, dst);
    }
  }

  /** Returns where the request that response {@code m} answers went, or null. */
  @Nullable Endpoint requestDestination(SipMessage m) {
    String key = key(m);
    return key == null ? null : destinations.get(key);
  }

  private static @Nullable String key(SipMessage m) {
    try {
      Via via = m.topVia();
      CSeq cseq = m.cseq();
      String branch = via == null ? null : via.branch();
      return branch == null || cseq == null ? null : branch + " " + cseq.method().name();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
