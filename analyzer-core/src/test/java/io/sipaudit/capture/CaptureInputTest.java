package io.sipaudit.capture;

import static io.sipaudit.capture.CaptureFixtures.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class CaptureInputTest {
  private static final int SIZE = CaptureInput.BUFFER_SIZE;

  private static CaptureInput input(byte[] data) {
    return new CaptureInput(new ByteArrayInputStream(data), "test", false);
  }

  @Test
  void readsLongerThanTheBufferGoStraightIntoTheArray() {
    byte[] data = payload(3 * SIZE + 5, 0);
    CaptureInput in = input(data);
    assertTrue(in.require(3));
    in.advance(3);

    byte[] big = in.read(2 * SIZE + 1);

    assertArrayEquals(Arrays.copyOfRange(data, 3, 3 + 2 * SIZE + 1), big);
    assertEquals(3 + 2 * SIZE + 1, in.offset());
    assertArrayEquals(Arrays.copyOfRange(data, 3 + 2 * SIZE + 1, data.length), in.read(SIZE + 1));
    assertTrue(in.atCleanEnd());
  }

  @Test
  void readPastTheEndConsumesWhatThereIsAndReturnsNull() {
    CaptureInput in = input(payload(SIZE + 10, 0));

    assertNull(in.read(SIZE + 11));
    assertEquals(SIZE + 10, in.offset());
    assertNull(in.read(1));
  }

  @Test
  void skipCrossesBufferRefills() {
    byte[] data = payload(5 * SIZE, 0);
    CaptureInput in = input(data);

    assertTrue(in.skip(4L * SIZE + 7));
    assertTrue(in.require(1));
    assertEquals(data[4 * SIZE + 7] & 0xFF, in.getUnsignedByte(0));
    assertFalse(in.skip(SIZE));
    assertEquals(5L * SIZE, in.offset());
  }

  @Test
  void typedReadsFollowTheByteOrder() {
    CaptureInput in = input(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertTrue(in.require(8));

    assertEquals(0x01020304, in.getInt(0));
    in.order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x04030201, in.getInt(0));
    assertEquals(0x0807, in.getUnsignedShort(6));
    assertEquals(0x0807060504030201L, in.getLong(0));
  }

  @Test
  void requireMoreThanTheBufferIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> input(new byte[0]).require(SIZE + 1));
  }

  @Test
  void truncationMessageCountsTheBytesLeft() {
    CaptureInput in = input(new byte[30]);
    assertFalse(in.require(40));

    assertEquals("test at offset 0: record needs 40 bytes, file ends after 30",
        in.truncated(0, "record", 40).getMessage());
  }
}
