package io.sipaudit.health;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The health-check probes one node sent to one destination.
 *
 * <p>Example: {@code 127.0.1.1:5060 -> 127.0.1.21:5060 OPTIONS}: 21 sent, 14 answered {@code 200}, 7 timed out,
 * at most 7 failures in a row; interval median 999 ms (p5 997, p95 1001, max 1002); round trip median 0 ms.
 *
 * @param prober where the probes came from (the balancer's listening address)
 * @param destination where they went
 * @param method the probe method
 * @param sent probes sent (retransmissions not counted)
 * @param answered probes with a final response
 * @param timedOut probes with no final response within the answer timeout
 * @param failed probes the balancer counts as failures: timed out, or answered with a code it does not accept
 * @param replyCodes final codes received, as strings, with their counts
 * @param maxConsecutiveFailures the longest run of failed probes
 * @param first when the first probe was sent
 * @param last when the last probe was sent
 * @param intervalMs the time between consecutive probes: median, p5, p95, max (null with fewer than two probes)
 * @param rttMs the round trip of answered probes: median, p95, max (null when none was answered)
 * @param gaps intervals longer than 1.5 times the median (and at least one second longer)
 * @param largestGaps the longest intervals, longest first (at most five)
 * @param refused the times its probes were answered with codes the balancer counts as failure, in order (at most
 *     {@link #MAX_REFUSALS})
 */
public record ProbeSummary(
    Endpoint prober,
    Endpoint destination,
    String method,
    long sent,
    long answered,
    long timedOut,
    long failed,
    Map<String, Long> replyCodes,
    int maxConsecutiveFailures,
    Instant first,
    Instant last,
    @Nullable Stats intervalMs,
    @Nullable Stats rttMs,
    long gaps,
    List<Gap> largestGaps,
    List<Refusal> refused) {

  /** The most {@link Refusal}s kept per prober and destination. */
  public static final int MAX_REFUSALS = 1000;

  public ProbeSummary {
    requireNonNull(prober, "prober");
    requireNonNull(destination, "destination");
    replyCodes = Map.copyOf(replyCodes);
    largestGaps = List.copyOf(largestGaps);
    refused = List.copyOf(refused);
  }

  /** Percentiles in milliseconds. */
  public record Stats(long median, long p5, long p95, long max) {}

  /** A time without probes: from one probe to the next (or to the end of the capture, then {@code toEnd}). */
  public record Gap(Instant from, Instant to, long ms, boolean toEnd) {}

  /**
   * A run of probes the destination answered with a code the balancer counts as failure (timeouts in between do
   * not end it): from the first of them until the next probe that succeeded ({@code until} null: none did before
   * the capture ended). Kamailio takes such a destination out of rotation after {@code ds_probing_threshold}
   * failures. Example (lab sample probe-503-alg4): 127.0.1.142:5060 answered every OPTIONS with 503, from the
   * probe sent at 08:53:52.484779 (frame 52) on: {@code until} null.
   *
   * @param from when the first refused probe was sent
   * @param until when the next successful probe was sent, or null
   * @param firstProbe the first refused probe
   * @param code the code it was answered with
   */
  public record Refusal(Instant from, @Nullable Instant until, PacketRef firstProbe, int code) {
    public Refusal {
      requireNonNull(from, "from");
      requireNonNull(firstProbe, "firstProbe");
    }
  }
}
