package io.sipaudit.simulate;

import static java.util.Objects.requireNonNull;

import io.sipaudit.config.Destination;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Replays calls, in arrival order, through one algorithm over one set, as Kamailio's {@code ds_select_dst}
 * does: raw index modulo n (n − 1 with {@code use_default}), then the walk past destinations whose initial state
 * is inactive or disabled, then the default destination when nothing else is left. Algorithm 13 orders the set
 * itself instead.
 *
 * <p>Destinations keep the list file's state, or, with a {@link HealthModel}, change state as the capture's probes
 * and the failure route's marks say. With {@code alignRoundRobin} the rotation starts where the first observed
 * call says it was, since a capture rarely begins at Kamailio's start. For algorithms with a random element the
 * replay also sums, call by call, what the configuration makes each destination's chance ({@link #expected()}).
 */
public final class Replay {
  private final List<Destination> set;
  private final DispatcherAlgorithm algorithm;
  private final boolean useDefault;
  private final boolean alignRoundRobin;
  private boolean first = true;
  /** host:port per index, and the failover list per chosen index: both fixed by the initial states. */
  private final String[] hostPorts;
  private final List<List<String>> failovers = new ArrayList<>();
  /** Which entry of its host:port each index is (0 unless the set lists a destination twice). */
  private final int[] occurrence;
  private final @Nullable HealthModel health;
  /** With a health model, each index's live state, what-if windows and latency statistics. */
  private final HealthModel.Bound @Nullable [] bound;
  /** The failover lists per chosen index while the set of unusable indexes is {@code cachedMask} (dynamic case). */
  private final List<String>[] cachedFailovers;
  private long cachedMask = -1;
  /** Alg 12's parallel branches per chosen index, and alg 13's failover list per first index for one order. */
  private final List<String>[] branches;
  private final int[][] orderKeys;
  private final long[] orderMasks;
  private final LatencyStats[] staticLatency;
  private final boolean dynamicFailover;
  private final double[] expected;
  private double expectedNone;
  private Instant now = Instant.EPOCH;
  private final DispatcherAlgorithm.SetView view = new DispatcherAlgorithm.SetView() {
    @Override
    public boolean skipped(int index) {
      return Replay.this.skipped(index);
    }

    @Override
    public float latencyEstimate(int index) {
      return (bound != null ? bound[index].latency() : staticLatency[index]).estimate();
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public int modulus() {
      int n = set.size();
      return useDefault && n != 1 ? n - 1 : n;
    }
  };

  public Replay(List<Destination> set, DispatcherAlgorithm algorithm, boolean useDefault, boolean alignRoundRobin) {
    this(set, algorithm, useDefault, alignRoundRobin, null);
  }

  /**
   * With {@code health}, destinations change state during the replay as the capture's probes and failovers say;
   * without it they keep the list file's initial state.
   */
  public Replay(List<Destination> set, DispatcherAlgorithm algorithm, boolean useDefault, boolean alignRoundRobin,
      @Nullable HealthModel health) {
    if (set.isEmpty()) {
      throw new IllegalArgumentException("the dispatcher set has no destinations");
    }
    this.set = List.copyOf(set);
    this.algorithm = requireNonNull(algorithm, "algorithm");
    this.useDefault = useDefault;
    this.alignRoundRobin = alignRoundRobin;
    int n = this.set.size();
    int m = useDefault && n != 1 ? n - 1 : n;
    hostPorts = new String[n];
    staticLatency = new LatencyStats[n];
    for (int i = 0; i < n; i++) {
      hostPorts[i] = this.set.get(i).hostPort();
      staticLatency[i] = new LatencyStats(this.set.get(i).intAttr("latency"), 900);
    }
    occurrence = new int[n];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      occurrence[i] = seen.merge(hostPorts[i], 1, Integer::sum) - 1;
    }
    this.health = health;
    if (health != null) {
      health.bind(this.set);
      bound = new HealthModel.Bound[n];
      for (int i = 0; i < n; i++) {
        bound[i] = health.bound(hostPorts[i], occurrence[i]);
      }
    } else {
      bound = null;
    }
    @SuppressWarnings("unchecked")
    List<String>[] cache = new List[n];
    cachedFailovers = cache;
    @SuppressWarnings("unchecked")
    List<String>[] b = new List[n];
    branches = b;
    orderKeys = new int[n][];
    orderMasks = new long[n];
    dynamicFailover = health != null || KamailioAlgorithms.hasLoad(algorithm);
    for (int i = 0; i < n; i++) {
      failovers.add(List.copyOf(failover(i, n, m)));
    }
    expected = new double[n];
  }

  private boolean skipped(int i) {
    return bound == null ? set.get(i).skippedAtLoad() : bound[i].skipped(now);
  }

  /** Predicts the first pick for the next call (calls must come in arrival order). */
  public Prediction next(CallArrival call) {
    int n = set.size();
    int m = useDefault && n != 1 ? n - 1 : n;
    if (first && alignRoundRobin && KamailioAlgorithms.isRoundRobin(algorithm) && call.observedFirstPick() != null) {
      for (int i = 0; i < n; i++) {
        if (hostPorts[i].equals(call.observedFirstPick())) {
          KamailioAlgorithms.seed(algorithm, i);
          break;
        }
      }
    }
    first = false;
    now = call.time();
    if (health != null) {
      health.advanceTo(call.time());
    }
    int[] order = algorithm.order(call, set, view);
    if (order != null) {
      return ordered(call, order, n, m);
    }
    double[] shares = algorithm.shares(m);
    if (shares != null) {
      for (int r = 0; r < m; r++) {
        int d = walk(r, n, m);
        if (d < 0) {
          expectedNone += shares[r];
        } else {
          expected[d] += shares[r];
        }
      }
    }
    long raw = algorithm.index(call, set, view);
    boolean learned = algorithm.learning();
    int i = raw < 0 ? -1 : walk((int) Long.remainderUnsigned(raw, m), n, m);
    if (i < 0) {
      return new Prediction(call, -1, "none", call.observedFirstPick(), List.of(), learned);
    }
    algorithm.chosen(i, n);
    List<String> next;
    if (algorithm.parallel()) {
      next = branches[i];
      if (next == null) {
        List<String> b = new ArrayList<>();
        for (int j = i + 1; j < n; j++) {
          b.add(hostPorts[j]);   // every later index is a branch, inactive ones included (ds_add_branches)
        }
        next = List.copyOf(b);
        branches[i] = next;
      }
    } else {
      next = dynamicFailover ? cachedFailover(i, n, m) : failovers.get(i);
    }
    return new Prediction(call, i, hostPorts[i], call.observedFirstPick(), next, learned);
  }

  /**
   * The failover list of {@link #failover} for the states now, worked out once for each chosen index while no
   * destination changes between usable and unusable (or full).
   */
  private List<String> cachedFailover(int chosen, int n, int m) {
    if (n > 63) {
      return failover(chosen, n, m);
    }
    long mask = 0;
    for (int j = 0; j < n; j++) {
      if (skipped(j) || algorithm.full(j)) {
        mask |= 1L << j;
      }
    }
    if (mask != cachedMask) {
      java.util.Arrays.fill(cachedFailovers, null);
      cachedMask = mask;
    }
    List<String> out = cachedFailovers[chosen];
    if (out == null) {
      out = List.copyOf(failover(chosen, n, m));
      cachedFailovers[chosen] = out;
    }
    return out;
  }

  /** The skip walk from residue {@code h}: the index chosen, or −1 when nothing is usable. */
  private int walk(int h, int n, int m) {
    int i = h;
    while (skipped(i)) {
      i = (i + 1) % m;
      if (i == h) {
        i = useDefault ? n - 1 : -1;
        break;
      }
    }
    return i < 0 || skipped(i) ? -1 : i;
  }

  private Prediction ordered(CallArrival call, int[] order, int n, int m) {
    int chosen = order.length == 0 ? -1 : order[0];
    if (chosen < 0 || skipped(chosen)) {
      return new Prediction(call, -1, "none", call.observedFirstPick());
    }
    long mask = 0;
    for (int k = 1; k < order.length && n <= 63; k++) {
      int j = order[k];
      if (j >= 0 && skipped(j)) {
        mask |= 1L << j;
      }
    }
    List<String> next = branches[chosen];
    if (n > 63 || next == null || orderMasks[chosen] != mask || !java.util.Arrays.equals(orderKeys[chosen], order)) {
      List<String> out = new ArrayList<>();
      for (int k = 1; k < order.length; k++) {
        int j = order[k];
        if (j >= 0 && !skipped(j) && !(m < n && j == n - 1)) {
          out.add(hostPorts[j]);
        }
      }
      next = List.copyOf(out);
      branches[chosen] = next;   // alg 13 is never parallel: the slot is free
      orderKeys[chosen] = order.clone();
      orderMasks[chosen] = mask;
    }
    algorithm.chosen(chosen, n);
    return new Prediction(call, chosen, hostPorts[chosen], call.observedFirstPick(), next);
  }

  /**
   * Kamailio's failover records after the chosen one ({@code ds_manage_routes_fill_xavp}): indexes chosen+1 .. m-1,
   * then 0 .. chosen-1, skipping inactive and disabled ones (and, for alg 10, those at their {@code maxload}), then
   * the default destination last with {@code use_default}. Example: alg 8 over [.21, .22, .23] with .21 chosen gives
   * [.22, .23].
   */
  private List<String> failover(int chosen, int n, int m) {
    List<String> out = new ArrayList<>();
    if (chosen >= m) {
      return out;   // the default destination itself was chosen: nothing is left
    }
    for (int k = 1; k < m; k++) {
      int j = (chosen + k) % m;
      if (!skipped(j) && !algorithm.full(j)) {
        out.add(hostPorts[j]);
      }
    }
    if (m < n && !skipped(n - 1)) {
      out.add(hostPorts[n - 1]);
    }
    return out;
  }

  /**
   * For algorithms with a random element: per destination ({@code host:port}, a destination listed twice summed),
   * the number of calls the configuration leads one to expect, summed over the calls replayed so far with the
   * states each met; the key {@code "none"} holds the calls expected to find no destination. Empty for
   * deterministic algorithms.
   */
  public Map<String, Double> expected() {
    Map<String, Double> out = new LinkedHashMap<>();
    double total = expectedNone;
    for (int i = 0; i < hostPorts.length; i++) {
      out.merge(hostPorts[i], expected[i], Double::sum);
      total += expected[i];
    }
    if (total == 0) {
      return Map.of();
    }
    if (expectedNone > 0) {
      out.put("none", expectedNone);
    }
    return out;
  }
}
