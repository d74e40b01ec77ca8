package io.sipaudit.config.opensips;

import io.sipaudit.MalformedInputException;

/** An OpenSIPS table export that cannot be read, with the file and line number. */
public final class OpenSipsTableException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  public OpenSipsTableException(String source, int line, String problem) {
    super(source + " line " + line + ": " + problem);
  }
}
