package io.sipaudit.sip.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class ByteSearchTest {

  @Test
  void findsTheFirstMatchAtEveryPositionAndRespectsBounds() {
    for (int len = 0; len < 40; len++) {
      for (int at = 0; at < len; at++) {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) 'a');
        b[at] = '\n';
        if (at + 3 < len) {
          b[at + 3] = '\n';
        }

        assertEquals(at, ByteSearch.indexOf(b, 0, len, (byte) '\n'), "len " + len + " at " + at);
        assertEquals(-1, ByteSearch.indexOf(b, 0, at, (byte) '\n'), "before " + at);
      }
    }
  }

  @Test
  void highBytesAreNotMistakenForTheTarget() {
    byte[] b = {(byte) 0x8a, (byte) 0x8a, (byte) 0x0b, (byte) 0x09, (byte) 0xff, 1, 2, 3, 4, 5, '\n'};

    assertEquals(10, ByteSearch.indexOf(b, 0, b.length, (byte) '\n'));
    assertEquals(4, ByteSearch.indexOf(b, 1, b.length, (byte) 0xff));
  }
}
