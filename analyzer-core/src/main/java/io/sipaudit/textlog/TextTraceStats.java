package io.sipaudit.textlog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What reading text traces saw besides messages: lines, noise, repairs and damage. Mutable and single-threaded;
 * one per reader, added up with {@link #add(TextTraceStats)}.
 *
 * <p>Example: an Asterisk console paste of 2,000 lines with 40 messages, 25 verbose lines between them and one
 * hard-wrapped Via gives {@code lines=2000, messages=40, noiseLines=25, repairedMessages=1}.
 */
public final class TextTraceStats {
  /** At most this many damage reports are kept; the rest are only counted. */
  public static final int MAX_DAMAGE_REPORTS = 20;

  private final String source;
  long lines;
  long messages;
  long noiseLines;
  long skippedLines;
  long keepalives;
  long repairedMessages;
  long cutMessages;
  long inferredMessages;
  long damageCount;
  private final Map<TextFormat, Long> records = new EnumMap<>(TextFormat.class);
  private final List<String> damage = new ArrayList<>();

  /** Creates empty counts for the input called {@code source} in damage reports. */
  public TextTraceStats(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  void damage(long line, String problem) {
    damageCount++;
    if (damage.size() < MAX_DAMAGE_REPORTS) {
      damage.add(source + " line " + line + ": " + problem);
    }
  }

  void record(TextFormat format) {
    records.merge(format, 1L, Long::sum);
  }

  /** Adds {@code other}'s counts and damage reports to these. */
  public void add(TextTraceStats other) {
    lines += other.lines;
    messages += other.messages;
    noiseLines += other.noiseLines;
    skippedLines += other.skippedLines;
    keepalives += other.keepalives;
    repairedMessages += other.repairedMessages;
    cutMessages += other.cutMessages;
    inferredMessages += other.inferredMessages;
    damageCount += other.damageCount;
    other.records.forEach((f, n) -> records.merge(f, n, Long::sum));
    for (String d : other.damage) {
      if (damage.size() < MAX_DAMAGE_REPORTS) {
        damage.add(d);
      }
    }
  }

  /** Lines read from text inputs. */
  public long lines() {
    return lines;
  }

  /** SIP messages found (parsed or malformed). */
  public long messages() {
    return messages;
  }

  /** Lines skipped as noise: log lines, verbose output, CLI prompts, anything outside a message. */
  public long noiseLines() {
    return noiseLines;
  }

  /** Lines skipped as damage: binary data and over-long lines (each also in {@link #damage()}). */
  public long skippedLines() {
    return skippedLines;
  }

  /** Records without a message: chan_sip's empty NAT keep-alive reads, CRLF pings. */
  public long keepalives() {
    return keepalives;
  }

  /** Messages read after joining hard-wrapped header lines or other paste repairs. */
  public long repairedMessages() {
    return repairedMessages;
  }

  /** Messages whose body ended before its Content-Length (next message, end of input, size limit). */
  public long cutMessages() {
    return cutMessages;
  }

  /** Messages with at least one inferred value (time, source, destination or transport). */
  public long inferredMessages() {
    return inferredMessages;
  }

  /** Records per recognised format, e.g. {@code {PJSIP=40, CHAN_SIP=3}}. */
  public Map<TextFormat, Long> records() {
    return Collections.unmodifiableMap(records);
  }

  /** The first {@value #MAX_DAMAGE_REPORTS} damage reports, each naming the input and line. */
  public List<String> damage() {
    return Collections.unmodifiableList(damage);
  }

  /** All damage found, including the reports not kept. */
  public long damageCount() {
    return damageCount;
  }
}
