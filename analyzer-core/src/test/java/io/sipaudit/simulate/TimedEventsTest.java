package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TimedEventsTest {
  private record E(long second, String name) {
    Instant at() {
      return Instant.ofEpochSecond(second);
    }
  }

  @Test
  void eventsComeOutInTimeOrderUpToEachAdvanceAndTiesKeepTheirOrder() {
    TimedEvents<E> events = new TimedEvents<>(E::at);
    events.add(new E(10, "b"));
    events.add(new E(5, "a"));
    events.add(new E(20, "d"));
    events.add(new E(10, "c"));
    List<String> seen = new ArrayList<>();

    events.advanceTo(Instant.ofEpochSecond(12), e -> seen.add(e.name()));
    assertEquals(List.of("a", "b", "c"), seen);
    events.advanceTo(Instant.ofEpochSecond(12), e -> seen.add(e.name()));
    events.advanceTo(Instant.ofEpochSecond(20), e -> seen.add(e.name()));

    assertEquals(List.of("a", "b", "c", "d"), seen);
    assertEquals(List.of("a", "b", "c", "d"), events.inOrder().stream().map(E::name).toList());
  }

  @Test
  void addingOnceTheReplayHasStartedIsRefused() {
    TimedEvents<E> events = new TimedEvents<>(E::at);
    events.add(new E(1, "a"));
    events.advanceTo(Instant.ofEpochSecond(1), e -> { });

    assertThrows(IllegalStateException.class, () -> events.add(new E(2, "b")));
  }
}
