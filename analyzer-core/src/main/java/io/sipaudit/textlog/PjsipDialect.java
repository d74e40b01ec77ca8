package io.sipaudit.textlog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Asterisk's PJSIP logger ({@code pjsip set logger on}, §1.1): a banner line, then the message verbatim.
 *
 * <p>Example: {@code <--- Received SIP request (523 bytes) from UDP:192.0.2.10:5060 --->} opens an inbound
 * record from 192.0.2.10:5060 over UDP of 523 bytes; {@code <--- Transmitting SIP response (410 bytes) to
 * TLS:[2001:db8::7]:5061 --->} an outbound one. In {@code /var/log/asterisk/full} only the banner carries the log
 * prefix (removed before this dialect sees the line) and its time. The console has no time at all. The record
 * ends at the next banner; there is no closing line.
 */
final class PjsipDialect implements Dialect {
  private static final Pattern BANNER = Pattern.compile(
      "<--- (Received|Transmitting) SIP (?:request|response) \\((\\d+) bytes\\) (?:from|to) ([A-Za-z0-9]+):"
      + "(\\[[^\\]]*\\]|.+):(\\d+) --->\\s*");

  @Override
  public TextFormat format() {
    return TextFormat.PJSIP;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text();
    if (!t.startsWith("<--- ")) {
      return null;
    }
    Matcher m = BANNER.matcher(t);
    if (!m.matches()) {
      return null;
    }
    TraceRecord r = new TraceRecord(TextFormat.PJSIP, line);
    boolean in = m.group(1).equals("Received");
    r.direction = in ? Direction.IN : Direction.OUT;
    r.byteCount = Integer.parseInt(m.group(2).length() > 9 ? "-1" : m.group(2));
    r.transport = TraceRecord.transport(m.group(3));
    if (in) {
      r.src = TraceRecord.endpoint(m.group(4), m.group(5));
    } else {
      r.dst = TraceRecord.endpoint(m.group(4), m.group(5));
    }
    r.time = logTime;
    return r;
  }
}
