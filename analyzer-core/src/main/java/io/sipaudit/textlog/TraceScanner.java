package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits a text trace into messages, line by line (§1.0): finds record lines of any of the given dialects, the
 * SIP start line, the header lines and the body, and skips and counts everything else.
 *
 * <p>A message ends at the earliest of: its Content-Length (see {@link MessageBuilder}), a record line of any
 * format, its record's closing line, a start line followed by a header line, or the end of the input. Outside a
 * record, a start line opens a message only when a header line follows it (bare SIP, §1.11). Log lines that are
 * never SIP ({@link LogNoise}, Asterisk-prefixed lines) are skipped even in the middle of a message. A record of a
 * format that logs one message per record holds no second one: a start line after its message is bare SIP. Example: an
 * Asterisk console paste yields one message per PJSIP banner, and counts the {@code -- Executing} lines as noise.
 */
final class TraceScanner {
  /** Receives each message once it is complete. */
  interface Sink {
    /**
     * Takes a message.
     *
     * @param message the rebuilt message
     * @param record the record it started in, or null for bare SIP
     * @param continued whether it went on in later records (TCP segments, IP fragments)
     */
    void message(MessageBuilder.Built message, @Nullable TraceRecord record, boolean continued);
  }

  private final LineReader lines;
  private final List<Dialect> dialects;
  private final int maxMessageBytes;
  private final TextTraceStats stats;
  private final Sink sink;
  private @Nullable TraceRecord record;
  private boolean inHeader;
  private @Nullable MessageBuilder message;
  private @Nullable TraceRecord messageRecord;
  private boolean continued;
  private @Nullable LogTime prefixTime;
  private long prefixLine = -1;

  TraceScanner(LineReader lines, List<Dialect> dialects, int maxMessageBytes, TextTraceStats stats, Sink sink) {
    this.lines = requireNonNull(lines, "lines");
    this.dialects = List.copyOf(dialects);
    this.maxMessageBytes = maxMessageBytes;
    this.stats = requireNonNull(stats, "stats");
    this.sink = requireNonNull(sink, "sink");
  }

  /** Reads one line; returns false at the end of the input, after the last message was handed on. */
  boolean step() {
    TextLine l = lines.next();
    if (l == null) {
      finishMessage("the end of the input");
      endRecord();
      return false;
    }
    stats.lines++;
    TraceRecord r = record;
    if (r != null && inHeader) {
      TraceRecord.HeaderStep step = r.header(l);
      inHeader = step == TraceRecord.HeaderStep.MORE;
      if (step != TraceRecord.HeaderStep.NOT_MINE) {
        return true;
      }
    }
    if (r != null && r.owns(l)) {
      payload(r, l);
      return true;
    }
    TextLine t = l;
    LogTime logTime = l.prefixTime() != null ? l.prefixTime() : prefixLine == l.number() - 1 ? prefixTime : null;
    AsteriskPrefix.Prefixed prefixed = AsteriskPrefix.parse(l.text());
    if (prefixed != null) {
      t = l.withText(prefixed.rest(), l.crlf());
      logTime = prefixed.time();
      prefixTime = logTime;
      prefixLine = l.number();
    }
    for (Dialect d : dialects) {
      TraceRecord opened = d.open(t, logTime);
      if (opened != null) {
        startRecord(opened);
        return true;
      }
    }
    if (prefixed != null) {
      if (!t.isBlank()) {
        noise();   // an Asterisk log line; an empty one is the first line of a chan_sip banner
      }
      return true;
    }
    payload(r, t);
    return true;
  }

  private void payload(@Nullable TraceRecord r, TextLine t) {
    Payload p = r != null ? r.payload(t, message != null, lines.peek()) : Payload.text(t.text(), t.crlf());
    switch (p.kind()) {
      case SKIP -> { }
      case END -> {
        finishMessage("the record's closing line " + t.number());
        endRecord();
      }
      case END_MESSAGE -> finishMessage("the next message at line " + t.number());
      case TEXT -> text(t, p.text(), p.crlf());
    }
  }

  private void text(TextLine line, String text, boolean crlf) {
    MessageBuilder m = message;
    boolean start = SipLines.isStartLine(text);
    if (isFence(text)) {   // a trace pasted from Markdown (an issue, a chat): the fence ends what was pasted
      if (m != null) {
        finishMessage("the Markdown fence at line " + line.number());
      }
      noise();
      return;
    }
    if (m != null) {
      if (LogNoise.isLogLine(text)) {
        noise();
        return;
      }
      if (!start || (m.inBody() && !nextIsHeader())) {
        if (m.add(text, crlf, line.number())) {
          finishMessage("its Content-Length");
        }
        return;
      }
      finishMessage("the next start line at line " + line.number());
    }
    if (text.isBlank()) {
      return;
    }
    TraceRecord open = record != null && !(record.oneMessage() && record.messages > 0) ? record : null;
    if (start && (open != null || nextIsHeader())) {
      message = new MessageBuilder(text, crlf, line.number(), line.offset(), maxMessageBytes,
          open == null || open.bodies());
      messageRecord = open;
      continued = false;
      return;
    }
    if (!isChrome(text)) {
      noise();
    }
  }

  /** A Markdown code fence: {@code ```}, {@code ~~~}, optionally with a language, e.g. {@code ```sip}. */
  static boolean isFence(String text) {
    int start = 0;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    int end = text.length();
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end - start < 3) {   // every line goes through here: no copy, and most leave at the first character
      return false;
    }
    char fence = text.charAt(start);
    if (fence != '`' && fence != '~' || text.charAt(start + 1) != fence || text.charAt(start + 2) != fence) {
      return false;
    }
    for (int i = start + 3; i < end; i++) {
      char c = text.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != fence) {
        return false;
      }
    }
    return true;
  }

  private boolean nextIsHeader() {
    TextLine next = lines.peek();
    return next != null && SipLines.isHeaderLine(record != null ? record.preview(next) : next.text());
  }

  private boolean isChrome(String text) {
    for (Dialect d : dialects) {
      if (d.isChrome(text)) {
        return true;
      }
    }
    return false;
  }

  private void startRecord(TraceRecord opened) {
    stats.record(opened.format);
    MessageBuilder m = message;
    TraceRecord previous = record;
    if (m != null && !m.isDone() && previous != null && opened.continues(previous)) {
      continued = true;
    } else {
      finishMessage("the next record at line " + opened.line);
      endRecord();
    }
    record = opened;
    inHeader = true;
  }

  private void endRecord() {
    TraceRecord r = record;
    if (r != null && r.messages == 0 && r.noise == 0 && r.expectsMessage() && message == null) {
      stats.keepalives++;
    }
    record = null;
    inHeader = false;
  }

  private void noise() {
    stats.noiseLines++;
    if (record != null) {
      record.noise++;
    }
  }

  private void finishMessage(String why) {
    MessageBuilder m = message;
    if (m == null) {
      return;
    }
    message = null;
    MessageBuilder.Built built = m.finish(why);
    TraceRecord r = messageRecord;
    sink.message(built, r, continued);
    if (r != null) {
      r.messages++;
    }
    if (record != null && record != r) {
      record.messages++;
    }
  }
}
