package io.sipaudit.attribution;

import io.sipaudit.dialog.CallGroup;
import io.sipaudit.dialog.InviteHop;
import io.sipaudit.net.Endpoint;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges the attributed legs of one B2BUA/SBC group into the call the user made, so that each call is counted
 * once, on the backend that handled it.
 *
 * <p>The <b>caller's leg</b> is the one whose sender receives no other leg of the group (the phone, not the
 * SBC); the first started when that is unclear. The <b>attributed leg</b> is the one that crossed a balancer
 * to a backend (a balancer and attempts were found on it); when several did (an SBC that failed over to a
 * second route), the one that was answered, else the last started. Without any, it is the last started leg
 * other than the caller's that tried a server (a B2BUA calling backends directly), else the caller's leg.
 * Example: legs a1 (phone → SBC, the SBC standing where a backend would) and b1 (SBC → balancer → .41) merge
 * into one call of backend .41, client phone; the SBC is a B2BUA, not a backend.
 */
public final class LegMerger {
  private LegMerger() {
  }

  /** Merges {@code legs} (in start order) of {@code group}; a null group or one leg is a lone call. */
  public static UserCall merge(@Nullable CallGroup group, List<AttributedCall> legs) {
    if (group == null || legs.size() < 2) {
      return UserCall.lone(legs.get(0));
    }
    Set<InetAddress> receivers = new LinkedHashSet<>();
    for (AttributedCall leg : legs) {
      for (InviteHop h : leg.call().hops()) {
        receivers.add(h.dst().address());
      }
    }
    AttributedCall caller = null;
    List<Endpoint> b2buas = new ArrayList<>();
    for (AttributedCall leg : legs) {
      Endpoint sender = sender(leg);
      if (sender != null && receivers.contains(sender.address())) {
        if (!b2buas.contains(sender)) {
          b2buas.add(sender);
        }
      } else if (caller == null) {
        caller = leg;
      }
    }
    if (caller == null) {
      caller = legs.get(0);
    }
    AttributedCall attributed = attributed(legs, caller);
    AttributedCall a = attributed;
    AttributedCall c = caller;
    AttributedCall merged = a == c ? a : new AttributedCall(a.call(), c.client() != null ? c.client() : sender(c),
        a.balancer(), a.attempts(), a.backend(), a.outcome(), c.finalStatus(), c.pddMs(), c.setupMs(), c.durationMs(),
        a.failoverMs(), a.pinningViolations(), c.srdMs(), c.sddMs(), c.completedByBye());
    return new UserCall(merged, group, legs, attributed, caller, b2buas);
  }

  private static AttributedCall attributed(List<AttributedCall> legs, AttributedCall caller) {
    List<AttributedCall> candidates = new ArrayList<>();
    for (AttributedCall leg : legs) {
      if (leg.balancer() != null && !leg.attempts().isEmpty()) {
        candidates.add(leg);
      }
    }
    if (candidates.isEmpty()) {
      for (AttributedCall leg : legs) {
        if (leg != caller && !leg.attempts().isEmpty()) {
          candidates.add(leg);
        }
      }
    }
    if (candidates.isEmpty()) {
      return caller;
    }
    for (AttributedCall leg : candidates) {
      if (leg.outcome().answered()) {
        return leg;
      }
    }
    return candidates.get(candidates.size() - 1);
  }

  /** The node that sent the leg's first INVITE. */
  private static @Nullable Endpoint sender(AttributedCall leg) {
    List<InviteHop> hops = leg.call().hops();
    return hops.isEmpty() ? null : hops.get(0).src();
  }
}
