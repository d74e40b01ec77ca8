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
  }

  /** Predicts the next call's first pick and failover list (calls must come in arrival order). */
  public Prediction next(CallArrival call) {
    if (blocklist != null) {
      blocklist.advanceTo(call.time());
    }
    List<SrvTarget> usable = new ArrayList<>();
    for (SrvTarget t : targets) {
      if (!t.hostPorts().isEmpty() && t.hostPorts().stream().anyMatch(hp -> !blocked(hp))) {
        usable.add(t);
      }
    }
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
      order = usable.isEmpty() ? List.of() : ordering.order(usable, random);
    }
    if (counts && !usable.isEmpty()) {
      windows++;
      double[] p = ordering.firstShares(usable);
      for (int i = 0; i < usable.size(); i++) {
        expected[targets.indexOf(usable.get(i))] += p[i];
      }
      Integer seen = call.observedFirstPick() == null ? null : targetOf.get(call.observedFirstPick());
      if (seen != null) {
        observed[seen]++;
        int u = usable.indexOf(targets.get(seen));
        chance += u < 0 ? 0 : p[u];
      } else if (call.observedFirstPick() != null) {
        unmatched++;
      }
    }
    List<String> tries = new ArrayList<>();
    for (SrvTarget t : order) {
      for (String hp : t.hostPorts()) {
        if (!blocked(hp)) {
          tries.add(hp);
        }
      }
    }
    if (tries.isEmpty()) {
      return new Prediction(call, -1, "none", call.observedFirstPick());
    }
    String first = tries.get(0);
    return new Prediction(call, targetOf.get(first), first, call.observedFirstPick(),
        failover ? tries.subList(1, tries.size()) : List.of());
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
