package io.sipaudit.simulate.opensips;

import io.sipaudit.simulate.CallArrival;

/**
 * One OpenSIPS 3.x dispatcher algorithm: the {@code switch (alg)} part of {@code ds_select_dst()}. The common tail
 * (weights, inactive destinations, failover list) is {@link OpenSipsReplay}'s.
 */
public interface OpenSipsAlgorithm {
  /** Returns the candidate for {@code call}. */
  Candidate candidate(CallArrival call, SetState set);

  /** Tells the algorithm which index was selected. */
  default void chosen(int index, SetState set) {
  }

  /**
   * Returns whether the algorithm reads {@link SetState#callsInProgress} (9 and 10); the replay counts the calls
   * in progress only then (otherwise they read 0).
   */
  default boolean readsCallsInProgress() {
    return false;
  }

  /** Returns whether this is alg 4 (its phase can be taken from the first observed call). */
  default boolean roundRobin() {
    return false;
  }
}
