package io.sipaudit.attribution;

import io.sipaudit.dialog.CallRecord;
import io.sipaudit.dialog.InDialogRequest;
import io.sipaudit.dialog.InviteHop;
import io.sipaudit.dialog.MessageOrder;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Attributes one call: finds its balancer and turns the balancer's INVITEs into attempts.
 *
 * <p>The hops of a call form a tree: a hop was forwarded from the hop whose branch is its second Via's branch
 * (or, without that, from the latest earlier hop that arrived at the node it leaves). The balancer is the node
 * that sends the leaf hops — the forwarder nearest the backends — so a chain client → SBC → balancer → backends
 * is read right. When no forwarding is visible (the capture shows only one hop) the sender of the hops is the
 * balancer, unless its INVITEs carry a single Via: then it made the calls itself (a phone or PBX calling
 * servers directly), the call has no balancer and the sender is its client. {@code --balancer} overrides this. Example: hops C→LB (408), LB→B1 (no response),
 * LB→B2 (no response) give balancer LB, attempts [B1 timeout, B2 timeout], outcome {@code failed_all}.
 */
public final class Attributor {
  private final List<Endpoint> balancers;
  private final java.util.Set<Endpoint> learned = new java.util.LinkedHashSet<>();

  /**
   * Uses the balancers given (matched by address and port, or by address alone when the port is 0). Without
   * any, each call's balancer is found from its hops, and balancers found that way are remembered, so that a
   * later call the balancer rejected itself (one hop, no forwarding) is recognised as such.
   */
  public Attributor(List<Endpoint> balancers) {
    this(balancers, List.of());
  }

  /**
   * Uses the balancers and backends given: with backends, the attempts of a call are its INVITEs to those
   * backends (matched by address and port, or by address alone when the port is 0), whoever sent them.
   */
  public Attributor(List<Endpoint> balancers, List<Endpoint> backends) {
    this.balancers = List.copyOf(balancers);
    this.backends = List.copyOf(backends);
    this.knownBackends.addAll(backends);
  }

  private final List<Endpoint> backends;
  /** Backends given, configured or tried by some balancer so far: in-dialog requests to them break pinning. */
  private final java.util.Set<Endpoint> knownBackends = new java.util.LinkedHashSet<>();

  /**
   * Names backends (a dispatcher list's destinations, say) without changing how attempts are found: an in-dialog
   * request the balancer sends to one of them, when another backend answered the call, breaks dialog pinning.
   * Without them only backends the balancer had sent earlier calls to are known.
   */
  public void knowBackends(java.util.Collection<Endpoint> more) {
    knownBackends.addAll(more);
  }

  /** Finds the balancer of each call from its hops. */
  public Attributor() {
    this(List.of());
  }

  /** Attributes {@code call}. */
  public AttributedCall attribute(CallRecord call) {
    List<InviteHop> hops = call.hops();
    Map<InviteHop, InviteHop> parent = parents(hops);
    List<InviteHop> sent = attemptHops(hops, parent);
    InviteHop upstream = null;
    if (sent.isEmpty()) {
      for (InviteHop h : hops) {
        if (isKnownBalancer(h.dst(), h.transport())) {
          upstream = h;   // the call reached a balancer that tried no backend
          break;
        }
      }
    } else {
      upstream = parent.get(sent.get(0));
      if (upstream == null) {
        for (InviteHop h : hops) {
          if (sameNode(h.dst(), sent.get(0).src(), h.transport()) && !sent.contains(h)) {
            upstream = h;
            break;
          }
        }
      }
    }
    // name the balancer by the address its caller sent to (it may send from another address or a TCP port)
    Endpoint balancer = upstream != null ? upstream.dst() : (sent.isEmpty() ? null : sent.get(0).src());
    Endpoint client = upstream == null ? null : upstream.src();
    if (upstream == null && !sent.isEmpty() && sent.stream().allMatch(h -> h.upstreamBranch() == null)) {
      // one Via: the sender made the call itself (a phone, a PBX), it did not forward it: no balancer in sight,
      // and the servers it tried (RFC 3263 failover, say) stand where backends would
      client = balancer;
      balancer = null;
    }
    if (balancer != null && upstream != null && !sent.isEmpty()) {
      learned.add(balancer);   // forwarding seen: this node is a balancer
    }
    Instant lastSeen = call.end();
    int[] rounds = rounds(sent);
    List<Attempt> attempts = new ArrayList<>(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      boolean parallel = (i > 0 && rounds[i - 1] == rounds[i]) || (i + 1 < sent.size() && rounds[i + 1] == rounds[i]);
      boolean later = i + 1 < sent.size() && rounds[i + 1] > rounds[i];
      attempts.add(attempt(sent.get(i), later, upstream, call.complete(), rounds[i], parallel));
    }
    for (Attempt a : attempts) {
      knownBackends.add(a.backend());
    }
    Endpoint backend = null;
    for (Attempt a : attempts) {
      if (a.outcome() == AttemptOutcome.ANSWERED) {
        backend = a.backend();
        break;
      }
    }
    if (backend == null && !attempts.isEmpty()) {
      backend = attempts.get(attempts.size() - 1).backend();
    }
    CallOutcome outcome = outcome(attempts, upstream);
    InviteHop view = upstream != null ? upstream : (sent.isEmpty() ? null : answeredOrLast(sent));
    int finalStatus = view == null ? 0 : view.finalCode();
    Long pdd = view == null ? null : pdd(view);
    Long setup = view == null || !view.answered() ? null : millis(view.sent(), view.finalAt());
    Long duration = duration(call, view);
    Long failover = null;
    if (!attempts.isEmpty() && rounds[rounds.length - 1] > 1) {
      Attempt firstOfLast = attempts.stream().filter(a -> a.round() == rounds[rounds.length - 1]).findFirst().orElseThrow();
      failover = millis(attempts.get(0).sent(), firstOfLast.sent());
    }
    InDialogRequest bye = firstBye(call);
    Long sdd = bye == null || bye.finalAt() == null ? null : millis(bye.sent(), bye.finalAt());
    boolean completedByBye = outcome.answered() && bye != null && bye.finalCode() >= 200 && bye.finalCode() < 300;
    return new AttributedCall(call, client, balancer, attempts, backend, outcome,
        finalStatus, pdd, setup, duration, failover, pinning(call, balancer, backend, attempts, lastSeen),
        view == null ? null : srd(view), sdd, completedByBye);
  }

  private static @Nullable InDialogRequest firstBye(CallRecord call) {
    for (InDialogRequest r : call.inDialog()) {
      if (r.method().equals(SipMethod.BYE)) {
        return r;
      }
    }
    return null;
  }

  private static InviteHop answeredOrLast(List<InviteHop> sent) {
    for (InviteHop h : sent) {
      if (h.answered()) {
        return h;
      }
    }
    return sent.get(sent.size() - 1);
  }

  /**
   * Numbers the rounds of the attempts (1, 2, ...): a branch sent while the previous one was still pending was
   * forked in parallel with it (Kamailio dispatcher algorithm 12, a forking proxy); any other is a serial failover
   * and starts a new round. Pending means: no final response and no CANCEL yet, and over UDP not retransmitted
   * yet (a timed-out attempt is retransmitted before the balancer gives up on it), over other transports less than
   * {@link Attempt#FORK_WINDOW} ago. The order of the messages decides where it is known, so that traces without
   * times, or with whole seconds, keep failover and forking apart.
   */
  static int[] rounds(List<InviteHop> sent) {
    int[] rounds = new int[sent.size()];
    for (int i = 0; i < sent.size(); i++) {
      rounds[i] = i == 0 || !pending(sent.get(i - 1), sent.get(i)) ? (i == 0 ? 1 : rounds[i - 1] + 1) : rounds[i - 1];
    }
    return rounds;
  }

  /** Whether {@code next} left while {@code prev} was still pending (see {@link #rounds}). */
  private static boolean pending(InviteHop prev, InviteHop next) {
    MessageOrder p = prev.order();
    long at = next.order().sent();
    if (p.known() && at > 0) {
      boolean open = before(at, p.finalResponse()) && before(at, p.cancel());
      return open && (prev.transport() == Transport.UDP ? before(at, p.firstRetransmission())
          : Duration.between(prev.sent(), next.sent()).compareTo(Attempt.FORK_WINDOW) < 0);
    }
    Instant t = next.sent();
    return (prev.finalAt() == null || prev.finalAt().isAfter(t))
        && (prev.cancelledAt() == null || prev.cancelledAt().isAfter(t))
        && Duration.between(prev.sent(), t).compareTo(Attempt.FORK_WINDOW) < 0;
  }

  private static boolean before(long position, long other) {
    return other == 0 || position < other;
  }

  private static Attempt attempt(InviteHop h, boolean later, @Nullable InviteHop upstream, boolean complete,
      int round, boolean parallel) {
    AttemptOutcome outcome;
    if (h.answered()) {
      outcome = AttemptOutcome.ANSWERED;
    } else if (h.cancelledAt() != null && (!h.hasFinal() || !h.finalAt().isBefore(h.cancelledAt()))) {
      outcome = AttemptOutcome.CANCELLED;   // the 487 that follows a CANCEL is not the backend rejecting
    } else if (h.hasFinal()) {
      outcome = AttemptOutcome.REJECTED;
    } else if (later || complete || (upstream != null && upstream.hasFinal())) {
      outcome = AttemptOutcome.TIMEOUT;
    } else {
      outcome = AttemptOutcome.NO_RESPONSE;
    }
    Long pdd = pdd(h);
    Long setup = h.answered() ? millis(h.sent(), h.finalAt()) : null;
    return new Attempt(h.dst(), h.sent(), outcome, h.finalCode(), pdd, setup, srd(h), round, parallel);
  }

  /** RFC 6076 §4.1 session request delay: INVITE to the first non-100 response, provisional or final. */
  static @Nullable Long srd(InviteHop h) {
    Instant first = h.firstProvisional();
    if (h.finalAt() != null && (first == null || h.finalAt().isBefore(first))) {
      first = h.finalAt();
    }
    return first == null ? null : millis(h.sent(), first);
  }

  /** Post-dial delay: INVITE to the first 18x, or to the 2xx when that came first (no ringing was heard). */
  private static @Nullable Long pdd(InviteHop h) {
    if (h.firstProvisional() != null) {
      return millis(h.sent(), h.firstProvisional());
    }
    return h.answered() ? millis(h.sent(), h.finalAt()) : null;
  }

  private static CallOutcome outcome(List<Attempt> attempts, @Nullable InviteHop upstream) {
    for (int i = 0; i < attempts.size(); i++) {
      Attempt a = attempts.get(i);
      if (a.outcome() == AttemptOutcome.ANSWERED) {
        return a.round() == attempts.get(0).round() || a.backend().equals(attempts.get(0).backend())
            ? CallOutcome.ANSWERED : CallOutcome.FAILED_OVER_ANSWERED;   // a parallel branch winning is no failover
      }
    }
    if (attempts.isEmpty()) {
      if (upstream != null && upstream.answered()) {
        return CallOutcome.ANSWERED;
      }
      return upstream != null && upstream.hasFinal() ? CallOutcome.REJECTED_BY_BALANCER : CallOutcome.UNKNOWN;
    }
    if ((upstream != null && upstream.cancelledAt() != null)
        || attempts.stream().anyMatch(a -> a.outcome() == AttemptOutcome.CANCELLED)) {
      return CallOutcome.CANCELLED;
    }
    Attempt last = attempts.get(attempts.size() - 1);
    if (last.outcome() == AttemptOutcome.NO_RESPONSE && (upstream == null || !upstream.hasFinal())) {
      return CallOutcome.UNKNOWN;
    }
    long backends = attempts.stream().map(Attempt::backend).distinct().count();
    if (backends > 1 && last.round() > 1) {
      return CallOutcome.FAILED_ALL;
    }
    boolean rejected = attempts.stream()
        .anyMatch(a -> a.round() == last.round() && a.outcome() == AttemptOutcome.REJECTED);   // a fork: any branch
    return rejected ? CallOutcome.REJECTED : CallOutcome.TIMEOUT;
  }

  /** Returns the hop each hop was forwarded from, where one is visible. */
  private static Map<InviteHop, InviteHop> parents(List<InviteHop> hops) {
    Map<String, InviteHop> byBranch = new HashMap<>();
    for (InviteHop h : hops) {
      if (!h.branch().isEmpty()) {
        byBranch.putIfAbsent(h.branch(), h);
      }
    }
    Map<InviteHop, InviteHop> parent = new HashMap<>();
    for (InviteHop h : hops) {
      InviteHop p = h.upstreamBranch() == null ? null : byBranch.get(h.upstreamBranch());
      if (p == null || p == h) {
        p = null;
        for (InviteHop q : hops) {
          if (q != h && !q.sent().isAfter(h.sent()) && sameNode(q.dst(), h.src(), h.transport())
              && !sameNode(q.src(), h.dst(), h.transport())) {
            p = q;   // latest earlier hop arriving where this one leaves
          }
        }
      }
      if (p != null) {
        parent.put(h, p);
      }
    }
    return parent;
  }

  /** Returns the INVITE hops the balancer sent (its attempts), in the order seen. */
  private List<InviteHop> attemptHops(List<InviteHop> hops, Map<InviteHop, InviteHop> parent) {
    List<InviteHop> out = new ArrayList<>();
    if (hops.isEmpty()) {
      return out;
    }
    if (!backends.isEmpty()) {
      for (InviteHop h : hops) {
        if (backends.stream().anyMatch(b -> matches(h.dst(), b, h.transport()))) {
          out.add(h);
        }
      }
      return out;
    }
    boolean reachesKnown = false;
    for (InviteHop h : hops) {
      InviteHop p = parent.get(h);
      if (isKnownBalancer(h.src(), h.transport()) || (p != null && isKnownBalancer(p.dst(), p.transport()))) {
        out.add(h);
      }
      reachesKnown |= isKnownBalancer(h.dst(), h.transport());
    }
    if (!out.isEmpty() || reachesKnown || !balancers.isEmpty()) {
      return out;
    }
    Map<Endpoint, Integer> senders = new HashMap<>();
    for (InviteHop h : hops) {
      boolean leaf = !parent.containsValue(h);
      if (leaf && parent.containsKey(h)) {
        senders.merge(h.src(), 1, Integer::sum);
      }
    }
    if (senders.isEmpty()) {
      for (InviteHop h : hops) {
        senders.merge(h.src(), 1, Integer::sum);
      }
    }
    Endpoint sender = senders.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
    for (InviteHop h : hops) {
      if (sameNode(h.src(), sender, h.transport())) {
        out.add(h);
      }
    }
    return out;
  }

  private boolean isKnownBalancer(Endpoint node, Transport t) {
    for (Endpoint b : balancers) {
      if (matches(node, b, t)) {
        return true;
      }
    }
    return learned.contains(node);
  }

  private List<String> pinning(CallRecord call, @Nullable Endpoint balancer, @Nullable Endpoint backend,
      List<Attempt> attempts, Instant lastSeen) {
    List<String> out = new ArrayList<>();
    if (balancer == null || backend == null) {
      return out;
    }
    for (InDialogRequest r : call.inDialog()) {
      if (!r.src().address().equals(balancer.address()) || sameNode(r.dst(), backend, Transport.TCP)) {
        continue;
      }
      boolean toAnotherBackend = knownBackends.stream().anyMatch(b -> sameNode(b, r.dst(), Transport.TCP));
      if (toAnotherBackend) {
        out.add(r.method().name() + " at " + r.sent() + " sent to " + r.dst() + ", call answered by " + backend);
      }
    }
    return out;
  }

  private static @Nullable Long duration(CallRecord call, @Nullable InviteHop view) {
    if (view == null || !view.answered() || view.finalAt() == null) {
      return null;
    }
    for (InDialogRequest r : call.inDialog()) {
      if (r.method().equals(SipMethod.BYE)) {
        return millis(view.finalAt(), r.sent());
      }
    }
    return null;
  }

  /** Two endpoints are the same node when equal, or on the same address over TCP (ephemeral source ports). */
  static boolean sameNode(Endpoint a, Endpoint b, Transport t) {
    return a.equals(b) || (t != Transport.UDP && a.address().equals(b.address()));
  }

  private static boolean matches(Endpoint node, Endpoint wanted, Transport t) {
    return wanted.port() == 0 ? node.address().equals(wanted.address()) : sameNode(node, wanted, t);
  }

  private static Long millis(Instant from, @Nullable Instant to) {
    return to == null ? null : Duration.between(from, to).toMillis();
  }
}
