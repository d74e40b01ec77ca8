package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.ParseResult;
import io.sipaudit.sip.SipParser;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the SIP messages of a text trace as the same {@link IngestEvent}s a capture gives, in trace order.
 *
 * <p>Example: {@code try (TextTraceReader r = TextTraces.open(Path.of("asterisk-full.log"), options)) { for
 * (IngestEvent e; (e = r.next()) != null; ) { ... } }}. Each message's {@link PacketRef} names the input, the line
 * its start line is on (as the frame number) and that line's byte offset; what the trace did not say is listed in
 * {@link PacketRef#inferred()}. Messages are parsed with {@link SipParser#tryParse} after their line ends were
 * restored; what was noticed on the way (a cut body, a hard wrap joined, a size that differs from the one logged)
 * becomes the {@code problem} of the message. Memory is bounded by the options' message limit and
 * {@link Addressing#MAX_WAITING} messages, whatever the size of the trace.
 */
public final class TextTraceReader implements AutoCloseable {
  private final String source;
  private final LineReader lines;
  private final TraceScanner scanner;
  private final TimeResolver clock;
  private final Addressing addressing;
  private final TextTraceStats stats;
  private final ArrayDeque<IngestEvent> ready = new ArrayDeque<>();
  private boolean finished;

  /**
   * Reads a text trace from {@code in}, which the reader closes.
   *
   * @param source the name used in locations and errors: the file name, or {@code "-"} for standard input
   * @param fileDate the date of the file, used for times of day when the options give no date; or null
   */
  public TextTraceReader(InputStream in, String source, TextTraceOptions options, @Nullable LocalDate fileDate) {
    this.source = requireNonNull(source, "source");
    this.stats = new TextTraceStats(source);
    this.lines = new LineReader(in, stats, options.maxMessageBytes());
    this.clock = new TimeResolver(options.zone(), options.date(), fileDate);
    this.addressing = new Addressing(options.local(), stats);
    List<Dialect> dialects = new ArrayList<>();
    if (options.format() != null) {
      dialects.add(options.format().newDialect());
    } else {
      Arrays.stream(TextFormat.values()).forEach(f -> dialects.add(f.newDialect()));
    }
    this.scanner = new TraceScanner(lines, dialects, options.maxMessageBytes(), stats, this::message);
  }

  /** Returns the next message in trace order, or null at the end of the trace. */
  public @Nullable IngestEvent next() {
    while (ready.isEmpty() && !finished) {
      if (!scanner.step()) {
        addressing.finish(ready::add);
        finished = true;
        if (stats.messages == 0) {
          stats.damage(stats.lines, (stats.lines == 0 ? "the input is empty" : "no SIP message found in " + stats.lines
              + " line(s)") + " (expected: a SIP text trace, see docs/inputs.md, or a pcap/pcapng capture)");
        }
      }
    }
    return ready.poll();
  }

  /** Returns what was seen besides messages; complete once {@link #next()} returned null. */
  public TextTraceStats stats() {
    return stats;
  }

  /** Returns the name of the input. */
  public String source() {
    return source;
  }

  private void message(MessageBuilder.Built b, @Nullable TraceRecord r, boolean continued) {
    byte[] bytes = b.bytes();
    List<String> notes = new ArrayList<>(b.notes());
    if (r != null && r.byteCount >= 0 && !continued && r.messages == 0
        && !(r.format == TextFormat.TSHARK_FOLLOW && r.transport == Transport.TCP)) {
      if (bytes.length == r.byteCount + 2 && bytes[bytes.length - 2] == '\r' && bytes[bytes.length - 1] == '\n') {
        bytes = Arrays.copyOf(bytes, r.byteCount);   // the log's own line end after a body without one
      } else if (bytes.length != r.byteCount) {
        notes.add("the trace says " + r.byteCount + " bytes, " + bytes.length + " were rebuilt");
      }
    }
    if (r != null && r.note != null) {
      notes.add(r.note);
    }
    TimeResolver.Resolved time;
    if (r != null) {
      if (r.resolved == null) {
        r.resolved = clock.resolve(r.time);
      }
      time = r.resolved;
    } else {
      time = clock.resolve(null);
    }
    stats.messages++;
    stats.repairedMessages += b.repaired() ? 1 : 0;
    stats.cutMessages += b.cut() ? 1 : 0;
    ParseResult parsed = SipParser.tryParse(bytes, 0, bytes.length);
    PacketRef ref = new PacketRef(source, b.line(), b.offset(), time.instant(),
        time.inferred() ? Set.of(PacketRef.Inferred.TIME) : Set.of());
    addressing.submit(new Addressing.Pending(ref, r == null ? Direction.UNKNOWN : r.direction,
        r == null ? null : r.src, r == null ? null : r.dst, r == null ? null : r.transport, parsed,
        notes.isEmpty() ? null : String.join("; ", notes)), ready::add);
  }

  @Override
  public void close() {
    lines.close();
  }
}
