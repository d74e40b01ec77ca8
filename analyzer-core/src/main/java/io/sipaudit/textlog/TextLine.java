package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One line of a text trace, without its line end, decoded byte for byte (ISO-8859-1) so that re-encoding gives
 * the original bytes back.
 *
 * <p>Example: the second line of a PJSIP log, {@code "OPTIONS sip:203.0.113.5 SIP/2.0"}, is
 * {@code TextLine(2, 68, "OPTIONS sip:203.0.113.5 SIP/2.0", true)} when it ended in CR LF.
 *
 * @param number 1-based line number
 * @param offset byte offset of the line's first byte in the (uncompressed) input
 * @param text the line, without CR LF or LF, with ANSI colour codes removed
 * @param crlf whether the line ended in CR LF (false for a bare LF, or no line end at the end of the input)
 * @param prefixTime the time of a bare Asterisk log prefix ({@code "[Mar 30 13:35:51] "}) taken off the line, or null
 */
record TextLine(long number, long offset, String text, boolean crlf, @Nullable LogTime prefixTime) {
  TextLine(long number, long offset, String text, boolean crlf) {
    this(number, offset, text, crlf, null);
  }

  TextLine {
    requireNonNull(text, "text");
    if (number < 1 || offset < 0) {
      throw new IllegalArgumentException("line " + number + " at offset " + offset + " (expected: >= 1, >= 0)");
    }
  }

  /** Returns this line with other text, e.g. without its log prefix. */
  TextLine withText(String other, boolean endsInCrlf) {
    return new TextLine(number, offset, other, endsInCrlf, prefixTime);
  }

  /** Returns whether the line holds nothing but spaces and tabs. */
  boolean isBlank() {
    return text.isBlank();
  }
}
