package io.sipaudit.textlog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * SIPp's {@code -trace_msg} log ({@code <scenario>_<pid>_messages.log}): a line of dashes with the local time, a
 * line with transport, direction and size, an empty line, the message.
 *
 * <p>Example: {@code ----------------------------------------------- 2024-06-10 08:13:20.123456}, then
 * {@code UDP message sent (523 bytes):} or {@code UDP message received [523] bytes :}. SIPp 3.3 and older write
 * the time as {@code 2024-06-10\t08:13:20.123456\t1718007200.123456}, with the epoch, which is then used. The log
 * has no addresses: SIPp is the logging node, its peer comes from the message. Format strings: SIPp
 * {@code socket.cpp} ({@code TRACE_MSG}) and {@code stat.cpp} ({@code CStat::formatTime}).
 */
final class SippDialect implements Dialect {
  private static final Pattern STAMP = Pattern.compile(
      "-{20,} (\\d{4}-\\d\\d-\\d\\d)[ \\t](\\d\\d:\\d\\d:\\d\\d)(?:[.:](\\d{1,6}))?(?:\\t(\\d{1,10})\\.(\\d{6}))?\\s*");
  private static final Pattern WHAT = Pattern.compile(
      "(?:([A-Za-z0-9]+) (?:control )?message (sent|received) (?:\\((\\d+) bytes\\)|\\[(\\d+)\\] bytes) ?"
      + "|Error sending ([A-Za-z0-9]+) message|Truncation sending ([A-Za-z0-9]+) message.*?):\\s*");

  @Override
  public TextFormat format() {
    return TextFormat.SIPP;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text();
    if (!t.startsWith("--------------------") || t.length() < 40) {
      return null;
    }
    Matcher m = STAMP.matcher(t);
    if (!m.matches()) {
      return null;
    }
    Record r = new Record(line);
    if (m.group(4) != null) {
      r.time = new LogTime.Absolute(Instant.ofEpochSecond(Long.parseLong(m.group(4)), Long.parseLong(m.group(5)) * 1000));
    } else {
      try {
        String micros = m.group(3) == null ? "" : "." + m.group(3);
        r.time = new LogTime.Wall(LocalDateTime.parse(m.group(1) + "T" + m.group(2) + micros));
      } catch (DateTimeParseException e) {
        r.time = null;
      }
    }
    return r;
  }

  /** One SIPp trace entry. */
  private static final class Record extends TraceRecord {
    Record(TextLine opening) {
      super(TextFormat.SIPP, opening);
    }

    @Override
    HeaderStep header(TextLine next) {
      Matcher m = WHAT.matcher(next.text());
      if (!m.matches()) {
        return HeaderStep.NOT_MINE;
      }
      if (m.group(1) != null) {
        transport = TraceRecord.transport(m.group(1));
        direction = m.group(2).equals("sent") ? Direction.OUT : Direction.IN;
        String size = m.group(3) != null ? m.group(3) : m.group(4);
        byteCount = size.length() > 9 ? -1 : Integer.parseInt(size);
      } else {
        transport = TraceRecord.transport(m.group(5) != null ? m.group(5) : m.group(6));
        direction = Direction.OUT;
      }
      return HeaderStep.DONE;
    }
  }
}
