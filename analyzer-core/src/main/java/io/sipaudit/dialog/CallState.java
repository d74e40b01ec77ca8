package io.sipaudit.dialog;

import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.sip.Correlation;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipMethod;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;
import io.sipaudit.sip.header.CSeq;
import io.sipaudit.sip.header.NameAddress;
import io.sipaudit.sip.header.SessionId;
import io.sipaudit.sip.header.Via;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The growing picture of one call while its messages stream in. Transactions are matched per RFC 3261 §17
 * by the top Via branch and the CSeq method (ACK and CANCEL share the INVITE's branch); a message without a
 * branch falls back to the hop and CSeq (RFC 2543 style).
 */
final class CallState {
  final String callId;
  final @Nullable String fromTag;
  final Instant start;
  final String from;
  final String to;
  final String requestUri;
  final String source;
  final long firstFrame;
  Instant lastActivity;
  private final List<HopState> hops = new ArrayList<>();
  private final Map<String, HopState> hopsByKey = new HashMap<>();
  private final List<DialogRequestState> inDialog = new ArrayList<>();
  private final Map<String, DialogRequestState> inDialogByKey = new HashMap<>();
  private boolean byeAnswered;
  private boolean inviteFailed;
  private boolean challenged;
  private long messages;
  private final java.util.Set<String> correlationKeys = new java.util.TreeSet<>();
  private final List<String> correlationHeaders;

  CallState(SipPacket first, SipRequest invite, List<String> correlationHeaders) {
    this.correlationHeaders = correlationHeaders;
    this.callId = first.message().callId();
    this.fromTag = invite.fromTag();
    this.start = first.ref().timestamp();
    this.lastActivity = start;
    this.from = uri(invite.from());
    this.to = uri(invite.to());
    this.requestUri = invite.requestUri();
    this.source = first.ref().source();
    this.firstFrame = first.ref().frame();
    correlationKeys.add("call-id:" + callId);
  }

  /** Collects the B2BUA correlation values an initial INVITE carries. */
  private void correlation(SipRequest r) {
    try {
      add("call-id:", Correlation.xCid(r));
      add("call-id:", Correlation.xCallId(r));
      add("icid:", Correlation.icid(r));
      SessionId sid = Correlation.sessionId(r);
      if (sid != null) {
        if (!sid.isLocalNull()) {
          add("session:", sid.local());
        }
        if (sid.remote() != null && !sid.remote().chars().allMatch(c -> c == '0')) {
          add("session:", sid.remote());
        }
      }
      for (String h : correlationHeaders) {
        add("header:" + h.toLowerCase(java.util.Locale.ROOT) + ":", r.header(h));
      }
    } catch (RuntimeException malformed) {
      // a malformed correlation header links nothing
    }
  }

  private void add(String kind, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      correlationKeys.add(kind + value.trim().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static String uri(@Nullable NameAddress a) {
    return a == null ? "" : a.uri().text();
  }

  /** Adds one message of this call. */
  void add(SipPacket p) {
    lastActivity = p.ref().timestamp();
    messages++;
    SipMessage m = p.message();
    CSeq cseq = cseq(m);
    if (cseq == null) {
      return;
    }
    if (m instanceof SipRequest r) {
      request(p, r, cseq);
    } else {
      response(p, (SipResponse) m, cseq);
    }
  }

  private void request(SipPacket p, SipRequest r, CSeq cseq) {
    SipMethod method = r.method();
    String branch = branch(r);
    boolean initial = r.toTag() == null;
    if (method.equals(SipMethod.INVITE) && initial) {
      String key = key(branch, "INVITE", p.src(), p.dst(), cseq);
      HopState h = hopsByKey.get(key);
      if (h == null) {
        List<Via> vias = vias(r);
        String upstream = vias.size() > 1 ? vias.get(1).branch() : null;
        h = new HopState(p.src(), p.dst(), p.transport(), branch, upstream, cseq.number(), p.ref().timestamp(),
            r.header("Authorization") != null || r.header("Proxy-Authorization") != null, digestUser(r));
        h.sentSeq = messages;
        hops.add(h);
        hopsByKey.put(key, h);
        correlation(r);
      } else {
        h.retransmissions++;
        if (h.retransmissionSeq == 0) {
          h.retransmissionSeq = messages;
        }
      }
    } else if (method.equals(SipMethod.CANCEL) || (method.equals(SipMethod.ACK) && !branch.isEmpty()
        && hopsByKey.containsKey(key(branch, "INVITE", p.src(), p.dst(), cseq)))) {
      HopState h = hopsByKey.get(key(branch, "INVITE", p.src(), p.dst(), cseq));
      if (h != null && method.equals(SipMethod.CANCEL) && h.cancelledAt == null) {
        h.cancelledAt = p.ref().timestamp();
        h.cancelSeq = messages;
      }
      if (h != null && method.equals(SipMethod.ACK)) {
        h.acked = true;   // ACK for a non-2xx final response: same transaction (RFC 3261 §17.1.1.3)
      }
    } else if (!initial || !method.equals(SipMethod.INVITE)) {
      String key = key(branch, method.name(), p.src(), p.dst(), cseq);
      if (!inDialogByKey.containsKey(key)) {
        DialogRequestState d = new DialogRequestState(method, p.src(), p.dst(), p.ref().timestamp());
        inDialog.add(d);
        inDialogByKey.put(key, d);
      }
    }
  }

  private void response(SipPacket p, SipResponse r, CSeq cseq) {
    String branch = branch(r);
    // a response travels back over the hop of its request: swap the endpoints to find it
    String key = key(branch, cseq.method().name(), p.dst(), p.src(), cseq);
    int code = r.statusCode();
    if (cseq.method().equals(SipMethod.INVITE)) {
      HopState h = hopsByKey.get(key);
      if (h != null) {
        h.response(code, r.reasonPhrase(), r.toTag(), p.ref().timestamp(), messages);
        if (code >= 300) {
          inviteFailed = true;
          challenged = code == 401 || code == 407;
        }
        return;
      }
    }
    DialogRequestState d = inDialogByKey.get(key);
    if (d != null && code >= 200 && d.finalCode == 0) {
      d.finalCode = code;
      d.finalAt = p.ref().timestamp();
      if (d.method.equals(SipMethod.BYE)) {
        byeAnswered = true;
      }
    }
  }

  /** Returns whether the call is over: its BYE was answered, or its INVITE failed everywhere it went. */
  boolean ended() {
    if (byeAnswered) {
      return true;
    }
    if (!inviteFailed || hops.isEmpty()) {
      return false;
    }
    for (HopState h : hops) {
      if (h.finalCode == 0 && h.cancelledAt == null) {
        return false;   // a hop still waiting: a failover attempt may still be ringing
      }
      if (h.finalCode >= 200 && h.finalCode < 300) {
        return false;   // answered somewhere: wait for the BYE
      }
    }
    return true;
  }

  /** Returns how long to keep an ended call open for late messages: a minute after an auth challenge. */
  java.time.Duration linger() {
    return challenged ? CallAssembler.LINGER_AFTER_CHALLENGE : CallAssembler.LINGER;
  }

  /** Returns whether any hop was answered. */
  boolean answered() {
    for (HopState h : hops) {
      if (h.finalCode >= 200 && h.finalCode < 300) {
        return true;
      }
    }
    return false;
  }

  CallRecord toRecord(boolean complete) {
    List<InviteHop> hopRecords = new ArrayList<>(hops.size());
    for (HopState h : hops) {
      hopRecords.add(h.toRecord());
    }
    List<InDialogRequest> dialog = new ArrayList<>(inDialog.size());
    for (DialogRequestState d : inDialog) {
      dialog.add(new InDialogRequest(d.method, d.src, d.dst, d.sent, d.finalCode, d.finalAt));
    }
    return new CallRecord(callId, fromTag, start, from, to, requestUri, hopRecords, dialog, lastActivity, complete,
        source, firstFrame, correlationKeys);
  }

  private static String key(String branch, String method, Endpoint src, Endpoint dst, CSeq cseq) {
    String pair = src + ">" + dst;
    return branch.isEmpty() ? pair + "#" + cseq.number() + method : branch + "/" + method + "/" + pair;
  }

  private static String branch(SipMessage m) {
    try {
      Via v = m.topVia();
      String b = v == null ? null : v.branch();
      return b == null ? "" : b;
    } catch (RuntimeException malformed) {
      return "";
    }
  }

  private static List<Via> vias(SipMessage m) {
    try {
      return m.vias();
    } catch (RuntimeException malformed) {
      return List.of();
    }
  }

  static @Nullable CSeq cseq(SipMessage m) {
    try {
      return m.cseq();
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private static final class DialogRequestState {
    final SipMethod method;
    final Endpoint src;
    final Endpoint dst;
    final Instant sent;
    int finalCode;
    @Nullable Instant finalAt;

    DialogRequestState(SipMethod method, Endpoint src, Endpoint dst, Instant sent) {
      this.method = method;
      this.src = src;
      this.dst = dst;
      this.sent = sent;
    }
  }

  /** The digest username of Proxy-Authorization, else Authorization; null when neither has one. */
  private static @Nullable String digestUser(SipRequest r) {
    for (String name : new String[] {"Proxy-Authorization", "Authorization"}) {
      String value = r.header(name);
      if (value != null) {
        try {
          String user = io.sipaudit.sip.header.Credentials.parse(value).username();
          if (user != null) {
            return user;
          }
        } catch (RuntimeException e) {
          // malformed credentials: no username, as Kamailio's parse_credentials fails
        }
      }
    }
    return null;
  }
}
