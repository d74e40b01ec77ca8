package io.sipaudit.simulate;

import io.sipaudit.config.Destination;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One Kamailio dispatcher algorithm: picks an index into a set for a call. State (a round-robin counter, a weight
 * table's cursor, the call-load table) lives in the instance; one instance per replay.
 */
public interface DispatcherAlgorithm {

  /**
   * Returns the raw index before the skip walk (Kamailio's {@code h}), in 0..Long.MAX, or −1 when the selection
   * fails (no hashable key, nothing below its {@code maxload}); the replay reduces it modulo the number of
   * destinations and walks past unusable ones.
   */
  long index(CallArrival call, List<Destination> set);

  /** As {@link #index(CallArrival, List)}, for algorithms that read the destinations' current states. */
  default long index(CallArrival call, List<Destination> set, SetView view) {
    return index(call, set);
  }

  /** Tells the algorithm which index was finally used (round-robin resumes after it). */
  default void chosen(int index, int n) {
  }

  /**
   * For algorithms that order the whole set themselves instead of the modulo and skip walk (13): the indexes in
   * the order tried, the chosen one first, −1 for entries left out; null for the others.
   */
  default int @Nullable [] order(CallArrival call, List<Destination> set, SetView view) {
    return null;
  }

  /**
   * For algorithms with a random element (6, 9, 11): the probability of each raw index modulo {@code m}, as the
   * configuration promises it; null for deterministic algorithms.
   */
  default double @Nullable [] shares(int m) {
    return null;
  }

  /** Whether the last {@link #index} repeated the observed pick to learn a table rather than predicting it. */
  default boolean learning() {
    return false;
  }

  /** Whether a destination is left out of the failover list (alg 10: at its {@code maxload}). */
  default boolean full(int index) {
    return false;
  }

  /** Whether the other destinations are parallel branches rather than a failover list (alg 12). */
  default boolean parallel() {
    return false;
  }

  /** The replay's view of the set at the call's arrival. */
  interface SetView {
    /** Whether selection skips the destination at {@code index} now (inactive or disabled). */
    boolean skipped(int index);

    /** Kamailio's latency estimate of the destination, in ms (0 without statistics or a {@code latency=}). */
    float latencyEstimate(int index);

    /** The arrival time of the call being replayed. */
    java.time.Instant now();

    /** The modulus: the number of destinations, less the default one with {@code use_default}. */
    int modulus();
  }
}
