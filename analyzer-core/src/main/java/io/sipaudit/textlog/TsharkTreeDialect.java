package io.sipaudit.textlog;

import io.sipaudit.net.Transport;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code tshark -V} and Wireshark's "Export Packet Dissections as Plain Text" (§1.9): the dissection tree. The
 * request or status line and the header lines are there as written; the body is shown dissected, so it is not
 * restored (the message gets no body, and says so).
 *
 * <p>Example: {@code Frame 1: 523 bytes on wire ...}, {@code     Epoch Time: 1718000000.123456000 seconds},
 * {@code Internet Protocol Version 4, Src: 192.0.2.10, Dst: 203.0.113.5}, {@code User Datagram Protocol, Src
 * Port: 5060, Dst Port: 5060}, {@code Session Initiation Protocol (INVITE)}, {@code     Request-Line: INVITE
 * sip:bob@203.0.113.5 SIP/2.0}, {@code     Message Header}, {@code         Via: SIP/2.0/UDP ...}. Deeper lines
 * (the fields of one header) and generated fields in brackets are skipped.
 */
final class TsharkTreeDialect implements Dialect {
  private static final Pattern FRAME = Pattern.compile("Frame \\d+: .*");
  private static final Pattern EPOCH = Pattern.compile(" {4}Epoch (?:Arrival )?Time: (\\d{1,12})\\.(\\d{1,9}).*");
  private static final Pattern IP = Pattern.compile("Internet Protocol Version [46], Src: (\\S+), Dst: (\\S+)\\s*");
  private static final Pattern L4 = Pattern.compile(
      "(User Datagram|Transmission Control|Stream Control Transmission) Protocol, Src Port: (\\d+), Dst Port: (\\d+).*");

  @Override
  public TextFormat format() {
    return TextFormat.TSHARK;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    return line.text().startsWith("Frame ") && FRAME.matcher(line.text()).matches() ? new Record(line) : null;
  }

  /** One frame's dissection. */
  private static final class Record extends TraceRecord {
    private enum Section { NONE, START, HEADERS, BODY }

    private @Nullable String srcIp;
    private @Nullable String dstIp;
    private Section section = Section.NONE;

    Record(TextLine opening) {
      super(TextFormat.TSHARK, opening);
    }

    @Override
    HeaderStep header(TextLine next) {
      String t = next.text();
      Matcher m;
      if (t.startsWith("Session Initiation Protocol")) {
        return HeaderStep.DONE;
      } else if ((m = EPOCH.matcher(t)).matches()) {
        time = new LogTime.Absolute(Instant.ofEpochSecond(Long.parseLong(m.group(1)),
            Long.parseLong((m.group(2) + "00000000").substring(0, 9))));
      } else if ((m = IP.matcher(t)).matches()) {
        srcIp = m.group(1);
        dstIp = m.group(2);
      } else if ((m = L4.matcher(t)).matches()) {
        transport = m.group(1).startsWith("User") ? Transport.UDP
            : m.group(1).startsWith("Transmission") ? Transport.TCP : Transport.SCTP;
        if (srcIp != null && dstIp != null) {
          src = TraceRecord.endpoint(srcIp, m.group(2));
          dst = TraceRecord.endpoint(dstIp, m.group(3));
        }
      }
      return HeaderStep.MORE;
    }

    @Override
    Payload payload(TextLine next, boolean inMessage, @Nullable TextLine following) {
      String t = next.text();
      if (t.startsWith("Session Initiation Protocol")) {
        section = Section.NONE;
        return Payload.END_MESSAGE;
      }
      if (t.startsWith("    ") && t.length() > 4 && t.charAt(4) != ' ') {
        String item = t.substring(4);
        if (item.startsWith("Request-Line: ") || item.startsWith("Status-Line: ")) {
          section = Section.START;
          return Payload.text(item.substring(item.indexOf(": ") + 2), true);
        }
        if (item.startsWith("Message Header")) {
          section = Section.HEADERS;
          return Payload.SKIP;
        }
        if (item.startsWith("Message Body") || item.startsWith("Message body")) {
          section = Section.BODY;
          note = "tshark -V shows the body dissected; it is not restored";
          return Payload.text("", true);
        }
        return Payload.SKIP;
      }
      if (section == Section.HEADERS && t.startsWith("        ") && t.length() > 8 && t.charAt(8) != ' '
          && t.charAt(8) != '[') {
        return Payload.text(t.substring(8), true);
      }
      return Payload.SKIP;
    }

    @Override
    boolean oneMessage() {
      return false;   // a TCP frame may hold several SIP PDUs
    }

    @Override
    boolean bodies() {
      return false;
    }

    @Override
    boolean expectsMessage() {
      return false;
    }
  }
}
