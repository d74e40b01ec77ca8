package io.sipaudit.dialog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the capture shows about one call (one Call-ID and From tag), across every hop.
 *
 * <p>Example: Call-ID {@code 18.5903.lab-nofailover}, from {@code sip:sybil.16@lab.example}, two INVITE hops
 * (client → balancer answered 408, balancer → backend timed out), no in-dialog requests, complete.
 *
 * @param callId the Call-ID
 * @param fromTag the caller's From tag
 * @param start first time the initial INVITE was seen
 * @param from the From URI of the initial INVITE
 * @param to the To URI
 * @param requestUri the Request-URI of the first INVITE seen
 * @param hops every initial-INVITE transaction, in the order first seen
 * @param inDialog in-dialog requests, in the order first seen
 * @param end last message seen for the call
 * @param complete true when the call ended inside the capture (BYE answered, or the INVITE failed and the
 *     failure was acknowledged); false when it was still going at the end of the input or went idle
 * @param source the input file it came from (the first message's)
 * @param firstFrame the frame (or line) number of its first message
 * @param correlationKeys what ties this call to the other legs of the same end-to-end call through a B2BUA:
 *     {@code call-id:<id>} (its own and any named in X-CID / X-Call-ID), {@code session:<uuid>} (RFC 7989),
 *     {@code icid:<value>} (P-Charging-Vector), {@code header:<name>:<value>} for configured headers
 */
public record CallRecord(
    String callId,
    @Nullable String fromTag,
    Instant start,
    String from,
    String to,
    String requestUri,
    List<InviteHop> hops,
    List<InDialogRequest> inDialog,
    Instant end,
    boolean complete,
    String source,
    long firstFrame,
    java.util.Set<String> correlationKeys) {

  public CallRecord {
    requireNonNull(callId, "callId");
    requireNonNull(start, "start");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(requestUri, "requestUri");
    requireNonNull(end, "end");
    requireNonNull(source, "source");
    hops = List.copyOf(hops);
    inDialog = List.copyOf(inDialog);
    correlationKeys = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(correlationKeys));
  }
}
