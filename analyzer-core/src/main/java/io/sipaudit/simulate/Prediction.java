package io.sipaudit.simulate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's choice for one call beside the balancer's.
 *
 * @param call the call
 * @param index the predicted index into the set
 * @param predicted the predicted destination, {@code host:port}
 * @param observed the balancer's first pick, or null when the capture shows none
 * @param failover the destinations {@code ds_next_dst} would try next, in order (Kamailio's {@code _dsdst_} list
 *     after the first record), when failover is on; for algorithm 12 the parallel branches
 * @param learned whether the prediction only repeats the observed pick, to learn a weight table's order (such calls
 *     agree by construction and say nothing about the configuration)
 */
public record Prediction(CallArrival call, int index, String predicted, @Nullable String observed,
    List<String> failover, boolean learned) {
  public Prediction {
    requireNonNull(call, "call");
    requireNonNull(predicted, "predicted");
    failover = List.copyOf(failover);
  }

  public Prediction(CallArrival call, int index, String predicted, @Nullable String observed) {
    this(call, index, predicted, observed, List.of(), false);
  }

  public Prediction(CallArrival call, int index, String predicted, @Nullable String observed,
      List<String> failover) {
    this(call, index, predicted, observed, failover, false);
  }

  /** Returns whether the balancer chose what the simulator predicts ("none" agrees with no pick observed). */
  public boolean agrees() {
    return observed == null ? predicted.equals("none") : predicted.equals(observed);
  }
}
