package io.sipaudit.textlog;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * FreeSWITCH's sofia siptrace (§1.3): a stamp line, a line of 72 dashes, the message.
 *
 * <p>Example stamp: {@code recv 584 bytes from udp/[192.0.2.4]:5090 at 12:30:57.916812:} (inbound from
 * 192.0.2.4:5090 over UDP, 584 bytes on the wire, local time of day without a date). The old layout (FreeSWITCH's
 * bundled sofia-sip) indents the dashes and every message line by three spaces and closes with indented dashes;
 * {@code    *** message truncated at N ***} marks a cut line. drachtio logs the stamp after a date and time
 * ({@code 2021-09-07 07:36:14.784843 recv 1003 bytes from udp/[192.0.2.4]:5060 at 07:36:14.784706:}), which gives
 * the date. The new layout (sofia-sip 1.13) indents nothing and has
 * no closing line. Each record says which layout it is by its dashes. Edited copies without microseconds or
 * without the {@code :port} are accepted too.
 */
final class SofiaDialect implements Dialect {
  private static final Pattern STAMP = Pattern.compile(
      "(?:(?<date>\\d{4}-\\d\\d-\\d\\d) \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? )?"   // drachtio's log line date
      + "(recv|send) (\\d{1,9}) bytes (?:from|to) ([a-z0-9]+)/\\[([^\\]]*)\\](?::(\\d+))?(?:/\\d+)?(?:;comp=sigcomp)?"
      + " at (\\d\\d):(\\d\\d):(\\d\\d)(?:[.:](\\d{1,9}))?:?\\s*");
  private static final Pattern DASHES = Pattern.compile("( {3})?-{60,}\\s*");

  @Override
  public TextFormat format() {
    return TextFormat.SOFIA;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text();
    if (!(t.startsWith("recv ") || t.startsWith("send ")
        || t.length() > 30 && Character.isDigit(t.charAt(0)) && (t.contains(" recv ") || t.contains(" send ")))) {
      return null;
    }
    Matcher m = STAMP.matcher(t);
    if (!m.matches()) {
      return null;
    }
    Record r = new Record(line);
    boolean in = m.group(2).equals("recv");
    r.direction = in ? Direction.IN : Direction.OUT;
    r.byteCount = Integer.parseInt(m.group(3));
    r.transport = TraceRecord.transport(m.group(4));
    if (in) {
      r.src = TraceRecord.endpoint(m.group(5), m.group(6));
    } else {
      r.dst = TraceRecord.endpoint(m.group(5), m.group(6));
    }
    String fraction = m.group(10) == null ? "0" : (m.group(10) + "00000000").substring(0, 9);
    LocalTime at = LocalTime.of(Integer.parseInt(m.group(7)) % 24, Integer.parseInt(m.group(8)) % 60,
        Integer.parseInt(m.group(9)) % 60, Integer.parseInt(fraction));
    r.time = m.group("date") == null ? new LogTime.TimeOfDay(at)
        : new LogTime.Wall(java.time.LocalDate.parse(m.group("date")).atTime(at));
    return r;
  }

  /** A sofia record; knows its layout once it has seen the dashes. */
  private static final class Record extends TraceRecord {
    private boolean indented;

    Record(TextLine opening) {
      super(TextFormat.SOFIA, opening);
    }

    @Override
    HeaderStep header(TextLine next) {
      Matcher m = DASHES.matcher(next.text());
      if (!m.matches()) {
        return HeaderStep.NOT_MINE;
      }
      indented = m.group(1) != null;
      return HeaderStep.DONE;
    }

    @Override
    Payload payload(TextLine next, boolean inMessage, @Nullable TextLine following) {
      String t = next.text();
      if (indented && t.startsWith("   -") && DASHES.matcher(t).matches()) {
        return Payload.END;
      }
      if (indented && t.startsWith("   *** message truncated")) {
        note = "the trace cut a line: " + t.strip();
        return Payload.SKIP;
      }
      return Payload.text(preview(next), next.crlf());
    }

    @Override
    String preview(TextLine next) {
      String t = next.text();
      return indented && t.startsWith("   ") ? t.substring(3) : indented && t.isBlank() ? "" : t;
    }
  }
}
