package io.sipaudit.textlog;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * sngrep's "Save as .txt" (§1.6), 1.x and 2.x: a header line with local date, time and both addresses, the raw
 * message, and two line ends.
 *
 * <p>Example: {@code 2024/06/10 08:13:20.123456 192.0.2.10:5060 -> 203.0.113.5:5060}. 1.x may print aliases
 * instead of addresses; those are kept unknown and inferred. IPv6 addresses are not bracketed. There is no
 * transport: it comes from the Via.
 */
final class SngrepDialect implements Dialect {
  private static final Pattern HEADER = Pattern.compile(
      "(\\d{4})/(\\d\\d)/(\\d\\d) (\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?) (\\S+) -> (\\S+)\\s*");

  @Override
  public TextFormat format() {
    return TextFormat.SNGREP;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text();
    if (t.length() < 30 || t.charAt(4) != '/' || !Character.isDigit(t.charAt(0))) {
      return null;
    }
    Matcher m = HEADER.matcher(t);
    if (!m.matches()) {
      return null;
    }
    TraceRecord r = new TraceRecord(TextFormat.SNGREP, line);
    try {
      r.time = new LogTime.Wall(LocalDateTime.parse(m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4)));
    } catch (DateTimeParseException e) {
      r.time = null;
    }
    r.src = TraceRecord.endpointAtLastColon(m.group(5));
    r.dst = TraceRecord.endpointAtLastColon(m.group(6));
    return r;
  }
}
