package io.sipaudit.textlog;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code opensips-cli -x trace} (§1.5): a coloured header line with the HEP time, protocols and both addresses,
 * then the raw message.
 *
 * <p>Example (colour codes removed by the reader): {@code 1718000000.5123 UDP/SIP 192.0.2.10:5060 ->
 * 203.0.113.5:5060}. The microseconds are printed without zero padding, so {@code .5123} means 5,123 µs. IPv6
 * addresses are not bracketed: the port follows the last colon. The record ends at the next header line.
 */
final class OpensipsDialect implements Dialect {
  private static final Pattern HEADER = Pattern.compile(
      "(\\d{9,10})\\.(\\d{1,6}) ([A-Z0-9]+)/([A-Z]+) (\\S+) -> (\\S+)\\s*");

  @Override
  public TextFormat format() {
    return TextFormat.OPENSIPS;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text();
    if (t.length() < 20 || !Character.isDigit(t.charAt(0)) || (t.charAt(9) != '.' && t.charAt(10) != '.')
        || t.indexOf(" -> ") < 0) {
      return null;
    }
    Matcher m = HEADER.matcher(t);
    if (!m.matches()) {
      return null;
    }
    TraceRecord r = new TraceRecord(TextFormat.OPENSIPS, line);
    r.time = new LogTime.Absolute(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) * 1000));
    r.transport = TraceRecord.transport(m.group(3));
    r.src = TraceRecord.endpointAtLastColon(m.group(5));
    r.dst = TraceRecord.endpointAtLastColon(m.group(6));
    return r;
  }
}
