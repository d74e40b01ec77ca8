package io.sipaudit.textlog;

import io.sipaudit.MalformedInputException;

/**
 * A text trace that cannot be read on: the message names the input and the line.
 *
 * <p>Example: {@code "paste.txt line 7: longer than 1048576 bytes (expected: a text line; binary data?)"}.
 */
public final class TextTraceException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  private final long line;

  /** Creates the exception for {@code source} at 1-based {@code line}. */
  public TextTraceException(String source, long line, String problem) {
    super(source + " line " + line + ": " + problem);
    this.line = line;
  }

  /** Returns the 1-based line number the problem is on. */
  public long line() {
    return line;
  }
}
