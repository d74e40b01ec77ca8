package io.sipaudit.truth;

import io.sipaudit.MalformedInputException;

/** A line of a ground-truth log or CSV that cannot be read, with its 1-based line number. */
public final class TruthLogException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  private final long line;

  public TruthLogException(long line, String message) {
  super("line " + line + ": " + message);
  this.line = line;
  }

  /** Returns the 1-based line number of the bad line. */
  public long line() {
  return line;
  }
}
