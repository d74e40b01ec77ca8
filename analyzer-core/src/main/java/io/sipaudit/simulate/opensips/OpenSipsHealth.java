package io.sipaudit.simulate.opensips;

import static java.util.Objects.requireNonNull;

import io.sipaudit.simulate.HealthEvents;
import io.sipaudit.simulate.TimedEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenSIPS's view of its destinations over the capture: each probe result and failure-route mark, in time order,
 * through the state machine of the module being replayed.
 *
 * <p>Dispatcher ({@code _ds_set_state()}, {@code ds_options_callback()}, 3.5.9): a probe answered 200 (or an
 * {@code options_reply_codes} code) makes the destination active and resets its failure count; a failed probe
 * counts only with {@code ds_probing_mode=1} or the row's {@code probe_mode=1}, and after
 * {@code ds_probing_threshold} (default 3) of them the destination is probing (not selectable); a mark
 * ({@code ds_mark_dst()}, default {@code "i"}) makes it inactive, and inactive destinations are never pinged, so
 * only a mark {@code "a"} (or MI) brings them back. Example: threshold 3, mode 1: failed, failed: still active;
 * failed: probing; answered: active.
 *
 * <p>load_balancer ({@code set_dst_state_from_rplcode()}): a probe answered with 200 or a listed code re-enables,
 * a reply of 400 or more (the timeout's 408 included) disables at once, no threshold; {@code lb_disable_dst()}
 * disables.
 */
public final class OpenSipsHealth implements HealthEvents {

  /**
   * The modules' settings.
   *
   * @param loadBalancer the load_balancer module's rules instead of the dispatcher's
   * @param probingThreshold {@code ds_probing_threshold} (3)
   * @param probingMode {@code ds_probing_mode} (0)
   * @param markState what the failure route's {@code ds_mark_dst} sets: {@code 'i'} (the default), {@code 'p'}
   *     or {@code 'a'}
   */
  public record Settings(boolean loadBalancer, int probingThreshold, int probingMode, char markState) {
    public static final Settings DISPATCHER = new Settings(false, 3, 0, 'i');
    public static final Settings LOAD_BALANCER = new Settings(true, 1, 0, 'i');
  }

  private enum Kind { PROBE_OK, PROBE_FAILED, MARKED }

  private record Event(Instant at, String destination, Kind kind) {}

  /** One destination's state, updated in place as the events are applied. */
  static final class State {
    boolean inactive;
    boolean probing;
    boolean permanentProbe;
    int failures;
  }

  private final Settings settings;
  private final TimedEvents<Event> events = new TimedEvents<>(Event::at);
  private final Map<String, State> states = new HashMap<>();

  public OpenSipsHealth(Settings settings) {
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

  private void add(Event e) {
    events.add(e);
  }

  /**
   * Sets a destination's state before the replay: {@code state} as the dispatcher table's column (0 active,
   * 1 inactive, 2 probing), {@code permanentProbe} its {@code probe_mode=1}.
   */
  void start(String hostPort, int state, boolean permanentProbe) {
    State s = states.computeIfAbsent(hostPort, k -> new State());
    s.inactive = state == 1;
    s.probing = state == 2;
    s.permanentProbe = permanentProbe;
  }

  /** Applies every event up to and including {@code t}. */
  void advanceTo(Instant t) {
    events.advanceTo(t, e -> {
      State s = states.get(e.destination());
      if (s != null) {
        apply(s, e.kind());
      }
    });
  }

  private void apply(State s, Kind kind) {
    if (settings.loadBalancer()) {
      s.inactive = kind != Kind.PROBE_OK;
      return;
    }
    switch (kind) {
      case PROBE_OK -> {
        s.inactive = false;
        s.probing = false;
        s.failures = 0;
      }
      case PROBE_FAILED -> {
        if (settings.probingMode() == 1 || s.permanentProbe) {
          probingMark(s);
        }
      }
      case MARKED -> {
        switch (settings.markState()) {
          case 'p' -> probingMark(s);
          case 'a' -> {
            s.inactive = false;
            s.probing = false;
          }
          default -> {
            s.inactive = true;
            s.probing = false;
          }
        }
      }
    }
  }

  /** A "p" request: ignored while inactive; counted, and probing from the threshold on (the count capped there). */
  private void probingMark(State s) {
    if (s.inactive) {
      return;
    }
    int threshold = Math.max(1, settings.probingThreshold());
    s.failures = Math.min(s.failures + 1, threshold);
    if (s.failures >= threshold) {
      s.probing = true;
    }
  }

  /** Returns the state of a destination started with {@link #start}, for a replay to hold by index. */
  State state(String hostPort) {
    return states.get(hostPort);
  }

  /** Returns whether a destination can be selected now (neither inactive nor probing; enabled for lb). */
  static boolean active(State s) {
    return s == null || (!s.inactive && !s.probing);
  }

  /** Returns whether {@code hostPort} can be selected now (neither inactive nor probing; enabled for lb). */
  boolean active(String hostPort) {
    State s = states.get(hostPort);
    return s == null || (!s.inactive && !s.probing);
  }

  /** Returns how many probe results and marks the model holds. */
  public int events() {
    return events.size();
  }
}
