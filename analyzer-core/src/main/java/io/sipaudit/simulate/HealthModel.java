package io.sipaudit.simulate;

import static java.util.Objects.requireNonNull;

import io.sipaudit.config.Destination;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The balancer's view of its destinations over the capture, replayed from what the capture shows: each
 * health-check probe's result, taken when the balancer learnt it (the answer, or tm's {@code fr_timer} after an
 * unanswered probe), and each {@code ds_mark_dst} the failure route did (seen as a failed attempt followed by the
 * next one), all through Kamailio's state machine ({@link DestinationState}) with the configured thresholds and
 * probing mode.
 *
 * <p>Example: probing mode 1, thresholds 1/1, {@code .21} killed at 08:44:28.3: its probe of 08:44:28.6 times
 * out at 08:44:29.6 (fr_timer 1 s), which makes it inactive, unless a failed call marked it earlier; its first
 * answered probe after the restart makes it active again.
 *
 * @see Replay
 */
public final class HealthModel implements HealthEvents {

  /** The dispatcher settings the model needs. */
  public record Settings(int probingThreshold, int inactiveThreshold, int probingMode, int markState) {
    /** Kamailio's defaults: thresholds 1 and 1, mode 0; {@code ds_mark_dst()} without a parameter. */
    public static final Settings DEFAULTS = new Settings(1, 1, 0, DestinationState.INACTIVE);
  }

  private enum Kind { PROBE_OK, PROBE_FAILED, MARKED, LATENCY }

  private record Event(Instant at, String destination, Kind kind, int ms) {
    Event(Instant at, String destination, Kind kind) {
      this(at, destination, kind, 0);
    }
  }

  private final Settings settings;
  private final TimedEvents<Event> events = new TimedEvents<>(Event::at);
  private final Map<String, List<DestinationState>> states = new HashMap<>();
  private final Map<String, LatencyStats> latency = new HashMap<>();
  private final Map<String, List<Instant[]>> down = new HashMap<>();
  private Instant now = Instant.MIN;

  public HealthModel(Settings settings) {
    this.settings = requireNonNull(settings, "settings");
  }

  @Override
  public void probe(Instant at, String destination, boolean success) {
    add(new Event(at, destination, success ? Kind.PROBE_OK : Kind.PROBE_FAILED));
  }

  @Override
  public void mark(Instant at, String destination) {
    add(new Event(at, destination, Kind.MARKED));
  }

  /**
   * Records a ping's round trip for the latency statistics ({@code ds_ping_latency_stats=1}): {@code ms} whole
   * milliseconds from the probe to its reply, or −1 for a probe that timed out.
   */
  public void latency(Instant at, String destination, int ms) {
    add(new Event(at, destination, Kind.LATENCY, ms));
  }

  /**
   * A what-if scenario: {@code destination} failed from {@code from} to {@code to}, and the balancer knew it (it is
   * skipped during that time whatever the probes said).
   */
  public void down(String destination, Instant from, Instant to) {
    down.computeIfAbsent(destination, k -> new ArrayList<>()).add(new Instant[] {from, to});
  }

  private void add(Event e) {
    events.add(e);
  }

  /** Returns how many probe results and marks the model holds. */
  public int events() {
    return events.size();
  }

  /**
   * A change of one destination's state in the balancer's view.
   *
   * @param at when
   * @param destination {@code host:port}
   * @param from the state before, as {@code kamcmd dispatcher.list} shows it ({@code AP}, {@code TP}, {@code IP}, ...)
   * @param to the state after
   * @param cause {@code probe answered}, {@code probe failed} or {@code marked by the failure route}
   */
  public record StateChange(Instant at, String destination, String from, String to, String cause) {}

  /**
   * Replays every event over fresh states of {@code destinations} (each starting from its flags in
   * {@code initialFlags}, else active) and returns the changes between active, trying, inactive and disabled (not
   * those of the probing bit alone), in time order. Does not disturb a replay.
   */
  public List<StateChange> transitions(java.util.Collection<String> destinations, Map<String, Integer> initialFlags) {
    List<Event> sortedEvents = events.inOrder();
    Map<String, DestinationState> view = new java.util.TreeMap<>();
    for (String d : destinations) {
      view.put(d, new DestinationState(initialFlags.getOrDefault(d, 0), settings.probingThreshold(),
          settings.inactiveThreshold()));
    }
    List<StateChange> out = new ArrayList<>();
    for (Event e : sortedEvents) {
      DestinationState s = view.get(e.destination());
      if (s == null || e.kind() == Kind.LATENCY) {
        continue;
      }
      String before = s.letters();
      apply(s, e.kind());
      if (before.charAt(0) != s.letters().charAt(0)) {   // A, T, I or D changed (not only the probing bit)
        out.add(new StateChange(e.at(), e.destination(), before, s.letters(), switch (e.kind()) {
          case MARKED -> "marked by the failure route";
          case PROBE_OK -> "probe answered";
          case PROBE_FAILED -> "probe failed";
          case LATENCY -> throw new IllegalStateException();
        }));
      }
    }
    return out;
  }

  private void apply(DestinationState s, Kind kind) {
    switch (kind) {
      case MARKED -> s.update(settings.markState());
      case PROBE_OK -> s.probed(true, settings.probingMode());
      case PROBE_FAILED -> s.probed(false, settings.probingMode());
      case LATENCY -> { }
    }
  }

  /** Binds the model to the set being replayed; every destination starts from its list flags. */
  void bind(List<Destination> set) {
    for (Destination d : set) {
      latency.computeIfAbsent(d.hostPort(), k -> new LatencyStats(d.intAttr("latency"), 900));
      states.computeIfAbsent(d.hostPort(), k -> new ArrayList<>())
          .add(new DestinationState(d.flags(), settings.probingThreshold(), settings.inactiveThreshold()));
      down.computeIfAbsent(d.hostPort(), k -> new ArrayList<>());   // scenarios added later land in this list
    }
  }

  /**
   * Returns, once bound, what {@link #skipped} reads for the {@code occurrence}th entry of {@code hostPort}, for a
   * replay to hold per set index: its state (which the events update in place) and its what-if windows.
   */
  Bound bound(String hostPort, int occurrence) {
    List<DestinationState> s = states.get(hostPort);
    return new Bound(s.get(Math.min(occurrence, s.size() - 1)), down.get(hostPort), latency.get(hostPort));
  }

  /** One destination of the bound set: live views of its state, its down windows and its latency statistics. */
  record Bound(DestinationState state, List<Instant[]> down, LatencyStats latency) {
    /** As {@link HealthModel#skipped}, at {@code now} (the time the model was last advanced to). */
    boolean skipped(Instant now) {
      for (int k = 0; k < down.size(); k++) {
        Instant[] d = down.get(k);
        if (!now.isBefore(d[0]) && now.isBefore(d[1])) {
          return true;
        }
      }
      return state.skipped();
    }
  }

  /** Applies every event up to and including {@code t}. */
  void advanceTo(Instant t) {
    now = t;
    events.advanceTo(t, this::apply);
  }

  /** Applies one probe result, mark or latency sample. */
  private void apply(Event e) {
    if (e.kind() == Kind.LATENCY) {
      LatencyStats l = latency.get(e.destination());
      if (l != null && e.ms() >= 0) {
        l.sample(e.ms());
      } else if (l != null) {
        l.timeout();
      }
      return;
    }
    List<DestinationState> s = states.get(e.destination());
    if (s == null) {
      return;   // not in this set
    }
    // Kamailio updates only the first entry with that URI (kamailio#2527); a ping updates each entry it pings
    if (e.kind() == Kind.MARKED) {
      apply(s.get(0), e.kind());
    } else {
      s.forEach(d -> apply(d, e.kind()));
    }
  }

  /** Returns whether selection skips the {@code occurrence}th entry of {@code hostPort} in the set now. */
  boolean skipped(String hostPort, int occurrence) {
    for (Instant[] d : down.getOrDefault(hostPort, List.of())) {
      if (!now.isBefore(d[0]) && now.isBefore(d[1])) {
        return true;
      }
    }
    List<DestinationState> s = states.get(hostPort);
    return s != null && s.get(Math.min(occurrence, s.size() - 1)).skipped();
  }

  /** Returns the latency statistics of a destination of the bound set, or null. */
  @org.jspecify.annotations.Nullable LatencyStats latency(String hostPort) {
    return latency.get(hostPort);
  }
}
