package io.sipaudit;

/**
 * Input whose content cannot be read: a corrupt file, a bad line, a bad record. The message names the
 * location (file, line or byte offset) and what was expected, for example
 * {@code "truth.csv line 3: unknown outcome 'exploded'"}. The CLI maps it to exit code 65.
 */
public class MalformedInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedInputException(String message) {
    super(message);
  }

  public MalformedInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
