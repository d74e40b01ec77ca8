package io.sipaudit.textlog;

import io.sipaudit.net.Transport;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code tcpdump -n -A} and {@code tcpdump -n -v} text (§1.8): a header line per packet, then the payload.
 *
 * <p>Examples: {@code 08:13:20.123456 IP 192.0.2.10.5060 > 203.0.113.5.5060: SIP: INVITE sip:bob@... SIP/2.0}
 * (the port follows the last dot; {@code -tttt} puts the date first; {@code Flags [P.]} means TCP). With
 * {@code -v} the addresses may be on a second line indented by four spaces, and every SIP line is indented by a
 * tab. With {@code -A} the IP and UDP/TCP header bytes come first, printed as junk ({@code E..|..@.@....}) that
 * may even span lines (a 0x0a byte prints as a line end): the message starts at the first start line found
 * inside a line. Times without a date are times of day.
 */
final class TcpdumpDialect implements Dialect {
  private static final Pattern HEADER = Pattern.compile(
      "(?:(\\d{4}-\\d\\d-\\d\\d) )?(\\d\\d:\\d\\d:\\d\\d\\.\\d{6,9}) (.*)");
  private static final Pattern ADDRESSES = Pattern.compile(
      "(?:^|\\s)([0-9a-fA-F:.]+)\\.(\\d+) > ([0-9a-fA-F:.]+)\\.(\\d+):");
  private static final Pattern KNOWN_METHOD = Pattern.compile(
      "(?:ACK|BYE|CANCEL|INFO|INVITE|MESSAGE|NOTIFY|OPTIONS|PRACK|PUBLISH|REFER|REGISTER|SUBSCRIBE|UPDATE) "
      + "\\S+ SIP/2\\.0\\s*$|SIP/2\\.0 [1-6]\\d\\d(?: .*)?$");
  private static final Pattern ANY_METHOD = Pattern.compile(
      "(?<![A-Za-z0-9.!%*_+`'~-])[A-Za-z][A-Za-z0-9.!%*_+`'~-]* \\S+ SIP/2\\.0\\s*$");

  @Override
  public TextFormat format() {
    return TextFormat.TCPDUMP;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text();
    if (t.length() < 20 || !Character.isDigit(t.charAt(0)) || (t.charAt(2) != ':' && t.charAt(4) != '-')) {
      return null;
    }
    Matcher m = HEADER.matcher(t);
    if (!m.matches() || !(m.group(3).startsWith("IP") || m.group(3).contains("ethertype IP"))) {
      return null;
    }
    Record r = new Record(line);
    try {
      r.time = m.group(1) != null
          ? new LogTime.Wall(LocalDateTime.parse(m.group(1) + "T" + m.group(2)))
          : new LogTime.TimeOfDay(LocalTime.parse(m.group(2)));
    } catch (DateTimeParseException e) {
      r.time = null;
    }
    r.addresses = r.readAddresses(m.group(3));
    return r;
  }

  /** One tcpdump packet. */
  private static final class Record extends TraceRecord {
    boolean addresses;

    Record(TextLine opening) {
      super(TextFormat.TCPDUMP, opening);
    }

    boolean readAddresses(String text) {
      if (text.contains("Flags [") || text.contains("proto TCP") || text.contains("next-header TCP")) {
        transport = Transport.TCP;
      } else if (transport == null) {
        transport = text.contains("proto SCTP") ? Transport.SCTP : Transport.UDP;
      }
      Matcher a = ADDRESSES.matcher(text);
      if (!a.find()) {
        return false;
      }
      src = TraceRecord.endpoint(a.group(1), a.group(2));
      dst = TraceRecord.endpoint(a.group(3), a.group(4));
      return true;
    }

    @Override
    HeaderStep header(TextLine next) {
      if (addresses || !next.text().startsWith("    ")) {
        return HeaderStep.NOT_MINE;
      }
      addresses = readAddresses(next.text());
      return addresses ? HeaderStep.DONE : HeaderStep.NOT_MINE;
    }

    @Override
    Payload payload(TextLine next, boolean inMessage, @Nullable TextLine following) {
      String raw = next.text();
      if (inMessage || raw.isEmpty() || raw.startsWith("\t")) {
        return Payload.text(raw.startsWith("\t") ? raw.substring(1) : raw, false);
      }
      String t = preview(next);
      return SipLines.isStartLine(t) ? Payload.text(t, false) : Payload.SKIP;
    }

    @Override
    boolean oneMessage() {
      return false;
    }

    @Override
    boolean expectsMessage() {
      return false;   // tcpdump shows every packet on the port, TCP acknowledgements included
    }

    @Override
    String preview(TextLine next) {
      String t = next.text();
      if (t.startsWith("\t")) {
        return t.substring(1);
      }
      Matcher m = KNOWN_METHOD.matcher(t);
      if (m.find()) {
        return t.substring(m.start());
      }
      m = ANY_METHOD.matcher(t);
      return m.find() ? t.substring(m.start()) : t;
    }
  }
}
