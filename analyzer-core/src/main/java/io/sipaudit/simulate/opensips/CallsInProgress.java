package io.sipaudit.simulate.opensips;

import java.time.Instant;
import io.sipaudit.simulate.EndTimes;
import org.jspecify.annotations.Nullable;

/**
 * The calls each destination holds during a replay: a call counts from its selection until its end
 * ({@link io.sipaudit.simulate.CallArrival#end()}; a call still up when the capture ended counts to the end).
 * Memory grows with the calls in progress, not with all calls.
 *
 * <p>Example: calls at 0 s (ends 5 s) and 1 s (ends 2 s) on index 0: at 1.5 s index 0 holds 2, at 3 s it holds 1.
 */
final class CallsInProgress {
  private final long[] counts;
  private final EndTimes<Void> ends = new EndTimes<>();

  CallsInProgress(int size) {
    counts = new long[size];
  }

  /** Releases every call that ended at or before {@code t}. */
  void advanceTo(Instant t) {
    while (ends.dueBy(t)) {
      counts[ends.firstIndex()]--;
      ends.removeFirst();
    }
  }

  /** Books a call on {@code index} until {@code end} (null: until the end of the capture). */
  void book(int index, @Nullable Instant end) {
    counts[index]++;
    if (end != null) {
      ends.add(end, index, null);
    }
  }

  long count(int index) {
    return counts[index];
  }
}
