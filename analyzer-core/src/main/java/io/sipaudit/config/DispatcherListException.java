package io.sipaudit.config;

import io.sipaudit.MalformedInputException;

/** A {@code dispatcher.list} line that cannot be read, with the file and line number. */
public final class DispatcherListException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  public DispatcherListException(String source, int line, String problem) {
    super(source + " line " + line + ": " + problem);
  }
}
