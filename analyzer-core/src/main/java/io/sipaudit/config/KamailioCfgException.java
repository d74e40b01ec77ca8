package io.sipaudit.config;

import io.sipaudit.MalformedInputException;

/**
 * A {@code kamailio.cfg} that cannot be read, with the file and the line, for example
 * <code>"balancer.cfg line 12: '&#123;' of route[DISPATCH] is never closed"</code>.
 */
public final class KamailioCfgException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  public KamailioCfgException(String source, int line, String problem) {
    super(source + " line " + line + ": " + problem);
  }
}
