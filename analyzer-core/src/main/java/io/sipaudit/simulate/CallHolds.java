package io.sipaudit.simulate;

import io.sipaudit.config.Destination;
import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls in progress per destination index, for the selections that count them (Kamailio's call load, an SBC's
 * least calls): a call holds its destination from its selection until it ends. Example: call 1 on index 0 until
 * 09:00:05; at 09:00:04 {@code load(0)} is 1, after {@code release(09:00:05)} it is 0.
 */
final class CallHolds {
  private final int[] load;
  private final int[] maxload;
  private final Map<String, Integer> holders = new HashMap<>();
  private final EndTimes<String> ends = new EndTimes<>();

  CallHolds(int destinations) {
    load = new int[destinations];
    maxload = new int[destinations];
  }

  /** Calls on each destination of {@code set}, capped by its {@code maxload} attribute (0 or none: no cap). */
  CallHolds(List<Destination> set) {
    this(set.size());
    for (int j = 0; j < set.size(); j++) {
      maxload[j] = Math.max(0, set.get(j).intAttr("maxload"));
    }
  }

  /** Whether a destination is at its {@code maxload}. */
  boolean full(int index) {
    return index < maxload.length && maxload[index] > 0 && load[index] >= maxload[index];
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
