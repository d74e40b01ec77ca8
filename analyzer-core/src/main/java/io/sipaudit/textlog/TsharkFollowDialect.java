package io.sipaudit.textlog;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code tshark -q -z follow,udp,ascii,N} (or {@code tcp}) output (§1.9): a block with both nodes, then one chunk
 * per packet, each opened by its byte count on a line of its own, tab-indented when node 1 sent it.
 *
 * <p>Example: a line of 67 {@code =}, {@code Follow: udp,ascii}, {@code Filter: udp.stream eq 0}, {@code Node 0:
 * 192.0.2.10:5060}, {@code Node 1: 203.0.113.5:5060}, {@code 512}, then 512 bytes of message (CR and LF kept,
 * other non-printables shown as {@code .}), {@code \t318}, the reply, and the closing {@code =} line. A chunk's
 * lines are data until its byte count is spent, so a body line of digits is never taken for a count; when the
 * paste lost the CRs, each line end counts 2 bytes. Over TCP a message may continue in the next chunk of the same
 * node.
 */
final class TsharkFollowDialect implements Dialect {
  private static final Pattern RULE = Pattern.compile("={40,}\\s*");
  private static final Pattern COUNT = Pattern.compile("(\\t?)(\\d{1,9})");
  private static final Pattern FOLLOW = Pattern.compile("Follow: ([a-z0-9]+),([a-z0-9-]+)\\s*");
  private static final Pattern NODE = Pattern.compile("Node ([01]): (\\S+)\\s*");

  private boolean inBlock;
  private @Nullable Transport transport;
  private final @Nullable Endpoint[] nodes = new Endpoint[2];

  @Override
  public TextFormat format() {
    return TextFormat.TSHARK_FOLLOW;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    String t = line.text();
    if (t.startsWith("=") && RULE.matcher(t).matches()) {
      inBlock = !inBlock;
      return new Block(line, inBlock);
    }
    if (!inBlock || t.isEmpty()) {
      return null;
    }
    Matcher m = COUNT.matcher(t);
    if (!m.matches()) {
      return null;
    }
    int node = m.group(1).isEmpty() ? 0 : 1;
    Chunk c = new Chunk(line, Integer.parseInt(m.group(2)));
    c.transport = transport;
    c.src = nodes[node];
    c.dst = nodes[1 - node];
    return c;
  }

  /** The opening or closing rule of a follow block; the opening one reads the block's head. */
  private final class Block extends TraceRecord {
    private final boolean opening;

    Block(TextLine line, boolean opening) {
      super(TextFormat.TSHARK_FOLLOW, line);
      this.opening = opening;
    }

    @Override
    HeaderStep header(TextLine next) {
      if (!opening) {
        return HeaderStep.NOT_MINE;
      }
      Matcher m;
      if ((m = FOLLOW.matcher(next.text())).matches()) {
        TsharkFollowDialect.this.transport = TraceRecord.transport(m.group(1));
        nodes[0] = null;
        nodes[1] = null;
        return HeaderStep.MORE;
      }
      if ((m = NODE.matcher(next.text())).matches()) {
        nodes[Integer.parseInt(m.group(1))] = TraceRecord.endpointAtLastColon(m.group(2));
        return HeaderStep.MORE;
      }
      return next.text().startsWith("Filter: ") ? HeaderStep.MORE : HeaderStep.NOT_MINE;
    }

    @Override
    boolean expectsMessage() {
      return false;
    }
  }

  /** One packet's data. */
  private static final class Chunk extends TraceRecord {
    private long remaining;
    private boolean first = true;
    private boolean crsLost;

    Chunk(TextLine line, int bytes) {
      super(TextFormat.TSHARK_FOLLOW, line);
      this.byteCount = bytes;
      this.remaining = bytes;
    }

    @Override
    boolean owns(TextLine next) {
      return remaining > 0;
    }

    @Override
    Payload payload(TextLine next, boolean inMessage, @Nullable TextLine following) {
      if (first) {
        crsLost = !next.crlf();   // SIP lines end in CR LF: a first line without CR means a paste lost them
        first = false;
      }
      remaining -= next.text().length() + (next.crlf() || crsLost ? 2 : 1);
      return Payload.text(next.text(), next.crlf());
    }

    @Override
    boolean continues(TraceRecord previous) {
      return previous instanceof Chunk && super.continues(previous);
    }

    @Override
    boolean oneMessage() {
      return transport != io.sipaudit.net.Transport.TCP;   // a TCP chunk is a segment: it may hold several
    }
  }
}
