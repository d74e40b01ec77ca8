package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * How to read text traces: the format (or auto-detection), and what to assume where a trace says nothing.
 *
 * <p>Example: {@code new TextTraceOptions(TextFormat.SOFIA, Endpoint.parse("192.0.2.4:5060"),
 * LocalDate.parse("2024-06-10"), ZoneId.of("Europe/Berlin"), TextTraceOptions.DEFAULT_MAX_MESSAGE_BYTES)} reads a
 * FreeSWITCH siptrace logged on 192.0.2.4, whose times of day are Berlin time on 10 June 2024.
 *
 * @param format the only format to recognise, or null to detect each record's format by its lines
 * @param local the logging node's address, for node-centric logs (PJSIP, chan_sip, sofia, SIPp); null: infer it
 *     from Via, Contact and Record-Route
 * @param date the date of traces that lack one (FreeSWITCH, tcpdump, Asterisk's year) and the start of the
 *     synthetic clock of traces without times; null: the file's modification date, or 1970-01-01
 * @param zone the zone of wall-clock times without one (sngrep, ngrep, SIPp, Asterisk, tcpdump)
 * @param maxMessageBytes the largest message kept whole; longer ones are cut and flagged (also the line limit)
 */
public record TextTraceOptions(
    @Nullable TextFormat format, @Nullable Endpoint local, @Nullable LocalDate date, ZoneId zone,
    int maxMessageBytes) {

  /** The default bound on a message and on a line: 1 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

  /** Auto-detection, nothing assumed, UTC, 1 MiB. */
  public static final TextTraceOptions DEFAULTS =
      new TextTraceOptions(null, null, null, ZoneOffset.UTC, DEFAULT_MAX_MESSAGE_BYTES);

  public TextTraceOptions {
    requireNonNull(zone, "zone");
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " (expected: >= 1024)");
    }
  }

  /** Returns these options with the format forced to {@code f} (null: auto-detect). */
  public TextTraceOptions withFormat(@Nullable TextFormat f) {
    return new TextTraceOptions(f, local, date, zone, maxMessageBytes);
  }

  /** Returns these options with the logging node's address set. */
  public TextTraceOptions withLocal(@Nullable Endpoint l) {
    return new TextTraceOptions(format, l, date, zone, maxMessageBytes);
  }

  /** Returns these options with the date of undated traces set. */
  public TextTraceOptions withDate(@Nullable LocalDate d) {
    return new TextTraceOptions(format, local, d, zone, maxMessageBytes);
  }

  /** Returns these options with the zone of wall-clock times set. */
  public TextTraceOptions withZone(ZoneId z) {
    return new TextTraceOptions(format, local, date, z, maxMessageBytes);
  }

  /** Returns these options with another bound on messages and lines. */
  public TextTraceOptions withMaxMessageBytes(int max) {
    return new TextTraceOptions(format, local, date, zone, max);
  }
}
