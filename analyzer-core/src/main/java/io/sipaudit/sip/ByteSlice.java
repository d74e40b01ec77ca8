package io.sipaudit.sip;

import java.nio.ByteBuffer;

/**
 * An array region {@code buf[off, off+len)} taken from a {@link ByteBuffer}'s position to limit, without copying when
 * the buffer exposes its array.
 *
 * <p>Example: a heap buffer with position 14 over a 100-byte array gives {@code (array, arrayOffset + 14, 86)};
 * a read-only or direct buffer is copied (at most {@code maxCopy} bytes).
 */
record ByteSlice(byte[] buf, int off, int len) {

  static ByteSlice of(ByteBuffer bytes) {
    return of(bytes, Integer.MAX_VALUE);
  }

  static ByteSlice of(ByteBuffer bytes, int maxCopy) {
    if (bytes.hasArray()) {
      return new ByteSlice(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }
    byte[] copy = new byte[Math.min(bytes.remaining(), maxCopy)];
    bytes.get(bytes.position(), copy);
    return new ByteSlice(copy, 0, copy.length);
  }
}
