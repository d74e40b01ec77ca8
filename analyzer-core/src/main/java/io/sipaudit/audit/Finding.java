package io.sipaudit.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Something the audit found, with its evidence and what to do about it.
 *
 * <p>Example: {@code BACKEND_DOWN error 127.0.1.21:5060 start 08:44:28.318847 end 08:44:36.266726 "127.0.1.21:5060
 * answered nothing for 7.9 s from ... (19 requests unanswered: 7 probes, 8 calls); ..."}.
 *
 * @param code the stable code
 * @param severity error, warning or info
 * @param backend the backend it concerns ({@code ip:port}), or null
 * @param start the start of its time span, or null
 * @param end the end of its time span, or null (also when it lasted to the end of the capture)
 * @param count the calls it counts, or null
 * @param message one sentence for people
 * @param evidence calls, packets and times that show it (a bounded sample)
 * @param remedy what to change, or null
 * @param details numbers behind the message, by name (JSON values: numbers, strings, booleans, lists, maps)
 */
public record Finding(
    FindingCode code,
    Severity severity,
    @Nullable String backend,
    @Nullable Instant start,
    @Nullable Instant end,
    @Nullable Long count,
    String message,
    List<Evidence> evidence,
    @Nullable String remedy,
    Map<String, Object> details) {

  public Finding {
    requireNonNull(code, "code");
    requireNonNull(severity, "severity");
    requireNonNull(message, "message");
    evidence = List.copyOf(evidence);
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
