package io.sipaudit.textlog;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The prefix Asterisk's logger puts on lines of {@code /var/log/asterisk/full}: date, level, thread, call id and
 * module.
 *
 * <p>Example: {@code "[Sep 12 10:18:14] VERBOSE[2152][C-00000001] res_pjsip_logger.c: <--- Transmitting ..."} gives
 * the time {@code Sep 12 10:18:14} (no year: {@link LogTime.NoYear}) and the rest {@code "<--- Transmitting ..."}.
 * FreePBX's {@code [2024-06-10 08:13:20]} ({@code %F %T}, optionally with milliseconds) is a {@link LogTime.Wall}.
 * chan_sip's banners start with a line end, so their prefixed line is empty and the banner is on the next line.
 */
final class AsteriskPrefix {
  /** A prefixed line: its time and the text after the prefix. */
  record Prefixed(@Nullable LogTime time, String rest) {
    Prefixed {
      java.util.Objects.requireNonNull(rest, "rest");
    }
  }

  /** {@code [Sep 12 10:18:14]} or {@code [2024-06-10 08:13:20.123]}, the date in group 1. */
  private static final String DATE = "\\[([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?"
      + "|\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)\\]";
  private static final Pattern PREFIX = Pattern.compile(DATE + " "
      + "(?:VERBOSE|NOTICE|WARNING|ERROR|DEBUG|DTMF|SECURITY)\\[\\d+\\](?:\\[[^\\]]*\\])?:? ?"
      + "(?:[\\w./-]+\\.c(?::\\d+)?(?: in \\w+)?: ?)?");
  /** The date alone, as some Asterisk full logs (XiVO's) put it on every line, message lines included. */
  private static final Pattern BARE = Pattern.compile(DATE + " ?");
  private static final String[] MONTHS =
      {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

  private AsteriskPrefix() {}

  /** Returns the prefix's time and the rest of the line, or null when the line has no Asterisk log prefix. */
  static @Nullable Prefixed parse(String line) {
    if (line.length() < 20 || line.charAt(0) != '[') {
      return null;
    }
    Matcher m = PREFIX.matcher(line);
    if (!m.lookingAt()) {
      return null;
    }
    return new Prefixed(time(m.group(1)), line.substring(m.end()));
  }

  /**
   * Returns the time and the rest of a line that starts with the date alone, with no level after it, or null.
   *
   * <p>Example: {@code "[Mar 30 13:35:51] REGISTER sip:10.49.0.2 SIP/2.0"} gives {@code Mar 30 13:35:51} and
   * {@code "REGISTER sip:10.49.0.2 SIP/2.0"}; {@code "[Mar 30 13:35:51] VERBOSE[12] chan_sip.c: ..."} gives null, as
   * {@link #parse} reads it.
   */
  static @Nullable Prefixed parseBare(String line) {
    if (line.length() < 16 || line.charAt(0) != '[') {
      return null;
    }
    Matcher m = BARE.matcher(line);
    if (!m.lookingAt() || PREFIX.matcher(line).lookingAt()) {
      return null;
    }
    return new Prefixed(time(m.group(1)), line.substring(m.end()));
  }

  private static @Nullable LogTime time(String s) {
    try {
      if (Character.isDigit(s.charAt(0))) {
        return new LogTime.Wall(LocalDateTime.parse(s.replace(' ', 'T')));
      }
      int month = 1 + java.util.Arrays.asList(MONTHS).indexOf(s.substring(0, 3).toLowerCase(Locale.ROOT));
      int day = Integer.parseInt(s.substring(4, 6).strip());
      return month < 1 ? null : new LogTime.NoYear(month, day, LocalTime.parse(s.substring(7)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return null;   // a prefix with an impossible date still is a prefix; the message just has no time
    }
  }
}
