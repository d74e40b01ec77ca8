package io.sipaudit.simulate;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The balancer's view of its destinations over time, built while the capture is read: the same state machine and
 * the same changes as {@link HealthModel#transitions}, without keeping every probe to the end.
 *
 * <p>Probe results come in about in time order; the failure route's marks come only when their call is finished,
 * which can be long after the mark. Events therefore wait in a queue until the capture is {@code delay} past them,
 * and are applied in time order from there; memory grows with the probes of one {@code delay}, not with the capture.
 * An event that comes later than that (a mark of a call that lasted longer than {@code delay}) is applied when it
 * arrives and counted in {@link #late()}.
 *
 * <p>Example: probes of {@code 10.0.0.2:5060} failing at 09:00:01 and 09:00:02 with {@code ds_probing_threshold} 2
 * give one change, {@code AP -> IP} at 09:00:02, once the capture has passed 09:00:02 + delay (or at
 * {@link #finish}).
 */
public final class StreamingStateTimeline implements HealthEvents {
  private enum Kind { PROBE_OK, PROBE_FAILED, MARKED }

  private record Event(Instant at, long seq, String destination, Kind kind, @Nullable String prober) {}

  private final HealthModel.Settings settings;
  private final Duration delay;
  private final PriorityQueue<Event> queue = new PriorityQueue<>(
      Comparator.comparing(Event::at).thenComparingLong(Event::seq));
  private final Map<String, DestinationState> states = new HashMap<>();
  private final List<HealthModel.StateChange> changes = new ArrayList<>();
  private final Set<String> probers = new HashSet<>();
  private Instant applied = Instant.MIN;
  private long seq;
  private long late;
  private int maxHeld;

  public StreamingStateTimeline(HealthModel.Settings settings, Duration delay) {
    this.settings = requireNonNull(settings, "settings");
    this.delay = requireNonNull(delay, "delay");
  }

  /** Only the probes of these senders count (the balancers), once one is known; before that, every prober's. */
  public void prober(String balancer) {
    probers.add(balancer);
  }

  /** A probe result as {@code prober} learnt it. */
  public void probe(Instant at, String destination, boolean success, @Nullable String prober) {
    add(new Event(at, seq++, destination, success ? Kind.PROBE_OK : Kind.PROBE_FAILED, prober));
  }

  @Override
  public void probe(Instant at, String destination, boolean success) {
    probe(at, destination, success, null);
  }

  @Override
  public void mark(Instant at, String destination) {
    add(new Event(at, seq++, destination, Kind.MARKED, null));
  }

  private void add(Event e) {
    if (e.at().isBefore(applied)) {
      late++;
      apply(e);   // its moment has been replayed already: as late as it came
      return;
    }
    queue.add(e);
    maxHeld = Math.max(maxHeld, queue.size());
  }

  /** Tells the timeline how far the capture has come: events older than {@code now − delay} are applied. */
  public void advance(Instant now) {
    Instant until = now.minus(delay);
    while (!queue.isEmpty() && !queue.peek().at().isAfter(until)) {
      apply(queue.poll());
    }
  }

  private void apply(Event e) {
    if (e.prober() != null && !probers.isEmpty() && !probers.contains(e.prober())) {
      return;
    }
    if (e.at().isAfter(applied)) {
      applied = e.at();
    }
    DestinationState s = states.computeIfAbsent(e.destination(),
        k -> new DestinationState(0, settings.probingThreshold(), settings.inactiveThreshold()));
    String before = s.letters();
    switch (e.kind()) {
      case MARKED -> s.update(settings.markState());
      case PROBE_OK -> s.probed(true, settings.probingMode());
      case PROBE_FAILED -> s.probed(false, settings.probingMode());
    }
    if (before.charAt(0) != s.letters().charAt(0)) {
      changes.add(new HealthModel.StateChange(e.at(), e.destination(), before, s.letters(), switch (e.kind()) {
        case MARKED -> "marked by the failure route";
        case PROBE_OK -> "probe answered";
        case PROBE_FAILED -> "probe failed";
      }));
    }
  }

  /** Applies what is left and returns the changes of {@code destinations}, in time order. */
  public List<HealthModel.StateChange> finish(Collection<String> destinations) {
    while (!queue.isEmpty()) {
      apply(queue.poll());
    }
    Set<String> wanted = new HashSet<>(destinations);
    List<HealthModel.StateChange> out = new ArrayList<>();
    for (HealthModel.StateChange c : changes) {
      if (wanted.contains(c.destination())) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparing(HealthModel.StateChange::at));
    return out;
  }

  /** Events applied after their moment had passed (marks of calls longer than the delay). */
  public long late() {
    return late;
  }

  /** The most events held at once. */
  public int maxHeld() {
    return maxHeld;
  }
}
