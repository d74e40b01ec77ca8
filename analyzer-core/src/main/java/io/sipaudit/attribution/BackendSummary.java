package io.sipaudit.attribution;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import java.util.Map;

/**
 * What one backend did with the calls offered to it.
 *
 * <p>Example: {@code 127.0.1.22:5060 offered 36, attempts 44, handled 44 (48.9 %), answered 44, failed 0,
 * failovers in 8, out 0, PDD p50 1 ms, peak 3 concurrent calls}.
 *
 * @param backend the backend
 * @param offered calls for which it was the first pick
 * @param attempts INVITEs the balancer sent it (first picks and failovers)
 * @param handled calls it ended up with (it answered, or it was the last one tried)
 * @param share handled / all calls that reached a backend, 0..1
 * @param answered calls it answered
 * @param failed attempts it rejected or let time out
 * @param failoversIn calls that came to it after another backend failed
 * @param failoversOut calls that left it for another backend
 * @param statuses final status per attempt ("200", "503", "timeout", "cancelled", "no_response") and count
 * @param pdd INVITE to its first 18x, per attempt
 * @param setup INVITE to its 2xx, per attempt
 * @param peakConcurrent most answered calls in progress on it at one instant, sampled at each whole second
 * @param meanConcurrent average answered calls in progress over the whole seconds at which it had any
 * @param rfc6076 the RFC 6076 metrics over the INVITEs it received
 */
public record BackendSummary(
    Endpoint backend,
    long offered,
    long attempts,
    long handled,
    double share,
    long answered,
    long failed,
    long failoversIn,
    long failoversOut,
    Map<String, Long> statuses,
    Percentiles pdd,
    Percentiles setup,
    int peakConcurrent,
    double meanConcurrent,
    Rfc6076 rfc6076) {

  public BackendSummary {
    requireNonNull(backend, "backend");
    statuses = Map.copyOf(statuses);
    requireNonNull(pdd, "pdd");
    requireNonNull(setup, "setup");
    requireNonNull(rfc6076, "rfc6076");
  }
}
