package io.sipaudit.simulate.opensips;

import static java.util.Objects.requireNonNull;

import io.sipaudit.config.opensips.LbDestination;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Replays calls, in arrival order, through OpenSIPS 3.x's load_balancer ({@code lb_route()}, {@code lb_data.c}) over
 * one group, for one list of resources as {@code lb_start(grp, "pstn;transc", flags)} asks:
 * <ul>
 *   <li>candidates: the group's destinations, in table order, that have every requested resource and are
 *       enabled;</li>
 *   <li>availability: the minimum over the requested resources of {@code max − load} (absolute), or with flag
 *       {@code r} of {@code 100 − floor(100·load/max)} (0 when max is 0); only positive ones qualify unless flag
 *       {@code n};</li>
 *   <li>the most available is chosen, ties to the first in table order (a random one with {@code s}); the call is
 *       booked at once on that destination's resources and held until it ends ({@link CallArrival#end()});</li>
 *   <li>the failover list is what {@code lb_next()} would pick next, one after another, with the loads as they
 *       are at the selection.</li>
 * </ul>
 *
 * <p>Example: A and B with {@code pstn=10}, idle, absolute: A (tie, first), then B (9 vs 10 free), then A ...
 */
public final class LoadBalancerReplay {
  private final List<LbDestination> group;
  private final List<String> resources;
  private final LbFlags flags;
  private final OpenSipsHealth health;
  private final SplittableRandom random;
  private final String[] hostPorts;
  private final boolean[] hasAll;
  private final CallsInProgress calls;

  /**
   * @param group the group's destinations in table order
   * @param resources the requested resources, e.g. {@code [pstn]}
   * @param health the capture's probes and marks under the load_balancer's rules, or null (all enabled)
   * @param seed the seed of the tie-break with flag {@code s} (OpenSIPS's {@code rand()} cannot be known)
   * @throws IllegalArgumentException for a resource no destination of the group has ({@code lb_start} returns -4)
   */
  public LoadBalancerReplay(List<LbDestination> group, List<String> resources, LbFlags flags,
      @Nullable OpenSipsHealth health, long seed) {
    if (group.isEmpty()) {
      throw new IllegalArgumentException("the load_balancer group has no destinations");
    }
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("no resources requested (lb_start needs at least one, e.g. pstn)");
    }
    this.group = List.copyOf(group);
    this.resources = List.copyOf(resources);
    this.flags = requireNonNull(flags, "flags");
    this.health = health != null ? health : new OpenSipsHealth(OpenSipsHealth.Settings.LOAD_BALANCER);
    this.random = new SplittableRandom(seed);
    int n = this.group.size();
    hostPorts = new String[n];
    hasAll = new boolean[n];
    calls = new CallsInProgress(n);
    for (String r : this.resources) {
      if (this.group.stream().noneMatch(d -> d.resources().containsKey(r))) {
        throw new IllegalArgumentException("resource '" + r + "' is not offered by any destination of the group"
            + " (lb_start returns -4); offered: " + this.group.stream().flatMap(d -> d.resources().keySet().stream())
            .distinct().toList());
      }
    }
    for (int i = 0; i < n; i++) {
      hostPorts[i] = this.group.get(i).hostPort();
      hasAll[i] = this.group.get(i).resources().keySet().containsAll(this.resources);
      this.health.start(hostPorts[i], 0, false);
    }
  }

  /** Predicts the selection for the next call (calls must come in arrival order). */
  public Prediction next(CallArrival call) {
    health.advanceTo(call.time());
    calls.advanceTo(call.time());
    int n = group.size();
    List<Integer> candidates = new ArrayList<>();
    long[] avail = new long[n];
    for (int i = 0; i < n; i++) {
      if (hasAll[i] && health.active(hostPorts[i])) {
        avail[i] = availability(i);
        if (avail[i] > 0 || flags.negative()) {
          candidates.add(i);
        }
      }
    }
    List<Integer> order = new ArrayList<>();
    while (!candidates.isEmpty()) {
      long best = Long.MIN_VALUE;
      List<Integer> ties = new ArrayList<>();
      for (int i : candidates) {
        if (avail[i] > best) {
          best = avail[i];
          ties.clear();
        }
        if (avail[i] == best) {
          ties.add(i);
        }
      }
      int pick = flags.randomTies() ? ties.get(random.nextInt(ties.size())) : ties.get(0);
      order.add(pick);
      candidates.remove(Integer.valueOf(pick));
    }
    if (order.isEmpty()) {
      return new Prediction(call, -1, "none", call.observedFirstPick());
    }
    int chosen = order.get(0);
    calls.book(chosen, call.end());
    List<String> failover = new ArrayList<>();
    for (int k = 1; k < order.size(); k++) {
      failover.add(hostPorts[order.get(k)]);
    }
    return new Prediction(call, chosen, hostPorts[chosen], call.observedFirstPick(), failover);
  }

  /** {@code get_dst_load()}: the minimum over the requested resources, in integer arithmetic as OpenSIPS does it. */
  private long availability(int i) {
    long min = Long.MAX_VALUE;
    long load = calls.count(i);   // every replayed call asks for the same resources: one profile count per resource
    for (String r : resources) {
      long max = group.get(i).resources().get(r);
      long a = flags.relative() ? (max > 0 ? 100 - (100 * load) / max : 0) : max - load;
      min = Math.min(min, a);
    }
    return min;
  }

  /** Returns the calls the replay has on group index {@code i} now. */
  public long load(int i) {
    return calls.count(i);
  }
}
