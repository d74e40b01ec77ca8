package io.sipaudit.simulate.srv;

import static java.util.Objects.requireNonNull;

import io.sipaudit.config.SrvSetup;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Replays calls, in arrival order, through one SRV behaviour over one service's records: per call the order of
 * tries (the first pick, then the failover list), with Kamailio's dst blocklist when given, and the exact
 * probability of each target being tried first, summed for a goodness-of-fit test of the random behaviours.
 *
 * <p>Example: Kamailio with {@code dns_srv_lb} off over {@code 10 50 a(.121), 10 20 b(.122), 20 100 c(.123)} and
 * DNS failover on predicts .121 first, then [.122, .123] for every call; with the blocklist on and .121 blocked,
 * .122 first and [.123].
 *
 * <p>Targets without an address are left out (Kamailio moves on to the next record when a target does not
 * resolve). A client that caches ({@link SrvBehaviour#cachesPerTtl()}) keeps one order for the lowest TTL of the
 * records (a TTL of 0 or unknown: a new draw per call) and contributes one observation per TTL window to the fit.
 */
public final class SrvReplay {
  private final List<SrvTarget> targets;
  private final SrvBehaviour behaviour;
  private final SrvOrdering ordering;
  private final boolean failover;
  private final @Nullable DstBlocklist blocklist;
  private final SplittableRandom random;
  private final Map<String, Integer> targetOf = new HashMap<>();
  private final double[] expected;
  private final long[] observed;
  private long unmatched;
  private double chance;
  private long windows;
  private final long ttl;
  private @Nullable List<SrvTarget> cached;
  private Instant cachedUntil = Instant.MIN;
  /** Every target's addresses in order, flattened, with the target each belongs to. */
  private final String[] addresses;
  private final int[] addressTarget;
  /** What is worked out once per set of blocked addresses ({@code blockedKey}): the usable targets and so on. */
  private long blockedKey = -1;
  private List<SrvTarget> usable = List.of();
  private SrvOrdering.@Nullable Prepared prepared;
  private int[] usableTarget = new int[0];
  private int[] targetUsable = new int[0];
  private @Nullable List<SrvTarget> fixedOrder;
  private @Nullable List<String> fixedTries;
  private List<String> fixedFailover = List.of();
  /**
   * The first try and the failover list per order drawn (a random order is one of few permutations), keyed by the
   * order's usable indexes in base 16, while the blocked addresses stay the same: an open-addressing table.
   */
  private final long[] orderKeys = new long[64];
  private final String[] orderFirst = new String[64];
  @SuppressWarnings("unchecked")
  private final List<String>[] orderFailover = new List[64];

  /**
   * @param targets the service's records, in zone or answer order
   * @param behaviour the stack
   * @param setup Kamailio's resolver settings ({@link SrvSetup#DEFAULTS} for the other stacks)
   * @param seed the seed of the draws (the same seed gives the same predictions)
   * @param blocklist the dst blocklist as fed by the capture, or null when off
   */
  public SrvReplay(List<SrvTarget> targets, SrvBehaviour behaviour, SrvSetup setup, long seed,
      @Nullable DstBlocklist blocklist) {
    this.targets = List.copyOf(targets);
    if (this.targets.stream().allMatch(t -> t.hostPorts().isEmpty())) {
      throw new IllegalArgumentException("no SRV target has an address (A or AAAA record)");
    }
    this.behaviour = requireNonNull(behaviour, "behaviour");
    this.ordering = behaviour.ordering(setup);
    this.failover = behaviour != SrvBehaviour.KAMAILIO || setup.useDnsFailover();
    this.blocklist = behaviour == SrvBehaviour.KAMAILIO ? blocklist : null;
    this.random = new SplittableRandom(seed);
    for (int i = 0; i < this.targets.size(); i++) {
      for (String hp : this.targets.get(i).hostPorts()) {
        targetOf.putIfAbsent(hp, i);
      }
    }
    expected = new double[this.targets.size()];
    observed = new long[this.targets.size()];
    ttl = this.targets.stream().mapToLong(SrvTarget::ttl).min().orElse(-1);
    List<String> all = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    for (int i = 0; i < this.targets.size(); i++) {
      for (String hp : this.targets.get(i).hostPorts()) {
        all.add(hp);
        owner.add(i);
      }
    }
    addresses = all.toArray(new String[0]);
    addressTarget = owner.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Works out, when the blocked addresses differ from the last call's, the usable targets (those with an address
   * not blocked) and the ordering prepared over them.
   */
  private void refresh() {
    long key = 0;
    if (blocklist != null) {
      for (int a = 0; a < addresses.length; a++) {
        if (blocked(addresses[a])) {
          key |= a < 63 ? 1L << a : 0;
        }
      }
      if (addresses.length > 63) {
        key = -2;
        blockedKey = -1;   // too many addresses to key by: work it out every call
      }
    }
    if (key == blockedKey) {
      return;
    }
    blockedKey = key;
    java.util.Arrays.fill(orderKeys, 0);
    List<SrvTarget> u = new ArrayList<>();
    targetUsable = new int[targets.size()];
    java.util.Arrays.fill(targetUsable, -1);
    int[] ut = new int[targets.size()];
    for (int i = 0; i < targets.size(); i++) {
      SrvTarget t = targets.get(i);
      boolean any = false;
      for (String hp : t.hostPorts()) {
        any |= !blocked(hp);
      }
      if (any) {
        targetUsable[i] = u.size();
        ut[u.size()] = i;
        u.add(t);
      }
    }
    usable = List.copyOf(u);
    usableTarget = java.util.Arrays.copyOf(ut, u.size());
    prepared = usable.isEmpty() ? null : ordering.prepare(usable);
    fixedOrder = prepared != null && prepared.fixed() ? prepared.order().apply(random) : null;
    fixedTries = fixedOrder == null ? null : List.copyOf(tries(fixedOrder));
    fixedFailover = fixedTries == null || fixedTries.isEmpty() ? List.of()
        : List.copyOf(fixedTries.subList(1, fixedTries.size()));
  }

  /** The order as its usable indexes in base 16 with its length on top, or 0 when it cannot be keyed so. */
  private long orderKey(List<SrvTarget> order) {
    if (order.size() > 14 || usable.size() > 15) {
      return 0;
    }
    long k = order.size();
    for (SrvTarget t : order) {
      int j = 0;
      while (j < usable.size() && usable.get(j) != t) {
        j++;
      }
      k = k << 4 | j;
    }
    return k;
  }

  /** The slot holding {@code k}, or the free slot for it, or −1 when the table is full. */
  private int slot(long k) {
    int h = (int) (k ^ (k >>> 29) ^ (k >>> 47)) & 63;
    for (int probe = 0; probe < 64; probe++) {
      int at = (h + probe) & 63;
      if (orderKeys[at] == k || orderKeys[at] == 0) {
        return at;
      }
    }
    return -1;
  }

  private List<String> tries(List<SrvTarget> order) {
    List<String> tries = new ArrayList<>();
    for (SrvTarget t : order) {
      for (String hp : t.hostPorts()) {
        if (!blocked(hp)) {
          tries.add(hp);
        }
      }
    }
    return tries;
  }

  /** Predicts the next call's first pick and failover list (calls must come in arrival order). */
  public Prediction next(CallArrival call) {
    if (blocklist != null) {
      blocklist.advanceTo(call.time());
    }
    refresh();
    boolean counts = true;
    List<SrvTarget> order;
    if (behaviour.cachesPerTtl()) {
      counts = cached == null || !call.time().isBefore(cachedUntil);
      if (counts) {
        cached = ordering.order(usable, random);
        cachedUntil = ttl > 0 ? call.time().plusSeconds(ttl) : call.time();
      }
      order = cached;
    } else {
      order = prepared == null ? List.of() : fixedOrder != null ? fixedOrder : prepared.order().apply(random);
    }
    if (counts && prepared != null) {
      windows++;
      double[] p = prepared.firstShares();
      for (int i = 0; i < p.length; i++) {
        expected[usableTarget[i]] += p[i];
      }
      Integer seen = call.observedFirstPick() == null ? null : targetOf.get(call.observedFirstPick());
      if (seen != null) {
        observed[seen]++;
        int u = targetUsable[seen];
        chance += u < 0 ? 0 : p[u];
      } else if (call.observedFirstPick() != null) {
        unmatched++;
      }
    }
    boolean fixed = order == fixedOrder && fixedTries != null;
    if (!fixed && !order.isEmpty()) {
      long k = orderKey(order);
      int slot = k == 0 ? -1 : slot(k);
      if (slot >= 0 && orderKeys[slot] == k) {
        return orderFirst[slot] == null ? new Prediction(call, -1, "none", call.observedFirstPick())
            : new Prediction(call, targetOf.get(orderFirst[slot]), orderFirst[slot], call.observedFirstPick(),
                orderFailover[slot]);
      }
      List<String> tries = tries(order);
      if (slot >= 0) {
        orderKeys[slot] = k;
        orderFirst[slot] = tries.isEmpty() ? null : tries.get(0);
        orderFailover[slot] = !failover || tries.isEmpty() ? List.of() : List.copyOf(tries.subList(1, tries.size()));
      }
    }
    List<String> tries = fixed ? fixedTries : tries(order);
    if (tries.isEmpty()) {
      return new Prediction(call, -1, "none", call.observedFirstPick());
    }
    String first = tries.get(0);
    return new Prediction(call, targetOf.get(first), first, call.observedFirstPick(),
        !failover ? List.of() : fixed ? fixedFailover : tries.subList(1, tries.size()));
  }

  private boolean blocked(String hostPort) {
    return blocklist != null && blocklist.blocked(hostPort);
  }

  /** Returns the records replayed, in zone or answer order. */
  public List<SrvTarget> targets() {
    return targets;
  }

  /**
   * Returns, per target, the expected number of first picks: the sum over the calls (over the TTL windows for a
   * caching client) of each one's exact probability, given the blocklist at that moment.
   */
  public double[] expectedFirstPicks() {
    return expected.clone();
  }

  /** Returns, per target, the observed first picks counted the same way as {@link #expectedFirstPicks()}. */
  public long[] observedFirstPicks() {
    return observed.clone();
  }

  /**
   * Returns how many counted calls a draw of this behaviour would agree with by chance: the sum over them of the
   * probability of the target the balancer picked (for {@code 60/30/10} and picks in those shares, about 46 %).
   */
  public double chanceAgreements() {
    return chance;
  }

  /** Returns how many counted calls the balancer sent first to an address that none of the targets has. */
  public long unmatched() {
    return unmatched;
  }

  /** Returns how many draws were counted (calls, or TTL windows for a caching client). */
  public long draws() {
    return windows;
  }

  /** Returns whether the order is random (then agreement call by call is only chance, and the fit decides). */
  public boolean random() {
    return ordering.random();
  }

  /** Returns whether a failed try moves on to the next target (Kamailio: {@code use_dns_failover}). */
  public boolean failover() {
    return failover;
  }
}
