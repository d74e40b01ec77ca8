package io.sipaudit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class CapturedFrameTest {

  @Test
  void dataIsKeptAsAReadOnlyView() {
    CapturedFrame frame = new CapturedFrame(1, Instant.EPOCH, 1, 4, ByteBuffer.wrap(new byte[4]), 0, 24);

    assertTrue(frame.data().isReadOnly());
    assertEquals(4, frame.capturedLength());
    assertFalse(frame.truncated());
  }

  @Test
  void originalLengthShorterThanTheCapturedBytesIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CapturedFrame(1, Instant.EPOCH, 1, 3, ByteBuffer.wrap(new byte[4]), 0, 24));

    assertEquals("original length 3 < captured length 4", e.getMessage());
  }

  @Test
  void frameNumbersStartAtOne() {
    assertThrows(IllegalArgumentException.class,
        () -> new CapturedFrame(0, Instant.EPOCH, 1, 0, ByteBuffer.allocate(0), 0, 24));
  }
}
