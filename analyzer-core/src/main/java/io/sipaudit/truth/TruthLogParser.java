package io.sipaudit.truth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads {@code LBTRUTH} lines from a Kamailio log.
 *
 * <p>A line may carry any prefix (Kamailio's {@code " 0(123) NOTICE: <script>: "}); everything from the
 * marker on is {@code LBTRUTH key=value ...} with at least {@code t} (seconds since the epoch, with a
 * fraction), {@code ev} and {@code ci}. Lines without the marker are ignored. Example:
 * <pre>{@code LBTRUTH t=1764139200.123456 ev=reply ci=3-7@10.0.0.1 code=200 src=127.0.1.11:5060}</pre>
 */
public final class TruthLogParser {
  static final String MARKER = "LBTRUTH ";

  private TruthLogParser() {
  }

  /**
     * Parses one log line.
     *
     * @return the event, or empty when the line has no {@code LBTRUTH} marker
     * @throws TruthLogException when the marker is there but the fields are not
     */
  public static Optional<TruthEvent> parseLine(String text, long line) {
    int at = text.indexOf(MARKER);
    if (at < 0) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String token : text.substring(at + MARKER.length()).trim().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        throw new TruthLogException(line, "expected key=value, found '" + token + "'");
      }
      fields.put(token.substring(0, eq), token.substring(eq + 1));
    }
    Instant time = parseTime(take(fields, "t", line), line);
    TruthEvent.Kind kind = parseKind(take(fields, "ev", line), line);
    String callId = take(fields, "ci", line);
    return Optional.of(new TruthEvent(time, kind, callId, fields, line));
  }

  /** Parses every line of {@code reader} and hands each event to {@code sink}, in order. */
  public static void parse(BufferedReader reader, Consumer<TruthEvent> sink) {
    long line = 0;
    try {
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        parseLine(text, line).ifPresent(sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading line " + (line + 1), e);
    }
  }

  private static String take(Map<String, String> fields, String key, long line) {
    String value = fields.remove(key);
    if (value == null || value.isEmpty()) {
      throw new TruthLogException(line, "missing field '" + key + "'");
    }
    return value;
  }

  private static Instant parseTime(String value, long line) {
    try {
      BigDecimal seconds = new BigDecimal(value);
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole, nanos);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TruthLogException(line, "time t=" + value + " is not seconds since the epoch");
    }
  }

  private static TruthEvent.Kind parseKind(String value, long line) {
    try {
      return TruthEvent.Kind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TruthLogException(line, "unknown event ev=" + value);
    }
  }
}
