package io.sipaudit.simulate.srv;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kamailio's destination blocklist as the capture shows it was fed ({@code use_dst_blocklist=on}): an INVITE that
 * timed out without any reply ({@code tm_blst_methods_add} is INVITE by default) blocks its address for
 * {@code dst_blocklist_expire} seconds (60 by default, {@code dst_blocklist.h}); while blocked, Kamailio's send
 * refuses the address and DNS failover moves on to the next one, so a blocked target is not even tried first.
 * A 503 blocks only with tm's {@code blst_503} (off by default), which is not modelled.
 *
 * <p>Example: expiry 60 s, {@code 127.0.1.121:5060} timed out at 12:00:01.6: calls from then until 12:01:01.6
 * skip it.
 */
public final class DstBlocklist {
  private record Event(Instant at, String hostPort) {}

  private final Duration expire;
  private final List<Event> events = new ArrayList<>();
  private final Map<String, Instant> until = new HashMap<>();
  private int next = -1;

  public DstBlocklist(Duration expire) {
    this.expire = requireNonNull(expire, "expire");
  }

  /** Records that {@code hostPort} was blocklisted at {@code at} (all before the replay starts). */
  public void add(Instant at, String hostPort) {
    if (next >= 0) {
      throw new IllegalStateException("events must all be added before the replay starts");
    }
    events.add(new Event(requireNonNull(at, "at"), requireNonNull(hostPort, "hostPort")));
  }

  /** Applies every event up to {@code t} (inclusive); times must not go back. */
  public void advanceTo(Instant t) {
    if (next < 0) {
      events.sort(Comparator.comparing(Event::at));
      next = 0;
    }
    while (next < events.size() && !events.get(next).at().isAfter(t)) {
      Event e = events.get(next++);
      until.put(e.hostPort(), e.at().plus(expire));
    }
    this.now = t;
  }

  private Instant now = Instant.MIN;

  /** Returns whether {@code hostPort} is blocked at the time last advanced to. */
  public boolean blocked(String hostPort) {
    Instant u = until.get(hostPort);
    return u != null && now.isBefore(u);
  }

  /** Returns how many events were recorded. */
  public int size() {
    return events.size();
  }

  /** Returns how long an entry lasts. */
  public Duration expire() {
    return expire;
  }
}
