package io.sipaudit.textlog;

import org.jspecify.annotations.Nullable;

/**
 * One text-trace format: recognises the line that opens one of its records, and ignores its decoration.
 * Instances may keep state between records (tshark's follow block, ngrep's relative times); one per reader.
 *
 * <p>Example: the PJSIP dialect opens a record at
 * {@code <--- Received SIP request (523 bytes) from UDP:192.0.2.10:5060 --->}.
 */
interface Dialect {

  /** Returns the format. */
  TextFormat format();

  /**
   * Returns the record this line opens, or null.
   *
   * @param line the line, ANSI codes and any Asterisk log prefix removed
   * @param logTime the time of an Asterisk log prefix on this line or the one before, or null
   */
  @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime);

  /** Returns whether the line, outside a message, is this format's decoration (ngrep's {@code #} marks). */
  default boolean isChrome(String line) {
    return false;
  }
}
