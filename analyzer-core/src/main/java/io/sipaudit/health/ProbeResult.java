package io.sipaudit.health;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One health-check probe and how it ended, as the prober saw it.
 *
 * <p>Example: {@code 127.0.1.1:5060 -> 127.0.1.21:5060} sent 04:47:38.210 (frame 611), no final response
 * ({@code answeredAt} null, {@code status} 0).
 *
 * @param prober the balancer's listening address
 * @param destination the probed node
 * @param sent when the probe was sent (its first transmission)
 * @param answeredAt when its final response arrived, or null when none came
 * @param status the final response's code, or 0
 * @param ref where the probe is in the input
 */
public record ProbeResult(Endpoint prober, Endpoint destination, Instant sent, @Nullable Instant answeredAt,
    int status, PacketRef ref) {
  public ProbeResult {
    requireNonNull(prober, "prober");
    requireNonNull(destination, "destination");
    requireNonNull(sent, "sent");
    requireNonNull(ref, "ref");
  }
}
