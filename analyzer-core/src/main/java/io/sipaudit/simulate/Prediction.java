package io.sipaudit.simulate;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's choice for one call beside the balancer's.
 *
 * @param call the call
 * @param index the predicted index into the set
 * @param predicted the predicted destination, {@code host:port}
 * @param observed the balancer's first pick, or null when the capture shows none
 */
public record Prediction(CallArrival call, int index, String predicted, @Nullable String observed) {
  public Prediction {
    requireNonNull(call, "call");
    requireNonNull(predicted, "predicted");
  }

  /** Returns whether the balancer chose what the simulator predicts ("none" agrees with no pick observed). */
  public boolean agrees() {
    return observed == null ? predicted.equals("none") : predicted.equals(observed);
  }
}
