package io.sipaudit.audit;

import io.sipaudit.net.Endpoint;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Observed first picks against the expectation.
 *
 * <p>Example: SRV 60/30/10 over 100 calls: rows {@code be1 63 / 60.0, be2 25 / 30.0, be3 12 / 10.0}, chi-square
 * 1.38, p = 0.50: consistent.
 *
 * @param expectation where the expected shares come from
 * @param rows one per backend
 * @param fit the test over all calls tested
 * @param tested the calls tested
 * @param excluded calls left out: sent while their backend (or, for a simulation, any destination of the set)
 *     was down, or while no backend was up
 * @param worstWindow the window with the lowest p-value, when windows were tested, else null
 * @param windowsTested how many windows had enough calls to be tested
 * @param agreement for a simulation: the share of calls whose observed pick equals the predicted one, else null
 * @param disagreed for a simulation: the tested calls whose observed pick differs from the predicted one
 * @param disagreements the first of those, in arrival order (at most {@link #DISAGREEMENTS})
 */
public record DistributionReport(
    String expectation,
    List<Row> rows,
    GoodnessOfFit.Fit fit,
    long tested,
    long excluded,
    @Nullable Window worstWindow,
    int windowsTested,
    @Nullable Double agreement,
    long disagreed,
    List<Disagreement> disagreements) {

  /** How many disagreements are kept as evidence. */
  public static final int DISAGREEMENTS = 20;

  public DistributionReport {
    rows = List.copyOf(rows);
    disagreements = List.copyOf(disagreements);
  }

  /** One backend: calls observed and expected, and the shares. */
  public record Row(Endpoint backend, long observed, double expected, double observedShare, double expectedShare) {}

  /** One tested window. */
  public record Window(Instant start, Instant end, GoodnessOfFit.Fit fit) {}

  /**
   * A call the simulated balancer would have sent elsewhere. Example: {@code 7-3301@127.0.1.100} at
   * 04:47:39.102 went to {@code 127.0.1.12:5060}; the simulation predicts {@code 127.0.1.13:5060}.
   */
  public record Disagreement(String callId, Instant time, Endpoint observed, String predicted) {}
}
