package io.sipaudit.simulate;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Events collected before a replay and then handed out in time order as the replay's clock advances: the probe
 * results and marks of {@link HealthModel} and of OpenSIPS's health model. Events with the same time keep the order
 * they were added in.
 *
 * <p>Example: add probes at 10 s, 5 s and 20 s; {@code advanceTo(12 s, apply)} applies the 5 s and 10 s ones, a
 * later {@code advanceTo(30 s, apply)} the 20 s one. Adding after the replay has started is a bug and throws.
 *
 * @param <E> the event type
 */
public final class TimedEvents<E> {
  private final Function<E, Instant> time;
  private final List<E> events = new ArrayList<>();
  private boolean sorted = true;
  private int next;

  /** Creates an empty list whose events are timed by {@code time}. */
  public TimedEvents(Function<E, Instant> time) {
    this.time = requireNonNull(time, "time");
  }

  /** Adds an event; all must be added before the first {@link #advanceTo}. */
  public void add(E e) {
    if (next > 0) {
      throw new IllegalStateException("events must all be added before the replay starts");
    }
    events.add(requireNonNull(e, "e"));
    sorted = false;
  }

  /** Returns how many events were added. */
  public int size() {
    return events.size();
  }

  /** Returns every event in time order, without disturbing a replay. */
  public List<E> inOrder() {
    sort();
    return List.copyOf(events);
  }

  /** Hands {@code apply} every event not yet handed out whose time is {@code t} or earlier, in time order. */
  public void advanceTo(Instant t, Consumer<E> apply) {
    sort();
    while (next < events.size() && !time.apply(events.get(next)).isAfter(t)) {
      apply.accept(events.get(next++));
    }
  }

  private void sort() {
    if (!sorted) {
      events.sort(Comparator.comparing(time));   // stable; nothing has been handed out yet
      sorted = true;
    }
  }
}
