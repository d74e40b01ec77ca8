package io.sipaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.Endpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class HeavyHittersTest {
  private static final Endpoint A = Endpoint.parse("10.0.0.1:5060");
  private static final Endpoint B = Endpoint.parse("10.0.0.2:5060");

  @Test
  void aNewValueTakesOverTheSmallestCounterAndInheritsItsCountAsError() {
    HeavyHitters h = new HeavyHitters(2);
    for (String v : List.of("a", "a", "b", "c", "a")) {
      h.add(v, A);
    }
    List<HeavyHitters.Counter> top = h.top();
    assertEquals(2, top.size());
    assertEquals(new HeavyHitters.Counter("a", 3, 0, Map.of(A, 3L)), top.get(0));
    assertEquals(new HeavyHitters.Counter("c", 2, 1, Map.of(A, 1L)), top.get(1), "c replaced b (count 1)");
    assertEquals(5, h.total());
  }

  @Test
  void aValueWithMoreThanTotalOverCapacityIsAlwaysKeptWithItsBackends() {
    HeavyHitters h = new HeavyHitters(8);
    for (int i = 0; i < 1000; i++) {
      if (i % 4 == 0) {
        h.add("sip:hotline@lab.example", i % 8 == 0 ? A : B);   // 250 of 1000, half to each backend
      } else {
        h.add("sip:caller" + i + "@lab.example", A);            // 750 values seen once each
      }
    }
    HeavyHitters.Counter first = h.top().get(0);
    assertEquals("sip:hotline@lab.example", first.value());
    assertTrue(first.guaranteed() <= 250 && first.count() >= 250, first.toString());
    assertTrue(first.guaranteed() > 1000 / 8, "a lower bound above total / capacity: " + first);
    assertEquals(8, h.top().size(), "memory stays at the capacity");
  }

  @Test
  void itCountsEveryBackendOfAValueSinceItGotItsCounter() {
    HeavyHitters h = new HeavyHitters(4);
    h.add("x", A);
    h.add("x", B);
    h.add("x", B);
    assertEquals(Map.of(A, 1L, B, 2L), h.top().get(0).backends());
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HeavyHitters(0));
  }
}
