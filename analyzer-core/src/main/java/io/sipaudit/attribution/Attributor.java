package io.sipaudit.attribution;

import io.sipaudit.dialog.CallRecord;
import io.sipaudit.dialog.InDialogRequest;
import io.sipaudit.dialog.InviteHop;
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
 * balancer. {@code --balancer} overrides all this. Example: hops C→LB (408), LB→B1 (no response),
 * LB→B2 (no response) give balancer LB, attempts [B1 timeout, B2 timeout], outcome {@code failed_all}.
 */
public final class Attributor {
  private final List<Endpoint> balancers;

  /** Uses the balancers given (matched by address and port, or by address alone when the port is 0). */
  public Attributor(List<Endpoint> balancers) {
    this.balancers = List.copyOf(balancers);
  }

  /** Finds the balancer of each call from its hops. */
  public Attributor() {
    this(List.of());
  }

  /** Attributes {@code call}. */
  public AttributedCall attribute(CallRecord call) {
    List<InviteHop> hops = call.hops();
    Map<InviteHop, InviteHop> parent = parents(hops);
    Endpoint balancer = balancer(hops, parent);
    List<InviteHop> sent = new ArrayList<>();
    InviteHop upstream = null;
    for (InviteHop h : hops) {
      if (balancer != null && sameNode(h.src(), balancer, h.transport())) {
        sent.add(h);
      } else if (balancer != null && sameNode(h.dst(), balancer, h.transport()) && upstream == null) {
        upstream = h;
      }
    }
    if (upstream != null && balancer != null && upstream.dst().address().equals(balancer.address())) {
      balancer = upstream.dst();   // name the balancer by the address it listens on, not a TCP source port
    }
    Instant lastSeen = call.end();
    List<Attempt> attempts = new ArrayList<>(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      attempts.add(attempt(sent.get(i), i + 1 < sent.size(), upstream, call.complete()));
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
    Long pdd = view == null || view.firstProvisional() == null ? null : millis(view.sent(), view.firstProvisional());
    Long setup = view == null || !view.answered() ? null : millis(view.sent(), view.finalAt());
    Long duration = duration(call, view);
    Long failover = attempts.size() > 1 ? millis(attempts.get(0).sent(), attempts.get(attempts.size() - 1).sent()) : null;
    return new AttributedCall(call, upstream == null ? null : upstream.src(), balancer, attempts, backend, outcome,
        finalStatus, pdd, setup, duration, failover, pinning(call, balancer, backend, attempts, lastSeen));
  }

  private static InviteHop answeredOrLast(List<InviteHop> sent) {
    for (InviteHop h : sent) {
      if (h.answered()) {
        return h;
      }
    }
    return sent.get(sent.size() - 1);
  }

  private static Attempt attempt(InviteHop h, boolean later, @Nullable InviteHop upstream, boolean complete) {
    AttemptOutcome outcome;
    if (h.answered()) {
      outcome = AttemptOutcome.ANSWERED;
    } else if (h.hasFinal()) {
      outcome = AttemptOutcome.REJECTED;
    } else if (h.cancelledAt() != null) {
      outcome = AttemptOutcome.CANCELLED;
    } else if (later || complete || (upstream != null && upstream.hasFinal())) {
      outcome = AttemptOutcome.TIMEOUT;
    } else {
      outcome = AttemptOutcome.NO_RESPONSE;
    }
    Long pdd = h.firstProvisional() == null ? null : millis(h.sent(), h.firstProvisional());
    Long setup = h.answered() ? millis(h.sent(), h.finalAt()) : null;
    return new Attempt(h.dst(), h.sent(), outcome, h.finalCode(), pdd, setup);
  }

  private static CallOutcome outcome(List<Attempt> attempts, @Nullable InviteHop upstream) {
    for (int i = 0; i < attempts.size(); i++) {
      if (attempts.get(i).outcome() == AttemptOutcome.ANSWERED) {
        return i == 0 || attempts.get(i).backend().equals(attempts.get(0).backend())
            ? CallOutcome.ANSWERED : CallOutcome.FAILED_OVER_ANSWERED;
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
    if (backends > 1) {
      return CallOutcome.FAILED_ALL;
    }
    return last.outcome() == AttemptOutcome.REJECTED ? CallOutcome.REJECTED : CallOutcome.TIMEOUT;
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

  private @Nullable Endpoint balancer(List<InviteHop> hops, Map<InviteHop, InviteHop> parent) {
    if (hops.isEmpty()) {
      return null;
    }
    if (!balancers.isEmpty()) {
      for (InviteHop h : hops) {
        for (Endpoint b : balancers) {
          if (matches(h.src(), b, h.transport())) {
            return h.src();
          }
        }
      }
      return null;
    }
    Map<Endpoint, Integer> senders = new HashMap<>();
    for (InviteHop h : hops) {
      boolean leaf = parent.values().stream().noneMatch(p -> p == h);
      if (leaf && parent.containsKey(h)) {
        senders.merge(h.src(), 1, Integer::sum);
      }
    }
    if (senders.isEmpty()) {
      for (InviteHop h : hops) {
        senders.merge(h.src(), 1, Integer::sum);
      }
    }
    return senders.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  private static List<String> pinning(CallRecord call, @Nullable Endpoint balancer, @Nullable Endpoint backend,
      List<Attempt> attempts, Instant lastSeen) {
    List<String> out = new ArrayList<>();
    if (balancer == null || backend == null) {
      return out;
    }
    for (InDialogRequest r : call.inDialog()) {
      if (!r.src().address().equals(balancer.address()) || sameNode(r.dst(), backend, Transport.TCP)) {
        continue;
      }
      boolean toAnotherBackend = attempts.stream().anyMatch(a -> sameNode(a.backend(), r.dst(), Transport.TCP));
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
