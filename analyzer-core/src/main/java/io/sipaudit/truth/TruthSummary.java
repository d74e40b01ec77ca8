package io.sipaudit.truth;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over a scenario's ground truth: calls per outcome, failovers, and per destination how many calls
 * it was picked first for and how many it answered.
 *
 * <p>Example: for rows {@code (a, .11, .11, answered)}, {@code (b, .12, .11, answered)} the summary has 2 calls,
 * 1 failover, {@code .11} first for 1 and answered 2, {@code .12} first for 1 and answered 0.
 *
 * @param calls the number of calls
 * @param failovers calls whose final pick differs from the first
 * @param outcomes calls per outcome (every outcome present, zero where none)
 * @param firstPicks calls per first-picked destination, sorted by destination
 * @param answeredBy answered calls per destination that answered, sorted by destination
 */
public record TruthSummary(
  int calls,
  int failovers,
  Map<Outcome, Integer> outcomes,
  Map<String, Integer> firstPicks,
  Map<String, Integer> answeredBy) {

  public TruthSummary {
  outcomes = Map.copyOf(outcomes);
  firstPicks = java.util.Collections.unmodifiableMap(new TreeMap<>(firstPicks));
  answeredBy = java.util.Collections.unmodifiableMap(new TreeMap<>(answeredBy));
  }

  /** Summarises {@code truth}. */
  public static TruthSummary of(List<CallTruth> truth) {
  Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
  for (Outcome o : Outcome.values()) {
      outcomes.put(o, 0);
  }
  Map<String, Integer> first = new TreeMap<>();
  Map<String, Integer> answered = new TreeMap<>();
  int failovers = 0;
  for (CallTruth c : truth) {
      outcomes.merge(c.outcome(), 1, Integer::sum);
      if (!c.firstPick().isEmpty()) {
    first.merge(c.firstPick(), 1, Integer::sum);
      }
      if (c.outcome() == Outcome.ANSWERED) {
    answered.merge(c.finalPick(), 1, Integer::sum);
      }
      if (c.failedOver()) {
    failovers++;
      }
  }
  return new TruthSummary(truth.size(), failovers, outcomes, first, answered);
  }

  /** Returns the calls with {@code outcome}. */
  public int count(Outcome outcome) {
  return outcomes.getOrDefault(outcome, 0);
  }
}
