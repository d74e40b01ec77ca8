package io.sipaudit.simulate.opensips;

import static java.util.Objects.requireNonNull;

import io.sipaudit.config.opensips.OpenSipsDestination;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Replays calls, in arrival order, through one OpenSIPS 3.x dispatcher algorithm over one set, as the common tail
 * of {@code ds_select_dst()} does (reference A1.5, A1.6):
 * <ul>
 *   <li>a hash {@code h} is reduced through the weights: {@code r = h mod W} (W = Σweight of the selectable indices,
 *       inactive ones included), the first index whose running weight exceeds {@code r}; all weights 0: {@code h mod
 *       set_size};</li>
 *   <li>an inactive candidate: for a hash, the same {@code h} is reduced again over the active weights only (the
 *       failed node's share is spread over the others by weight); for an index the algorithm chose (hash 0), the
 *       next index is tried in turn;</li>
 *   <li>nothing active: the default destination (flag {@code d}) if active, else no destination; and no
 *       destination at all when the set has no active one, even with {@code d};</li>
 *   <li>with flag {@code f}, the failover list: the other active non-default destinations in index order after the
 *       selected one, wrapping, at most {@code max_res} entries with the selected one, then the default.</li>
 * </ul>
 *
 * <p>Example: weights [1, 4] (a, b), hash 7: 7 mod 5 = 2 falls in b's range [1, 5), so b; with b inactive,
 * 7 mod 1 = 0 gives a.
 *
 * <p>Destinations start from the table's {@code state} column and, with an {@link OpenSipsHealth}, change as the
 * capture's probes and marks say. Algorithms 9 and 10 rank by the calls each destination holds in this replay.
 */
public final class OpenSipsReplay {
  private final List<OpenSipsDestination> set;
  private final OpenSipsAlgorithm algorithm;
  private final DsFlags flags;
  private final int maxRes;
  private final boolean alignRoundRobin;
  private final OpenSipsHealth health;
  private final String[] hostPorts;
  private final int[] weights;
  private final long[] running;
  private final int[] rrCount;
  private final CallsInProgress calls;
  private final View view = new View();
  private int last;
  private boolean first = true;
  /** Per index: its health state (updated in place), and whether it is selectable for the call being replayed. */
  private final OpenSipsHealth.State[] states;
  private final boolean[] active;
  /** The failover lists per selected index while the active set is {@code failoverMask} (non-ranked algorithms). */
  private final List<String>[] failovers;
  private long failoverMask = -1;
  /** The running weights over the active indexes while the active set is {@code activeRunningMask}. */
  private final long[] activeRunning;
  private long activeRunningMask = -1;
  private long activeSum;
  private final int[] rankOrder;
  private final boolean countsCalls;

  /**
   * @param set the set in array order ({@link io.sipaudit.config.opensips.OpenSipsDispatcherTable#set})
   * @param flags the {@code ds_select_dst} flags
   * @param maxRes {@code max_res} (OpenSIPS's default 1000)
   * @param alignRoundRobin start alg 4 at the first observed call's destination instead of index 0
   * @param health the capture's probes and marks, or null to keep the table's states
   */
  public OpenSipsReplay(List<OpenSipsDestination> set, OpenSipsAlgorithm algorithm, DsFlags flags, int maxRes,
      boolean alignRoundRobin, @Nullable OpenSipsHealth health) {
    if (set.isEmpty()) {
      throw new IllegalArgumentException("the dispatcher set has no destinations");
    }
    if (maxRes < 1) {
      throw new IllegalArgumentException("max_res " + maxRes + " (expected: 1 or more)");
    }
    this.set = List.copyOf(set);
    this.algorithm = requireNonNull(algorithm, "algorithm");
    this.flags = requireNonNull(flags, "flags");
    this.maxRes = maxRes;
    this.alignRoundRobin = alignRoundRobin;
    this.health = health != null ? health : new OpenSipsHealth(OpenSipsHealth.Settings.DISPATCHER);
    int n = this.set.size();
    hostPorts = new String[n];
    weights = new int[n];
    running = new long[n];
    rrCount = new int[n];
    calls = new CallsInProgress(n);
    long sum = 0;
    for (int i = 0; i < n; i++) {
      OpenSipsDestination d = this.set.get(i);
      hostPorts[i] = d.hostPort();
      weights[i] = d.weight();
      sum += d.weight();
      running[i] = sum;
      this.health.start(hostPorts[i], d.state(), d.probeMode() == 1);
    }
    states = new OpenSipsHealth.State[n];
    for (int i = 0; i < n; i++) {
      states[i] = this.health.state(hostPorts[i]);
    }
    active = new boolean[n];
    @SuppressWarnings("unchecked")
    List<String>[] lists = new List[n];
    failovers = lists;
    activeRunning = new long[n];
    rankOrder = new int[n];
    countsCalls = algorithm.readsCallsInProgress();
  }

  private int setSize() {
    int n = set.size();
    return flags.useDefault() && n > 1 ? n - 1 : n;
  }

  /** Predicts the selection for the next call (calls must come in arrival order). */
  public Prediction next(CallArrival call) {
    int n = set.size();
    int size = setSize();
    health.advanceTo(call.time());
    if (countsCalls) {
      calls.advanceTo(call.time());
    }
    if (first && alignRoundRobin && algorithm.roundRobin() && call.observedFirstPick() != null) {
      int at = Arrays.asList(hostPorts).indexOf(call.observedFirstPick());
      if (at >= 0) {
        last = at;
      }
    }
    first = false;
    boolean[] active = this.active;
    int activeNr = 0;
    long mask = 0;
    for (int i = 0; i < n; i++) {
      active[i] = OpenSipsHealth.active(states[i]);
      activeNr += active[i] ? 1 : 0;
      mask |= active[i] && i < 63 ? 1L << i : 0;
    }
    if (n > 63) {
      mask = -2;   // too many to key a cache by: never equal to the cached masks below
      failoverMask = -1;
      activeRunningMask = -1;
    }
    if (activeNr == 0) {
      return none(call);
    }
    Candidate c = algorithm.candidate(call, view);
    if (c instanceof Candidate.Ranked r) {
      return ranked(call, r, active);
    }
    long hash;
    int cand;
    if (c instanceof Candidate.Hashed h) {
      hash = h.hash();
      cand = running[size - 1] > 0 ? firstAbove(running, Long.remainderUnsigned(hash, running[size - 1]), size)
          : (int) Long.remainderUnsigned(hash, size);
    } else {
      hash = 0;
      cand = ((Candidate.Preset) c).index();
    }
    int i = cand;
    int steps = 0;
    while (!active[i]) {
      if (hash == 0) {
        i = (i + 1) % size;
        steps++;
      } else {
        int cnt = activeNr - (flags.useDefault() && active[n - 1] ? 1 : 0);
        if (cnt > 0) {
          if (mask != activeRunningMask) {
            long sum = 0;
            for (int k = 0; k < size; k++) {
              sum += active[k] ? weights[k] : 0;
              activeRunning[k] = sum;
            }
            activeSum = sum;
            activeRunningMask = mask;
          }
          long sum = activeSum;
          if (sum > 0) {
            i = firstAbove(activeRunning, Long.remainderUnsigned(hash, sum), size);
          } else {
            i = nthActive(active, (int) Long.remainderUnsigned(hash, cnt), size);
          }
        }
      }
      if (i == cand || steps > size) {   // went round the set (or nothing active to re-hash over)
        if (!flags.useDefault()) {
          return none(call);
        }
        i = n - 1;
        if (!active[i]) {
          return none(call);
        }
        break;
      }
    }
    if (mask != failoverMask) {
      java.util.Arrays.fill(failovers, null);
      failoverMask = mask;
    }
    List<String> failover = failovers[i];
    if (failover == null) {
      int[] others = new int[size];
      int k = 0;
      for (int j = i + 1; j < size; j++) {   // cyclic order after i over the selectable indexes
        others[k++] = j;
      }
      for (int j = 0; j < Math.min(i, size); j++) {
        others[k++] = j;
      }
      failover = failover(i, active, others, 0, k);
      failovers[i] = failover;
    }
    return selected(call, i, failover);
  }

  /** Alg 9 and 10: active non-default destinations by ascending value (stable), the lowest selected. */
  private Prediction ranked(CallArrival call, Candidate.Ranked r, boolean[] active) {
    int n = set.size();
    int size = setSize();
    int[] order = rankOrder;
    int count = 0;
    long[] v = r.values();
    boolean negativesLast = r.negativesLast();
    for (int i = 0; i < size; i++) {
      if (active[i]) {   // insertion sort: stable, and the sets are small
        int at = count++;
        while (at > 0 && rankAfter(v, negativesLast, order[at - 1], i)) {
          order[at] = order[at - 1];
          at--;
        }
        order[at] = i;
      }
    }
    if (count == 0) {
      if (!flags.useDefault() || n == 1 || !active[n - 1]) {
        return none(call);
      }
      return selected(call, n - 1, failover(n - 1, active, order, 0, 0));
    }
    return selected(call, order[0], failover(order[0], active, order, 1, count));
  }

  /** Whether index {@code a} sorts after {@code b}: negative values last (alg 10), then by value. */
  private static boolean rankAfter(long[] v, boolean negativesLast, int a, int b) {
    boolean na = negativesLast && v[a] < 0;
    boolean nb = negativesLast && v[b] < 0;
    if (na != nb) {
      return na;
    }
    return (na ? 0 : v[a]) > (nb ? 0 : v[b]);
  }

  /** The failover list for {@code i} selected: the active ones of {@code others[from, to)}, then the default. */
  private List<String> failover(int i, boolean[] active, int[] others, int from, int to) {
    int n = set.size();
    List<String> failover = new ArrayList<>();
    if (flags.failover()) {
      int room = i < setSize() ? maxRes - 1 : maxRes;   // max_res counts the selected one
      for (int x = from; x < to; x++) {
        int k = others[x];
        if (active[k] && failover.size() < room) {
          failover.add(hostPorts[k]);
        }
      }
      if (flags.useDefault() && n > 1 && i != n - 1) {
        failover.add(hostPorts[n - 1]);   // pushed whether active or not
      }
    }
    return List.copyOf(failover);
  }

  private Prediction selected(CallArrival call, int i, List<String> failover) {
    last = i;
    algorithm.chosen(i, view);
    if (countsCalls) {
      calls.book(i, call.end());
    }
    return new Prediction(call, i, hostPorts[i], call.observedFirstPick(), failover);
  }

  private static Prediction none(CallArrival call) {
    return new Prediction(call, -1, "none", call.observedFirstPick());
  }

  /** The first index below {@code size} whose running weight is above {@code r}. */
  private static int firstAbove(long[] runningWeights, long r, int size) {
    for (int i = 0; i < size; i++) {
      if (r < runningWeights[i]) {
        return i;
      }
    }
    return size - 1;
  }

  private static int nthActive(boolean[] active, int j, int size) {
    for (int i = 0; i < size; i++) {
      if (active[i] && j-- == 0) {
        return i;
      }
    }
    return 0;
  }

  private final class View implements SetState {
    @Override
    public int size() {
      return setSize();
    }

    @Override
    public int weight(int i) {
      return weights[i];
    }

    @Override
    public int last() {
      return last;
    }

    @Override
    public int rrCount(int i) {
      return rrCount[i];
    }

    @Override
    public void resetRrCount(int i) {
      rrCount[i] = 0;
    }

    @Override
    public void countRoundRobin(int i) {
      rrCount[i]++;
    }

    @Override
    public long callsInProgress(int i) {
      return calls.count(i);
    }
  }
}
