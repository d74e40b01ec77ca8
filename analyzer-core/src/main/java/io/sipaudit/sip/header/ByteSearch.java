package io.sipaudit.sip.header;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte eight bytes at a time (SWAR), for the framer's and parsers' line and list scans.
 *
 * <p>Example: {@code indexOf(buf, 0, buf.length, (byte) '\n')} on {@code "Via: SIP/2.0/UDP h\r\n"} returns 19.
 * XOR with the wanted byte in every lane makes a matching byte zero; {@code (x - 0x01..) & ~x & 0x80..} marks the
 * zero bytes, and the lowest mark is always exact.
 */
public final class ByteSearch {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ByteSearch() {}

  /** Returns the index of the first {@code b} in {@code buf[from, to)}, or -1. */
  public static int indexOf(byte[] buf, int from, int to, byte b) {
    long pattern = ONES * (b & 0xff);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ pattern;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
