package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.sipaudit.config.Destination;
import io.sipaudit.config.DispatcherList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases from shared/reference/kamailio-dispatcher.md §4.9 and §4.11, checked there on Kamailio 5.6.3. */
final class WeightTableTest {

  private static List<Destination> set(String lines) {
    return DispatcherList.parse(lines, "t").set(1);
  }

  @Test
  void weightsFillSlotsInIndexOrderAndTheRestGoesToTheLastIndex() {
    // index order is the reverse of the file: w20 (index 0), w30, w50
    assertArrayEquals(new int[] {20, 30, 50}, WeightTable.slots(set("1 sip:a 0 0 weight=50\n1 sip:b 0 0 weight=30\n"
        + "1 sip:c 0 0 weight=20\n"), 9));
    // 70 + 20 = 90: ten slots left for the last index, whatever its weight
    assertArrayEquals(new int[] {70, 20, 10}, WeightTable.slots(set("1 sip:c 0 0\n1 sip:b 0 0 weight=20\n"
        + "1 sip:a 0 0 weight=70\n"), 9));
    // three times 60: the table is full after the second
    assertArrayEquals(new int[] {60, 40, 0}, WeightTable.slots(set("1 sip:a 0 0 weight=60\n1 sip:b 0 0 weight=60\n"
        + "1 sip:c 0 0 weight=60\n"), 9));
  }

  @Test
  void unweightedIndexZeroMeansNoTableAndEverythingToIndexZero() {
    assertArrayEquals(new int[] {100, 0, 0}, WeightTable.slots(set("1 sip:a 0 0 weight=50\n1 sip:b 0 0 weight=50\n"
        + "1 sip:c 0 0\n"), 9));
  }

  @Test
  void relativeWeightsAreShareOfTheSumWithTheRemainderToTheLastSliced() {
    assertArrayEquals(new int[] {25, 50, 25}, WeightTable.slots(set("1 sip:a 0 0 rweight=1\n1 sip:b 0 0 rweight=2\n"
        + "1 sip:c 0 0 rweight=1\n"), 11));
    assertArrayEquals(new int[] {33, 33, 34}, WeightTable.slots(set("1 sip:a 0 0 rweight=1\n1 sip:b 0 0 rweight=1\n"
        + "1 sip:c 0 0 rweight=1\n"), 11));
  }
}
