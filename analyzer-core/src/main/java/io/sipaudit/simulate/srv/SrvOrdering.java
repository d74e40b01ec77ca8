package io.sipaudit.simulate.srv;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How one stack orders the SRV targets of a transaction: the first is tried first, the rest in turn on failover.
 * Instances are stateless; the randomness comes from the caller (seeded, so a replay can be repeated).
 */
public interface SrvOrdering {

  /** Returns the order of tries over {@code usable} (the targets with addresses, none blocklisted). */
  List<SrvTarget> order(List<SrvTarget> usable, RandomGenerator random);

  /** Returns each usable target's exact probability of being tried first, aligned with {@code usable}. */
  double[] firstShares(List<SrvTarget> usable);

  /** Returns whether the order depends on random draws (then single calls are judged as a distribution). */
  boolean random();

  /**
   * Returns the ordering over one set of usable targets with what does not change from call to call worked out
   * once (the sort, the priority groups, the first shares), for a replay to keep while the set stays the same. Its
   * draws are those of {@link #order}, in the same sequence. It may reuse working space: one replay, one thread.
   */
  default Prepared prepare(List<SrvTarget> usable) {
    List<SrvTarget> targets = List.copyOf(usable);
    double[] shares = firstShares(targets);
    if (!random()) {
      List<SrvTarget> fixed = List.copyOf(order(targets, null));
      return new Prepared(r -> fixed, shares, true);
    }
    return new Prepared(r -> order(targets, r), shares, false);
  }

  /**
   * An ordering prepared for one set of usable targets.
   *
   * @param order draws the order of tries
   * @param firstShares each usable target's probability of being tried first
   * @param fixed whether {@code order} gives the same list every time
   */
  record Prepared(java.util.function.Function<RandomGenerator, List<SrvTarget>> order, double[] firstShares,
      boolean fixed) {}
}
