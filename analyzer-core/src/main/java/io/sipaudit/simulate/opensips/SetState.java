package io.sipaudit.simulate.opensips;

/**
 * What an algorithm sees of a dispatcher set during a selection: the array (index 0 = highest priority), the
 * per-set {@code last} index shared by every algorithm on the set, the round-robin counters, and the calls each
 * destination holds in the replay.
 *
 * <p>Example: after three calls of alg 4 over weights [3, 1, 2], {@code last()} is 0 and {@code rrCount(0)} is 3.
 */
public interface SetState {
  /** Returns the number of selectable indices ({@code set_size}: all, or all but the default with flag d). */
  int size();

  /** Returns the weight of index {@code i}. */
  int weight(int i);

  /** Returns the last selected index (0 at start). */
  int last();

  /** Returns how many times in a row index {@code i} was chosen by alg 4. */
  int rrCount(int i);

  /** Sets {@code rr_count[i]} to 0 (alg 4 leaving {@code i}). */
  void resetRrCount(int i);

  /** Counts one alg 4 pick of {@code i}. */
  void countRoundRobin(int i);

  /** Returns the calls the replay has on index {@code i} now (0 unless the algorithm says it reads them). */
  long callsInProgress(int i);
}
