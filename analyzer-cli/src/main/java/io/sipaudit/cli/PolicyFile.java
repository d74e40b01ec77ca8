package io.sipaudit.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sipaudit.MalformedInputException;
import io.sipaudit.audit.AuditPolicy;
import io.sipaudit.audit.FindingCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code sipaudit check} policy file (YAML). Every key is optional; a missing one keeps its default
 * ({@link AuditPolicy#DEFAULTS}); an unknown key or a bad value is an error naming the file and line.
 *
 * <p>Example:
 * <pre>
 * skew:
 *   p_value: 0.001
 *   max_share_deviation: 0.05
 *   window: 60s
 * health:
 *   probe_interval: 10s
 * max_lost_calls: 0
 * fail_on: [BACKEND_DOWN, DISTRIBUTION_SKEW]
 * </pre>
 */
final class PolicyFile {
  static final List<String> KEYS = List.of("skew.p_value", "skew.max_share_deviation", "skew.window",
      "skew.min_window_calls", "health.answer_timeout", "health.down_after", "health.probe_interval",
      "max_lost_calls", "min_answer_ratio", "max_calls_to_down_backends", "fail_on");

  private PolicyFile() {}

  /** Thrown for a policy that cannot be used; the message names the file and line. */
  static final class PolicyException extends MalformedInputException {
    private static final long serialVersionUID = 1L;

    PolicyException(String message) {
      super(message);
    }
  }

  static AuditPolicy read(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  static AuditPolicy parse(String yaml, String source) throws IOException {
    AuditPolicy p = AuditPolicy.DEFAULTS;
    double pValue = p.skewPValue();
    double maxDev = p.maxShareDeviation();
    Duration window = p.skewWindow();
    long minWindow = p.minWindowCalls();
    Duration answer = p.answerTimeout();
    int downAfter = p.downAfter();
    Duration probe = p.probeInterval();
    long maxLost = p.maxLostCalls();
    double minAnswer = p.minAnswerRatio();
    Long maxToDown = p.maxCallsToDownBackends();
    Set<FindingCode> failOn = p.failOn();
    try (JsonParser in = new YAMLFactory().createParser(yaml)) {
      List<String> path = new ArrayList<>();
      JsonToken t = in.nextToken();
      if (t == null) {
        return p;
      }
      if (t != JsonToken.START_OBJECT) {
        throw error(source, in.currentLocation(), "a policy is a map of keys (see docs/findings.md)");
      }
      while ((t = in.nextToken()) != null) {
        if (t == JsonToken.END_OBJECT) {
          if (!path.isEmpty()) {
            path.remove(path.size() - 1);
          }
          continue;
        }
        if (t != JsonToken.FIELD_NAME) {
          continue;
        }
        String name = in.currentName();
        String key = path.isEmpty() ? name : String.join(".", path) + "." + name;
        JsonLocation at = in.currentLocation();
        JsonToken v = in.nextToken();
        if (v == JsonToken.START_OBJECT) {
          if (KEYS.stream().noneMatch(k -> k.startsWith(key + "."))) {
            throw error(source, at, "unknown section '" + key + "' (known keys: " + String.join(", ", KEYS) + ")");
          }
          path.add(name);
          continue;
        }
        if (!KEYS.contains(key)) {
          throw error(source, at, "unknown key '" + key + "' (known keys: " + String.join(", ", KEYS) + ")");
        }
        try {
          switch (key) {
            case "skew.p_value" -> pValue = number(in, v);
            case "skew.max_share_deviation" -> maxDev = number(in, v);
            case "skew.window" -> window = duration(in, v);
            case "skew.min_window_calls" -> minWindow = (long) number(in, v);
            case "health.answer_timeout" -> answer = duration(in, v);
            case "health.down_after" -> downAfter = (int) number(in, v);
            case "health.probe_interval" -> probe = v == JsonToken.VALUE_NULL ? null : duration(in, v);
            case "max_lost_calls" -> maxLost = (long) number(in, v);
            case "min_answer_ratio" -> minAnswer = number(in, v);
            case "max_calls_to_down_backends" -> maxToDown = v == JsonToken.VALUE_NULL ? null : (long) number(in, v);
            case "fail_on" -> failOn = codes(in, v);
            default -> throw new IllegalStateException(key);
          }
        } catch (IllegalArgumentException e) {
          throw error(source, at, key + ": " + e.getMessage());
        }
      }
      return new AuditPolicy(pValue, maxDev, window, minWindow, answer, downAfter, probe, maxLost, minAnswer,
          maxToDown, failOn);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new PolicyException(source + " line " + e.getLocation().getLineNr() + ": not valid YAML: "
          + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new PolicyException(source + ": " + e.getMessage());
    }
  }

  private static PolicyException error(String source, JsonLocation at, String message) {
    return new PolicyException(source + " line " + at.getLineNr() + ": " + message);
  }

  private static double number(JsonParser in, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
      return in.getDoubleValue();
    }
    if (v == JsonToken.VALUE_STRING) {
      try {
        return Double.parseDouble(in.getText().trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new IllegalArgumentException("'" + in.getText() + "' is not a number");
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  /** {@code 500ms}, {@code 4s}, {@code 2m}, {@code 1h}, or a plain number of seconds. */
  static Duration duration(JsonParser in, JsonToken v) throws IOException {
    String text = in.getText().trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(text);
    if ((v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT)
        && m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      double ms = switch (unit) {
        case "ms" -> amount;
        case "m" -> amount * 60_000;
        case "h" -> amount * 3_600_000;
        default -> amount * 1000;
      };
      return Duration.ofMillis(Math.round(ms));
    }
    throw new IllegalArgumentException("'" + in.getText() + "' is not a duration (e.g. 500ms, 4s, 2m)");
  }

  private static Set<FindingCode> codes(JsonParser in, JsonToken v) throws IOException {
    Set<FindingCode> out = EnumSet.noneOf(FindingCode.class);
    if (v == JsonToken.VALUE_NULL) {
      return out;
    }
    if (v != JsonToken.START_ARRAY) {
      out.add(code(in.getText()));
      return out;
    }
    JsonToken t;
    while ((t = in.nextToken()) != JsonToken.END_ARRAY && t != null) {
      out.add(code(in.getText()));
    }
    return out;
  }

  private static FindingCode code(String s) {
    try {
      return FindingCode.valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown finding code '" + s + "' (codes: "
          + java.util.Arrays.toString(FindingCode.values()) + ")");
    }
  }
}
