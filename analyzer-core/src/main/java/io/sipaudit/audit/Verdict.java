package io.sipaudit.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The policy applied to an audit: one check per threshold and per failing code, and whether all passed.
 *
 * <p>Example, the failover lab sample with the defaults: {@code lost-calls} passes (0 ≤ 0),
 * {@code no-backend-down} fails (1 BACKEND_DOWN finding), {@code no-distribution-skew} passes: the verdict fails.
 *
 * @param passed whether every check passed
 * @param checks the checks, in a stable order
 */
public record Verdict(boolean passed, List<Check> checks) {

  public Verdict {
    checks = List.copyOf(checks);
  }

  /**
   * One check.
   *
   * @param name a stable name, e.g. {@code lost-calls}, {@code no-backend-down}, {@code answer-ratio 10.0.0.1:5060}
   * @param passed whether it passed
   * @param message what was measured against what
   */
  public record Check(String name, boolean passed, String message) {
    public Check {
      requireNonNull(name, "name");
      requireNonNull(message, "message");
    }
  }

  /** Applies {@code policy} to {@code result}. */
  public static Verdict of(AuditResult result, AuditPolicy policy) {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("lost-calls", result.lostCalls() <= policy.maxLostCalls(),
        result.lostCalls() + " calls lost (at most " + policy.maxLostCalls() + " allowed)"));
    if (policy.maxCallsToDownBackends() != null) {
      checks.add(new Check("calls-to-down-backends", result.callsToDownBackends() <= policy.maxCallsToDownBackends(),
          result.callsToDownBackends() + " calls sent to backends that answered nothing (at most "
          + policy.maxCallsToDownBackends() + " allowed)"));
    }
    for (Map.Entry<String, Double> e : result.answerRatios().entrySet()) {
      checks.add(new Check("answer-ratio " + e.getKey(), e.getValue() >= policy.minAnswerRatio(),
          String.format(Locale.ROOT, "%s answered %.1f%% of its attempts (at least %.1f%% required)", e.getKey(),
              e.getValue() * 100, policy.minAnswerRatio() * 100)));
    }
    for (FindingCode code : FindingCode.values()) {
      if (!policy.failOn().contains(code)) {
        continue;
      }
      List<Finding> found = result.findings(code);
      checks.add(new Check(checkName(code), found.isEmpty(), found.isEmpty() ? "no " + code + " finding"
          : found.size() + " " + code + (found.size() == 1 ? " finding: " : " findings, the first: ")
          + found.get(0).message()));
    }
    return new Verdict(checks.stream().allMatch(Check::passed), checks);
  }

  /** Returns {@code no-backend-down} for {@code BACKEND_DOWN}. */
  public static String checkName(FindingCode code) {
    return "no-" + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
