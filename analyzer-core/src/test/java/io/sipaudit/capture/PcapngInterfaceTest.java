package io.sipaudit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class PcapngInterfaceTest {

  private static Instant stamp(int tsresol, long offset, long units) {
    return new PcapngInterface(1, 0, tsresol, offset).timestamp(units);
  }

  @Test
  void decimalResolutionsScaleTheFraction() {
    assertEquals(Instant.ofEpochSecond(1, 500_000_000), stamp(1, 0, 15));
    assertEquals(Instant.ofEpochSecond(1, 5_000), stamp(6, 0, 1_000_005));
    assertEquals(Instant.ofEpochSecond(1, 5), stamp(9, 0, 1_000_000_005));
    assertEquals(Instant.ofEpochSecond(1, 123), stamp(12, 0, 1_000_000_123_456L));
  }

  @Test
  void finestDecimalResolutionUsesAllSixtyFourBits() {
    // 2^64 - 1 units of 10^-19 s = 1.8446744073709551615 s
    assertEquals(Instant.ofEpochSecond(1, 844_674_407), stamp(19, 0, -1L));
  }

  @Test
  void binaryResolutionsShiftTheFraction() {
    assertEquals(Instant.ofEpochSecond(3, 250_000_000), stamp(0x80 | 2, 0, 13));
    assertEquals(Instant.ofEpochSecond(0, 999_999_999), stamp(0x80 | 63, 0, Long.MAX_VALUE));
    assertEquals(Instant.ofEpochSecond(7), stamp(0x80, 0, 7));
  }

  @Test
  void offsetIsAddedInSecondsAndMayBeNegative() {
    assertEquals(Instant.ofEpochSecond(1_764_139_200L, 1_000), stamp(6, 1_764_139_200L, 1));
    assertEquals(Instant.ofEpochSecond(-10, 0), stamp(6, -10, 0));
  }

  @Test
  void secondsBeyondInstantAreRejected() {
    assertThrows(DateTimeException.class, () -> stamp(0, 0, -1L));
    assertThrows(ArithmeticException.class, () -> stamp(0, Long.MAX_VALUE, 1));
  }

  @Test
  void resolutionsFinerThanSixtyFourBitsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new PcapngInterface(1, 0, 20, 0));
    assertThrows(IllegalArgumentException.class, () -> new PcapngInterface(1, 0, 0x80 | 64, 0));
  }
}
