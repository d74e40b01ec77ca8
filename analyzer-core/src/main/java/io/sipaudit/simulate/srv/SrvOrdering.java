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
}
