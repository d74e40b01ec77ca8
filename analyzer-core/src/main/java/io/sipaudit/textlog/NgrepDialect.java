package io.sipaudit.textlog;

import io.sipaudit.net.Transport;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code ngrep -W byline} (§1.7): a header line per packet, then the payload with every non-printable byte but LF
 * shown as {@code .}, so each CR LF ends a line in {@code .}.
 *
 * <p>Example: {@code U 2024/06/10 08:13:20.123456 192.0.2.10:5060 -> 203.0.113.5:5060} (with {@code -t}),
 * {@code T +0.000412 192.0.2.10:5060 -> 203.0.113.5:5060 [AP]} (with {@code -T}: time since the previous packet),
 * {@code U 192.0.2.1 -> 192.0.2.2 +1234@1480:312} (a later IP fragment, continuing the datagram). Lines of
 * {@code #} (one per packet seen) and the preamble ({@code interface:}, {@code filter:}, {@code match:}) are
 * ignored. One trailing {@code .} is removed from every payload line, and means the line ended in CR LF.
 *
 * <p>ngrep ends every payload with a line end of its own and neither reassembles TCP nor IP fragments. So the
 * empty line before the next packet's {@code #} marks or header is not message text, and the last line of a TCP
 * segment or IP fragment that does not end in {@code .} was cut by the packet boundary: it is joined to the
 * first line of the next packet of the same flow (or dropped when no such packet follows).
 */
final class NgrepDialect implements Dialect {
  private static final Pattern HEADER = Pattern.compile(
      "#*([UTI?]) (?:(\\d{4})/(\\d\\d)/(\\d\\d) (\\d\\d:\\d\\d:\\d\\d\\.\\d{1,9}) |\\+(\\d+)\\.(\\d{6}) )?"
      + "(\\S+?)(?::(\\d+))? -> (\\S+?)(?::(\\d+))?(?: \\[[A-Z.]*\\])?(?: (\\+?)\\d+@\\d+:\\d+)?\\s*#*");
  private static final Pattern CHROME = Pattern.compile(
      "#+\\s*|(?:interface|filter|match|input|output): .*|exit|\\d+ received, \\d+ (?:dropped|matched).*");

  @Override
  public TextFormat format() {
    return TextFormat.NGREP;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text();
    int i = 0;
    while (i < t.length() && t.charAt(i) == '#') {
      i++;
    }
    if (t.length() < i + 10 || "UTI?".indexOf(t.charAt(i)) < 0 || t.charAt(i + 1) != ' ' || t.indexOf(" -> ") < 0) {
      return null;
    }
    Matcher m = HEADER.matcher(t);
    if (!m.matches()) {
      return null;
    }
    Record r = new Record(line);
    r.transport = switch (m.group(1)) {
      case "U" -> Transport.UDP;
      case "T" -> Transport.TCP;
      default -> null;
    };
    if (m.group(2) != null) {
      try {
        r.time = new LogTime.Wall(LocalDateTime.parse(
            m.group(2) + "-" + m.group(3) + "-" + m.group(4) + "T" + m.group(5)));
      } catch (DateTimeParseException e) {
        r.time = null;
      }
    } else if (m.group(6) != null) {
      r.time = new LogTime.SincePrevious(Long.parseLong(m.group(6)) * 1_000_000 + Long.parseLong(m.group(7)));
    }
    r.src = TraceRecord.endpoint(m.group(8), m.group(9));
    r.dst = TraceRecord.endpoint(m.group(10), m.group(11));
    r.fragment = "+".equals(m.group(12));
    r.segmented = r.transport == Transport.TCP || m.group(12) != null;
    return r;
  }

  @Override
  public boolean isChrome(String line) {
    return !line.isEmpty() && CHROME.matcher(line).matches();
  }

  /** Returns whether a line ends a packet's payload: {@code #} marks, the next header, the end of the output. */
  private static boolean isBoundary(@Nullable TextLine following) {
    if (following == null) {
      return true;
    }
    String t = following.text();
    int i = 0;
    while (i < t.length() && t.charAt(i) == '#') {
      i++;
    }
    return (i > 0 && i == t.length()) || t.equals("exit")
        || (t.length() > i + 2 && "UTI?".indexOf(t.charAt(i)) >= 0 && t.charAt(i + 1) == ' ' && HEADER.matcher(t).matches());
  }

  /** One ngrep packet. */
  private static final class Record extends TraceRecord {
    boolean segmented;
    private @Nullable String cutLine;
    private @Nullable String carried;

    Record(TextLine opening) {
      super(TextFormat.NGREP, opening);
    }

    @Override
    Payload payload(TextLine next, boolean inMessage, @Nullable TextLine following) {
      String t = next.text();
      if (carried != null) {
        t = carried + t;
        carried = null;
      }
      if (t.startsWith("#") && t.chars().allMatch(c -> c == '#')) {
        return Payload.SKIP;   // marks of packets that did not match, printed before the next header
      }
      boolean last = isBoundary(following);
      if (last && t.isEmpty()) {
        return Payload.SKIP;   // ngrep's own line end after the payload
      }
      if (last && segmented && !t.endsWith(".")) {
        cutLine = t;   // cut by the segment boundary: the next segment of the flow holds the rest
        return Payload.SKIP;
      }
      return t.endsWith(".") ? Payload.text(t.substring(0, t.length() - 1), true) : Payload.text(t, next.crlf());
    }

    @Override
    boolean continues(TraceRecord previous) {
      if (!super.continues(previous)) {
        return false;
      }
      carried = ((Record) previous).cutLine;
      return true;
    }

    @Override
    boolean oneMessage() {
      return false;
    }

    @Override
    boolean expectsMessage() {
      return false;   // ngrep shows every packet on the port, TCP acknowledgements included
    }

    @Override
    String preview(TextLine next) {
      String t = next.text();
      return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
  }
}
