package io.sipaudit.capture;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * What a pcapng Interface Description Block says about the packets captured on one interface.
 *
 * <p>Example: an IDB with link type 113 (Linux SLL), snaplen 0 and the options {@code if_tsresol = 9} and
 * {@code if_tsoffset = 1764139200} makes an EPB timestamp of {@code 792454789} (ts_high 0, ts_low
 * {@code 0x2f3be685}) mean 2025-11-26T06:40:00.792454789Z.
 *
 * @param linkType the LINKTYPE_ value, u16
 * @param snaplen the largest captured length, u32; 0 means unlimited
 * @param tsresol the {@code if_tsresol} byte: units of 10^-n seconds, or of 2^-n when the top bit is set
 *     (default 6, microseconds)
 * @param tsOffsetSeconds the {@code if_tsoffset} seconds added to every timestamp (default 0)
 */
record PcapngInterface(int linkType, long snaplen, int tsresol, long tsOffsetSeconds) {
  static final int DEFAULT_TSRESOL = 6;

  /** 10^0 .. 10^19; the last one only fits as an unsigned long. */
  private static final long[] POWERS_OF_TEN = new long[20];

  static {
    long p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  PcapngInterface {
    if (linkType < 0 || linkType > 0xFFFF) {
      throw new IllegalArgumentException("link type " + linkType + " (expected: u16)");
    }
    if (snaplen < 0 || snaplen > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("snaplen " + snaplen + " (expected: u32)");
    }
    if (!isSupportedResolution(tsresol)) {
      throw new IllegalArgumentException("if_tsresol " + describeResolution(tsresol)
          + " (expected: 10^-0..10^-19 or 2^-0..2^-63)");
    }
  }

  /** Returns whether the {@code if_tsresol} byte gives a resolution whose unit count fits 64 bits. */
  static boolean isSupportedResolution(int tsresol) {
    return (tsresol & 0x80) == 0 ? tsresol >= 0 && tsresol <= 19 : (tsresol & 0x7F) <= 63;
  }

  /** Returns a resolution byte as text, e.g. {@code "10^-9"} or {@code "2^-20"}. */
  static String describeResolution(int tsresol) {
    return (tsresol & 0x80) == 0 ? "10^-" + tsresol : "2^-" + (tsresol & 0x7F);
  }

  /**
   * Converts a 64-bit unsigned count of resolution units to an instant, adding {@code if_tsoffset}.
   *
   * @throws DateTimeException when the result lies outside what {@link Instant} can hold
   */
  Instant timestamp(long units) {
    long seconds;
    long nanos;
    if ((tsresol & 0x80) == 0) {
      long perSecond = POWERS_OF_TEN[tsresol];
      long fraction;
      if (units >= 0 && perSecond > 0) {
        seconds = units / perSecond;
        fraction = units % perSecond;
      } else {
        seconds = Long.divideUnsigned(units, perSecond);
        fraction = Long.remainderUnsigned(units, perSecond);
      }
      nanos = tsresol <= 9
          ? fraction * POWERS_OF_TEN[9 - tsresol]
          : Long.divideUnsigned(fraction, POWERS_OF_TEN[tsresol - 9]);
    } else {
      int shift = tsresol & 0x7F;
      seconds = units >>> shift;
      if (shift == 0) {
        nanos = 0;
      } else {
        long fraction = units & ((1L << shift) - 1);
        // fraction * 10^9 / 2^shift without overflow: shift the 128-bit product right.
        long high = Math.multiplyHigh(fraction, 1_000_000_000L);
        long low = fraction * 1_000_000_000L;
        nanos = (high << (64 - shift)) | (low >>> shift);
      }
    }
    if (seconds < 0) {
      throw new DateTimeException(Long.toUnsignedString(seconds) + " seconds is beyond Instant.MAX");
    }
    return Instant.ofEpochSecond(Math.addExact(seconds, tsOffsetSeconds), nanos);
  }
}
