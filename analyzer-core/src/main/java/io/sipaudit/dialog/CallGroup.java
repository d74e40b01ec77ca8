package io.sipaudit.dialog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The legs of one end-to-end call through a B2BUA or SBC: calls with different Call-IDs tied together.
 *
 * <p>Example: {@code [a84b4c76e66710@pbx, 7f1e-b-leg@sbc]} linked by {@code x-cid}, confidence {@code header}.
 *
 * @param callIds the legs' Call-IDs, in the order the legs started
 * @param linkedBy the kinds of evidence that tied them: {@code x-cid} (X-CID or X-Call-ID naming another leg),
 *     {@code session-id} (RFC 7989), {@code icid} (P-Charging-Vector), {@code header:NAME}, {@code parties}
 * @param confidence {@code header} when a header tied every leg, {@code heuristic} when the same caller and
 *     callee close in time did (opt-in)
 * @param firstStart when the first leg started
 */
public record CallGroup(List<String> callIds, List<String> linkedBy, String confidence, java.time.Instant firstStart) {
  public CallGroup {
    requireNonNull(firstStart, "firstStart");
    callIds = List.copyOf(callIds);
    linkedBy = List.copyOf(linkedBy);
    requireNonNull(confidence, "confidence");
  }
}
