package io.sipaudit.config;

import io.sipaudit.MalformedInputException;

/** A DNS zone line that cannot be read, with the file and line number. */
public final class SrvZoneException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  public SrvZoneException(String source, int line, String problem) {
    super(source + " line " + line + ": " + problem);
  }
}
