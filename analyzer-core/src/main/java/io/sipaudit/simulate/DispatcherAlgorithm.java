package io.sipaudit.simulate;

import io.sipaudit.config.Destination;
import java.util.List;

/**
 * One Kamailio dispatcher algorithm: picks an index into a set for a call. State (a round-robin counter)
 * lives in the instance; one instance per replay.
 */
public interface DispatcherAlgorithm {

  /**
   * Returns the raw index before the skip walk (Kamailio's {@code h}), in 0..Long.MAX; the replay reduces it
   * modulo the number of destinations and walks past unusable ones.
   */
  long index(CallArrival call, List<Destination> set);

  /** Tells the algorithm which index was finally used (round-robin resumes after it). */
  default void chosen(int index, int n) {
  }
}
