package io.sipaudit.capture;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What the pcap and pcapng readers share: the input, and a damaged file that stays damaged. After the first
 * {@link CaptureFormatException} (for example {@code truncated record header at byte 1048600}), every later
 * {@link #next()} throws the same exception instead of reading on from a broken offset.
 */
abstract class RecordReader implements CaptureReader {
  protected final CaptureInput in;
  private @Nullable CaptureFormatException failure;

  RecordReader(CaptureInput in) {
    this.in = requireNonNull(in, "in");
  }

  @Override
  public final @Nullable CapturedFrame next() {
    if (failure != null) {
      throw failure;
    }
    try {
      return readNext();
    } catch (CaptureFormatException e) {
      failure = e;
      throw e;
    }
  }

  /** Reads the next record, or returns null at the clean end of the file. */
  protected abstract @Nullable CapturedFrame readNext();

  @Override
  public final void close() {
    in.close();
  }
}
