package io.sipaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

final class HandoffTest {

  private static Consumer<Consumer<Integer>> count(int n) {
    return out -> {
      for (int i = 0; i < n; i++) {
        out.accept(i);
      }
    };
  }

  @Test
  void itemsArriveInOrderOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    List<Integer> seen = new ArrayList<>();
    Handoff.run(count(100_000), i -> {
      assertSame(caller, Thread.currentThread());
      seen.add(i);
    }, true);
    assertEquals(100_000, seen.size());
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(i, seen.get(i));
    }
  }

  @Test
  void serialRunCallsTheProducerDirectly() {
    List<Integer> seen = new ArrayList<>();
    Handoff.run(count(3), seen::add, false);
    assertEquals(List.of(0, 1, 2), seen);
  }

  @Test
  void producerFailureSurfacesAfterTheItemsBeforeIt() {
    UncheckedIOException boom = new UncheckedIOException("disk gone", new java.io.IOException());
    List<Integer> seen = new ArrayList<>();
    UncheckedIOException thrown = assertThrows(UncheckedIOException.class, () -> Handoff.<Integer>run(out -> {
      count(1000).accept(out);
      throw boom;
    }, seen::add, true));
    assertSame(boom, thrown);
    assertEquals(1000, seen.size());
  }

  @Test
  void consumerFailureStopsTheProducer() {
    AtomicBoolean producerEnded = new AtomicBoolean();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Handoff.<Integer>run(out -> {
      try {
        for (int i = 0; ; i++) {
          out.accept(i);   // endless: only the consumer's failure ends it
        }
      } finally {
        producerEnded.set(true);
      }
    }, i -> {
      if (i == 5000) {
        throw new IllegalStateException("sink broke");
      }
    }, true));
    assertEquals("sink broke", thrown.getMessage());
    assertTrue(producerEnded.get(), "run returns only after the producer has ended");
  }

  @Test
  void cancellationIsNotCaughtAsAnOrdinaryException() {
    assertTrue(Error.class.isAssignableFrom(Handoff.Cancelled.class),
        "decoders catch RuntimeException around each frame; cancelling must pass through them");
  }
}
