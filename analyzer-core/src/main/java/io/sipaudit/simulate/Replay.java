package io.sipaudit.simulate;

import static java.util.Objects.requireNonNull;

import io.sipaudit.config.Destination;
import java.util.List;

/**
 * Replays calls, in arrival order, through one algorithm over one set, as Kamailio's {@code ds_select_dst}
 * does: raw index modulo n (n − 1 with {@code use_default}), then the walk past destinations whose initial state
 * is inactive or disabled, then the default destination when nothing else is left.
 *
 * <p>Destinations keep the list file's state, or, with a {@link HealthModel}, change state as the capture's probes
 * and the failure route's marks say. With {@code alignRoundRobin} the rotation starts where the first observed
 * call says it was, since a capture rarely begins at Kamailio's start.
 */
public final class Replay {
  private final List<Destination> set;
  private final DispatcherAlgorithm algorithm;
  private final boolean useDefault;
  private final boolean alignRoundRobin;
  private boolean first = true;
  /** host:port per index, and the failover list per chosen index: both fixed by the initial states. */
  private final String[] hostPorts;
  private final List<List<String>> failovers = new java.util.ArrayList<>();
  /** Which entry of its host:port each index is (0 unless the set lists a destination twice). */
  private final int[] occurrence;
  private final @org.jspecify.annotations.Nullable HealthModel health;

  public Replay(List<Destination> set, DispatcherAlgorithm algorithm, boolean useDefault, boolean alignRoundRobin) {
    this(set, algorithm, useDefault, alignRoundRobin, null);
  }

  /**
   * With {@code health}, destinations change state during the replay as the capture's probes and failovers say;
   * without it they keep the list file's initial state.
   */
  public Replay(List<Destination> set, DispatcherAlgorithm algorithm, boolean useDefault, boolean alignRoundRobin,
      @org.jspecify.annotations.Nullable HealthModel health) {
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
    for (int i = 0; i < n; i++) {
      hostPorts[i] = this.set.get(i).hostPort();
    }
    occurrence = new int[n];
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      occurrence[i] = seen.merge(hostPorts[i], 1, Integer::sum) - 1;
    }
    this.health = health;
    if (health != null) {
      health.bind(this.set);
    }
    for (int i = 0; i < n; i++) {
      failovers.add(List.copyOf(failover(i, n, m)));
    }
  }

  private boolean skipped(int i) {
    return health == null ? set.get(i).skippedAtLoad() : health.skipped(hostPorts[i], occurrence[i]);
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
    if (health != null) {
      health.advanceTo(call.time());
    }
    long h = Long.remainderUnsigned(algorithm.index(call, set), m);
    int i = (int) h;
    while (skipped(i)) {
      i = (i + 1) % m;
      if (i == h) {
        i = useDefault ? n - 1 : -1;
        break;
      }
    }
    if (i < 0 || skipped(i)) {
      return new Prediction(call, -1, "none", call.observedFirstPick());
    }
    algorithm.chosen(i, n);
    return new Prediction(call, i, hostPorts[i], call.observedFirstPick(),
        health == null ? failovers.get(i) : failover(i, n, m));
  }

  /**
   * Kamailio's failover records after the chosen one ({@code ds_manage_routes_fill_xavp}): indexes chosen+1 .. m-1,
   * then 0 .. chosen-1, skipping inactive and disabled ones, then the default destination last with
   * {@code use_default}. Example: alg 8 over [.21, .22, .23] with .21 chosen gives [.22, .23].
   */
  private List<String> failover(int chosen, int n, int m) {
    List<String> out = new java.util.ArrayList<>();
    if (chosen >= m) {
      return out;   // the default destination itself was chosen: nothing is left
    }
    for (int k = 1; k < m; k++) {
      int j = (chosen + k) % m;
      if (!skipped(j)) {
        out.add(hostPorts[j]);
      }
    }
    if (m < n && !skipped(n - 1)) {
      out.add(hostPorts[n - 1]);
    }
    return out;
  }
}
