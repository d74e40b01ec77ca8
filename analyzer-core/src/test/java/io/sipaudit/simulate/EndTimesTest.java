package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class EndTimesTest {
  private static final Instant T = Instant.parse("2026-11-26T08:00:00Z");

  @Test
  void entriesComeDueInTimeOrderWhateverOrderTheyWereAddedIn() {
    EndTimes<String> ends = new EndTimes<>();
    int[] seconds = {5, 2, 9, 1, 7, 3, 8, 6, 4, 0, 12, 11, 10, 15, 14, 13, 16, 19, 18, 17};   // 20: it grows past 16
    for (int s : seconds) {
      ends.add(T.plusSeconds(s), s, "call" + s);
    }
    List<Integer> out = new ArrayList<>();
    while (ends.dueBy(T.plusSeconds(30))) {
      assertEquals("call" + ends.firstIndex(), ends.firstItem());
      out.add(ends.firstIndex());
      ends.removeFirst();
    }
    List<Integer> expected = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      expected.add(s);
    }
    assertEquals(expected, out);
    assertTrue(ends.isEmpty());
  }

  @Test
  void anEntryIsDueAtItsEndToTheNanosecondAndNotBefore() {
    EndTimes<Void> ends = new EndTimes<>();
    ends.add(T.plusNanos(2), 1, null);
    assertFalse(ends.dueBy(T.plusNanos(1)));
    assertTrue(ends.dueBy(T.plusNanos(2)));
  }
}
