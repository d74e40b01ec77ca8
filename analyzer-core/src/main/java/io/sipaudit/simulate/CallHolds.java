package io.sipaudit.simulate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls in progress per destination index, for the selections that count them (Kamailio's call load, an SBC's
 * least calls): a call holds its destination from its selection until it ends. Example: call 1 on index 0 until
 * 09:00:05; at 09:00:04 {@code load(0)} is 1, after {@code release(09:00:05)} it is 0.
 */
final class CallHolds {
  private final int[] load;
  private final Map<String, Integer> holders = new HashMap<>();
  private final EndTimes<String> ends = new EndTimes<>();

  CallHolds(int destinations) {
    load = new int[destinations];
  }

  int size() {
    return load.length;
  }

  /** Ends every call whose end is at or before {@code now}. */
  void release(Instant now) {
    while (ends.dueBy(now)) {
      Integer j = holders.remove(ends.firstItem());
      ends.removeFirst();
      if (j != null) {
        load[j]--;
      }
    }
  }

  /** Whether the Call-ID holds a destination already (an INVITE resent with credentials). */
  boolean holds(String callId) {
    return holders.containsKey(callId);
  }

  /** Counts a call on {@code index} until {@code end}. */
  void hold(String callId, int index, Instant end) {
    holders.put(callId, index);
    load[index]++;
    ends.add(end, index, callId);
  }

  int load(int index) {
    return load[index];
  }
}
