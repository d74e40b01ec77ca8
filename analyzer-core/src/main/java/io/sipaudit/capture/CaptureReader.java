package io.sipaudit.capture;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A pull-based, streaming reader of packet records. Use it in {@code try (...)}; nothing reads the whole file.
 *
 * <p>Example: {@code try (CaptureReader r = CaptureFormat.open(path)) { r.frames().forEach(...); }}
 *
 * <p>When the file is damaged, {@link #next()} first returns every record before the damage, then throws a
 * {@link CaptureFormatException} that names the byte offset.
 */
public interface CaptureReader extends AutoCloseable {

  /**
   * Returns the next packet record, or {@code null} at the clean end of the file.
   *
   * @throws CaptureFormatException when the file is truncated or corrupt at the current offset
   * @throws java.io.UncheckedIOException when reading fails
   */
  @Nullable CapturedFrame next();

  /** Returns the remaining records as a sequential stream; errors surface as from {@link #next()}. */
  default Stream<CapturedFrame> frames() {
    Spliterator<CapturedFrame> s = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
        Spliterator.ORDERED | Spliterator.NONNULL) {
      @Override
      public boolean tryAdvance(java.util.function.Consumer<? super CapturedFrame> action) {
        CapturedFrame f = next();
        if (f == null) {
          return false;
        }
        action.accept(f);
        return true;
      }
    };
    return StreamSupport.stream(s, false);
  }

  /** Closes the underlying file. Never throws a checked exception. */
  @Override
  void close();
}
