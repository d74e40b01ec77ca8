package io.sipaudit.textlog;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.MalformedSip;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.PacketRef.Inferred;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.ParseResult;
import io.sipaudit.sip.SipMessage;
import java.net.Inet6Address;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Fills in the sender, receiver and transport a text trace leaves out, the same way for every message of one
 * trace, and marks them inferred.
 *
 * <p>Node-centric logs (PJSIP, chan_sip, sofia, SIPp) name only the peer; the other side is the logging node,
 * whose address is {@code --local}, or else learned from the trace itself: its own side of a record that names
 * both, the sent-by of the top Via of a request it sent or a response it received (that Via is its own), failing
 * that the Request-URI or top Route of a request it received, or the Record-Route it added. Messages wait (at most {@value #MAX_WAITING} of them) until the
 * address is known, so all get the same one; if none turns up, the node is {@code 0.0.0.0:0}, as in Asterisk's
 * own pcaps. Peers and bare-SIP addresses come from the message: the top Via ({@code received}/{@code rport}) for
 * the sender of a request, the Route or Request-URI for its receiver, and a response travels back the way its
 * request came. The transport comes from the top Via, else UDP. Example: SIPp's {@code UDP message sent} of an
 * {@code INVITE sip:2000@192.0.2.1:5060} gets destination 192.0.2.1:5060 (inferred) and the SIPp host's Via
 * address as source (inferred).
 */
final class Addressing {
  static final int MAX_WAITING = 512;

  /** A message whose addresses are not all known yet. */
  record Pending(PacketRef ref, Direction direction, @Nullable Endpoint src, @Nullable Endpoint dst,
      @Nullable Transport transport, ParseResult parsed, @Nullable String problem) {
    Pending {
      java.util.Objects.requireNonNull(ref, "ref");
      java.util.Objects.requireNonNull(direction, "direction");
      java.util.Objects.requireNonNull(parsed, "parsed");
    }
  }

  private final @Nullable Endpoint configuredLocal;
  private @Nullable Endpoint local;
  private @Nullable Endpoint weakLocal;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private final Transactions transactions = new Transactions();
  private final TextTraceStats stats;

  Addressing(@Nullable Endpoint configuredLocal, TextTraceStats stats) {
    this.configuredLocal = configuredLocal;
    this.local = configuredLocal;
    this.stats = stats;
  }

  /** Takes the next message in trace order; emits it, and any that waited for it, when its addresses are known. */
  void submit(Pending p, Consumer<IngestEvent> out) {
    if (local == null && p.direction() != Direction.UNKNOWN) {
      learn(p);
    }
    boolean needsLocal = p.direction() != Direction.UNKNOWN && (p.src() == null || p.dst() == null);
    if (local == null && (needsLocal || !waiting.isEmpty())) {
      waiting.add(p);
      if (waiting.size() >= MAX_WAITING) {
        local = weakLocal;
        drain(out);
      }
      return;
    }
    drain(out);
    emit(p, out);
  }

  /** Emits what still waits, at the end of the trace. */
  void finish(Consumer<IngestEvent> out) {
    if (local == null) {
      local = weakLocal;
    }
    drain(out);
  }

  private void drain(Consumer<IngestEvent> out) {
    if (local == null && !waiting.isEmpty()) {
      local = unspecified(null);   // nothing learned: 0.0.0.0:0, once and for all
    }
    while (!waiting.isEmpty()) {
      emit(waiting.poll(), out);
    }
  }

  private void learn(Pending p) {
    Endpoint given = p.direction() == Direction.IN ? p.dst() : p.src();
    if (given != null) {
      local = given;   // a trace that names both sides (Kamailio sipdump) names the node too
      return;
    }
    if (!(p.parsed() instanceof ParseResult.Parsed ok)) {
      return;
    }
    SipMessage m = ok.message();
    Direction direction = p.direction();
    Endpoint strong = direction == Direction.OUT == m.isRequest() ? HeaderHints.viaSentBy(m) : null;
    if (strong != null) {
      local = strong;
    } else if (weakLocal == null) {
      weakLocal = direction == Direction.IN && m.isRequest() ? HeaderHints.requestTarget(m)
          : direction == Direction.OUT && m.isRequest() ? HeaderHints.recordRoute(m) : null;
    }
  }

  private void emit(Pending p, Consumer<IngestEvent> out) {
    Set<Inferred> inferred = EnumSet.noneOf(Inferred.class);
    inferred.addAll(p.ref().inferred());
    SipMessage m = p.parsed() instanceof ParseResult.Parsed ok ? ok.message() : null;
    Endpoint src = p.src();
    Endpoint dst = p.dst();
    if (p.direction() == Direction.IN && dst == null) {
      dst = local;
    } else if (p.direction() == Direction.OUT && src == null) {
      src = local;
    }
    if (m != null && m.isRequest()) {
      src = src != null ? src : HeaderHints.viaSource(m);
      dst = dst != null ? dst : HeaderHints.requestTarget(m);
    } else if (m != null) {
      dst = dst != null ? dst : HeaderHints.viaSource(m);
      src = src != null ? src : transactions.requestDestination(m);
    }
    if (p.src() == null) {
      inferred.add(Inferred.SOURCE);
    }
    if (p.dst() == null) {
      inferred.add(Inferred.DESTINATION);
    }
    src = src != null ? src : unspecified(dst);
    dst = dst != null ? dst : unspecified(src);
    Transport transport = p.transport();
    if (transport == null) {
      inferred.add(Inferred.TRANSPORT);
      Transport fromVia = m != null ? HeaderHints.transport(m) : null;
      transport = fromVia != null ? fromVia : Transport.UDP;
    }
    if (m != null && m.isRequest()) {
      transactions.remember(m, dst);
    }
    PacketRef ref = inferred.equals(p.ref().inferred()) ? p.ref()
        : new PacketRef(p.ref().source(), p.ref().frame(), p.ref().fileOffset(), p.ref().timestamp(), inferred);
    if (!inferred.isEmpty()) {
      stats.inferredMessages++;
    }
    if (m != null) {
      out.accept(new SipPacket(ref, src, dst, transport, m, p.problem()));
    } else {
      ParseResult.Malformed bad = (ParseResult.Malformed) p.parsed();
      out.accept(new MalformedSip(ref, src, dst, transport, bad.offset(), bad.reason(), bad.raw()));
    }
  }

  /** Returns {@code 0.0.0.0:0}, or {@code [::]:0} when the other side is IPv6. */
  private static Endpoint unspecified(@Nullable Endpoint other) {
    return other != null && other.address() instanceof Inet6Address ? Endpoint.parse("[::]:0")
        : Endpoint.parse("0.0.0.0:0");
  }

  /** Returns the logging node's address, once decided. */
  @Nullable Endpoint local() {
    return local != null ? local : configuredLocal;
  }
}
