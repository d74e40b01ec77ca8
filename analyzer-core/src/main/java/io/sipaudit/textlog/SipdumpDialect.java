package io.sipaudit.textlog;

import io.sipaudit.net.Endpoint;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kamailio's sipdump module text files (§1.4a): a block of {@code key: value} lines between 20 {@code =} and 20
 * {@code ~}, the message bytes exactly as sent, then 20 {@code |}.
 *
 * <p>Example block: {@code ====================}, {@code tag: rcv}, {@code pid: 1234}, {@code time:
 * 1718000000.123456}, {@code proto: udp ipv4}, {@code srcip: 192.0.2.10}, {@code srcport: 5060}, {@code dstip:
 * 203.0.113.5}, {@code dstport: 5060}, {@code ~~~~~~~~~~~~~~~~~~~~}. Until the pipes, every line is message data,
 * never a marker. An unknown destination ({@code 0.0.0.0} or {@code ::2}, port 0) is the logging node itself.
 */
final class SipdumpDialect implements Dialect {
  private static final Pattern FIELD = Pattern.compile("([a-z]+): ?(.*)");
  private static final String PIPES = "||||||||||||||||||||";
  private static final Pattern EPOCH = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?");

  @Override
  public TextFormat format() {
    return TextFormat.KAMAILIO;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text().stripTrailing();
    return t.length() == 20 && t.chars().allMatch(c -> c == '=') ? new Record(line) : null;
  }

  /** One sipdump block. */
  private static final class Record extends TraceRecord {
    private @Nullable String srcIp;
    private @Nullable String srcPort;
    private @Nullable String dstIp;
    private @Nullable String dstPort;
    private boolean closed;

    Record(TextLine opening) {
      super(TextFormat.KAMAILIO, opening);
    }

    @Override
    HeaderStep header(TextLine next) {
      String t = next.text().stripTrailing();
      if (t.length() == 20 && t.chars().allMatch(c -> c == '~')) {
        src = known(TraceRecord.endpoint(nullToEmpty(srcIp), srcPort));
        dst = known(TraceRecord.endpoint(nullToEmpty(dstIp), dstPort));
        return HeaderStep.DONE;
      }
      Matcher m = FIELD.matcher(t);
      if (!m.matches()) {
        closed = true;
        return HeaderStep.NOT_MINE;
      }
      String v = m.group(2).strip();
      switch (m.group(1)) {
        case "tag" -> direction = v.equals("rcv") ? Direction.IN : v.equals("snd") ? Direction.OUT : Direction.UNKNOWN;
        case "time" -> time = epoch(v);
        case "proto" -> transport = TraceRecord.transport(v.split(" ")[0]);
        case "srcip" -> srcIp = v;
        case "srcport" -> srcPort = v;
        case "dstip" -> dstIp = v;
        case "dstport" -> dstPort = v;
        default -> { }   // pid, process, date
      }
      return HeaderStep.MORE;
    }

    @Override
    boolean owns(TextLine next) {
      return !closed;
    }

    @Override
    Payload payload(TextLine next, boolean inMessage, @Nullable TextLine following) {
      String t = next.text();
      if (!closed && t.endsWith(PIPES)) {
        closed = true;
        String rest = t.substring(0, t.length() - PIPES.length());
        return rest.isEmpty() ? Payload.END : Payload.text(rest, false);
      }
      return Payload.text(t, next.crlf());
    }

    private static @Nullable Endpoint known(@Nullable Endpoint e) {
      if (e == null || e.port() != 0) {
        return e;
      }
      byte[] a = e.address().getAddress();
      boolean loopbackTwo = a.length == 16 && a[15] == 2 && java.util.Arrays.equals(a, 0, 15, new byte[15], 0, 15);
      return e.address().isAnyLocalAddress() || loopbackTwo ? null : e;
    }

    private static @Nullable LogTime epoch(String v) {
      Matcher m = EPOCH.matcher(v);
      if (!m.matches()) {
        return null;
      }
      long nanos = m.group(2) == null ? 0 : Long.parseLong((m.group(2) + "00000000").substring(0, 9));
      return new LogTime.Absolute(Instant.ofEpochSecond(Long.parseLong(m.group(1)), nanos));
    }

    private static String nullToEmpty(@Nullable String s) {
      return s == null ? "" : s;
    }
  }
}
