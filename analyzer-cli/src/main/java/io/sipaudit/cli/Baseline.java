package io.sipaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipaudit.MalformedInputException;
import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.Finding;
import io.sipaudit.audit.FindingCode;
import io.sipaudit.audit.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a check with a stored earlier one ({@code sipaudit check --format json} output): it fails only on
 * regressions. A check that passed in the baseline and fails now fails; a check that failed then and still
 * fails is kept as known and passes; and for every finding code, a higher total (the sum of counts, or the
 * number of findings for codes without a count) than in the baseline fails as {@code baseline CODE}.
 *
 * <p>Example: a baseline with {@code CALLS_LOST count 3} and a run with {@code count 5}: check
 * {@code baseline CALLS_LOST} fails with "5, was 3".
 */
final class Baseline {
  private final Map<String, Boolean> checks;
  private final Map<FindingCode, Long> totals;
  private final Path source;

  private Baseline(Path source, Map<String, Boolean> checks, Map<FindingCode, Long> totals) {
    this.source = source;
    this.checks = checks;
    this.totals = totals;
  }

  static Baseline read(Path file) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MalformedInputException(file + " line " + e.getLocation().getLineNr() + ": not JSON: "
          + e.getOriginalMessage());
    }
    if (root == null || !root.path("verdict").isObject() || !root.path("findings").isArray()) {
      throw new MalformedInputException(file + ": not the JSON of 'sipaudit check --format json' (no verdict and"
          + " findings)");
    }
    Map<String, Boolean> checks = new HashMap<>();
    for (JsonNode c : root.path("verdict").path("checks")) {
      checks.put(c.path("name").asText(), c.path("passed").asBoolean());
    }
    Map<FindingCode, Long> totals = new EnumMap<>(FindingCode.class);
    for (JsonNode f : root.path("findings")) {
      try {
        FindingCode code = FindingCode.valueOf(f.path("code").asText());
        totals.merge(code, f.path("count").isNumber() ? f.path("count").asLong() : 1L, Long::sum);
      } catch (IllegalArgumentException unknown) {
        // a code this version does not know: nothing to compare it with
      }
    }
    return new Baseline(file, checks, totals);
  }

  /** Returns the verdict judged against the baseline. */
  Verdict judge(Verdict now, AuditResult result) {
    List<Verdict.Check> out = new ArrayList<>();
    for (Verdict.Check c : now.checks()) {
      Boolean before = checks.get(c.name());
      if (!c.passed() && Boolean.FALSE.equals(before)) {
        out.add(new Verdict.Check(c.name(), true, c.message() + " (known: failed in the baseline too)"));
      } else {
        out.add(c);
      }
    }
    Map<FindingCode, Long> current = new EnumMap<>(FindingCode.class);
    for (Finding f : result.findings()) {
      current.merge(f.code(), f.count() != null ? f.count() : 1L, Long::sum);
    }
    for (FindingCode code : FindingCode.values()) {
      long was = totals.getOrDefault(code, 0L);
      long is = current.getOrDefault(code, 0L);
      if (was == 0 && is == 0) {
        continue;
      }
      out.add(new Verdict.Check("baseline " + code, is <= was, code + ": " + is + ", was " + was + " in "
          + source.getFileName()));
    }
    return new Verdict(out.stream().allMatch(Verdict.Check::passed), out);
  }
}
