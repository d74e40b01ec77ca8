package io.sipaudit.textlog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Asterisk chan_sip's {@code sip set debug on} (§1.2), in its 1.4 and 1.8+ forms: a banner, the message, a closing
 * line.
 *
 * <p>Examples of banners: {@code <--- SIP read from UDP:198.51.100.7:5060 --->} (1.8+),
 * {@code <-- SIP read from 198.51.100.7:5060: } (1.4), {@code <--- Reliably Transmitting (NAT) to
 * 198.51.100.7:5060 --->}, {@code Reliably Transmitting (no NAT) to 198.51.100.7:5060:},
 * {@code Retransmitting #9 (NAT) to 203.0.113.9:38332:}. Closing lines: {@code <------------->},
 * {@code <------------>}, {@code ---}, or 1.4's {@code --- (7 headers 0 lines) ---}. A read with nothing in it is a
 * NAT keep-alive. Only the 1.8+ read banner names the transport; for the others it comes from the Via.
 */
final class ChanSipDialect implements Dialect {
  private static final Pattern READ = Pattern.compile(
      "<-{2,3} SIP read from (?:([A-Za-z]+\\d?):)?(\\[[^\\]]*\\]|.+?):(\\d+):? ?(?:--->)?\\s*");
  private static final Pattern TRANSMIT = Pattern.compile(
      "(?:<--- )?(?:Reliably |Re)?[Tt]ransmitting(?: #\\d+)? \\((?:no )?NAT\\)(?: \\(size \\d+\\))? to "
      + "(?:([A-Za-z]+\\d?):)?(\\[[^\\]]*\\]|.+?):(\\d+):?(?: --->)?\\s*");
  private static final Pattern CLOSE = Pattern.compile("<-+>\\s*|---\\s*|--- \\(\\d+ headers \\d+ lines\\).*---\\s*");
  private static final Pattern SUMMARY = Pattern.compile("--- \\(\\d+ headers \\d+ lines\\).*---\\s*");

  @Override
  public TextFormat format() {
    return TextFormat.CHAN_SIP;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text();
    if (t.isEmpty() || (t.charAt(0) != '<' && t.indexOf("ransmitting") < 0)) {
      return null;
    }
    Matcher m = READ.matcher(t);
    boolean in = m.matches();
    if (!in) {
      m = TRANSMIT.matcher(t);
      if (!m.matches()) {
        return null;
      }
    }
    Record r = new Record(line);
    r.direction = in ? Direction.IN : Direction.OUT;
    if (m.group(1) != null) {
      r.transport = TraceRecord.transport(m.group(1));
    }
    if (in) {
      r.src = TraceRecord.endpoint(m.group(2), m.group(3));
    } else {
      r.dst = TraceRecord.endpoint(m.group(2), m.group(3));
    }
    r.time = logTime;
    return r;
  }

  @Override
  public boolean isChrome(String line) {
    return line.startsWith("--- (") && SUMMARY.matcher(line).matches();
  }

  /** A chan_sip record: ends at its closing line. */
  private static final class Record extends TraceRecord {
    Record(TextLine opening) {
      super(TextFormat.CHAN_SIP, opening);
    }

    @Override
    Payload payload(TextLine next, boolean inMessage, @Nullable TextLine following) {
      String t = next.text();
      if (!t.isEmpty() && (t.charAt(0) == '<' || t.charAt(0) == '-') && CLOSE.matcher(t).matches()) {
        return Payload.END;
      }
      return Payload.text(t, next.crlf());
    }
  }
}
