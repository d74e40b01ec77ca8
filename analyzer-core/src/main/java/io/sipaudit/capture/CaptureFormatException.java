package io.sipaudit.capture;

import io.sipaudit.MalformedInputException;

/**
 * A capture file that is truncated or corrupt, with the byte offset of the damage.
 *
 * <p>Example message: {@code "calls.pcapng at offset 1024: block length 7 (expected: multiple of 4, >= 12)"}.
 */
public final class CaptureFormatException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long offset;

  public CaptureFormatException(String source, long offset, String problem) {
    super(source + " at offset " + offset + ": " + problem);
    this.source = source;
    this.offset = offset;
  }

  /** Returns the file (or other source) name. */
  public String source() {
    return source;
  }

  /** Returns the byte offset, in the uncompressed stream, where the damage starts. */
  public long offset() {
    return offset;
  }
}
