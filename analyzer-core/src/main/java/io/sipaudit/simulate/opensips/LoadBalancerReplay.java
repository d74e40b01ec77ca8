package io.sipaudit.simulate.opensips;

import static java.util.Objects.requireNonNull;

import io.sipaudit.config.opensips.LbDestination;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
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
  /** Per index: its health state (updated in place), and the maximum of each requested resource. */
  private final OpenSipsHealth.State[] states;
  private final long[][] maxes;
  private final long[] avail;
  private final int[] candidates;
  private final int[] order;

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
    states = new OpenSipsHealth.State[n];
    maxes = new long[n][];
    for (int i = 0; i < n; i++) {
      states[i] = this.health.state(hostPorts[i]);
      if (hasAll[i]) {
        maxes[i] = new long[this.resources.size()];
        for (int k = 0; k < maxes[i].length; k++) {
          maxes[i][k] = this.group.get(i).resources().get(this.resources.get(k));
        }
      }
    }
    avail = new long[n];
    candidates = new int[n];
    order = new int[n];
  }

  /** Predicts the selection for the next call (calls must come in arrival order). */
  public Prediction next(CallArrival call) {
    health.advanceTo(call.time());
    calls.advanceTo(call.time());
    int n = group.size();
    int left = 0;
    for (int i = 0; i < n; i++) {
      if (hasAll[i] && OpenSipsHealth.active(states[i])) {
        avail[i] = availability(i);
        if (avail[i] > 0 || flags.negative()) {
          candidates[left++] = i;
        }
      }
    }
    // The most available first, ties in table order: a stable sort, descending. With s, each pick among the ties
    // left at the top is a random one (one draw per place, over the ties left), as repeated lb_route rounds do.
    for (int c = 1; c < left; c++) {
      int i = candidates[c];
      int at = c;
      while (at > 0 && avail[candidates[at - 1]] < avail[i]) {
        candidates[at] = candidates[at - 1];
        at--;
      }
      candidates[at] = i;
    }
    int picked = left;
    System.arraycopy(candidates, 0, order, 0, left);
    if (flags.randomTies()) {
      for (int from = 0; from < picked; ) {
        int to = from + 1;
        while (to < picked && avail[order[to]] == avail[order[from]]) {
          to++;
        }
        for (int k = from; k < to - 1; k++) {   // order[k, to) are the ties left: one of them, uniformly, at k
          int at = k + draw(to - k);
          int pick = order[at];
          order[at] = order[k];
          order[k] = pick;
        }
        from = to;
      }
    }
    if (picked == 0) {
      return new Prediction(call, -1, "none", call.observedFirstPick());
    }
    int chosen = order[0];
    calls.book(chosen, call.end());
    String[] failover = new String[picked - 1];
    for (int k = 1; k < picked; k++) {
      failover[k - 1] = hostPorts[order[k]];
    }
    return new Prediction(call, chosen, hostPorts[chosen], call.observedFirstPick(), List.of(failover));
  }

  /**
   * A uniform draw in 0..bound-1 by multiplying 32 random bits with the bound (no division, bias below 2^-28
   * for the few destinations of a group); our seeded stand-in for OpenSIPS's own rand(), which cannot be known.
   */
  private int draw(int bound) {
    return (int) (((random.nextInt() & 0xFFFFFFFFL) * bound) >>> 32);
  }

  /** {@code get_dst_load()}: the minimum over the requested resources, in integer arithmetic as OpenSIPS does it. */
  private long availability(int i) {
    long load = calls.count(i);   // every replayed call asks for the same resources: one profile count per resource
    long min = Long.MAX_VALUE;
    for (long max : maxes[i]) {
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
