package io.sipaudit.dialog;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One initial-INVITE client transaction as seen on one hop (RFC 3261 §17.1.1): sender, receiver, and what
 * came back.
 *
 * <p>Example: {@code 127.0.1.1:5060 -> 127.0.1.12:5060 UDP branch z9hG4bKd312.56a4, sent 04:47:34.773,
 * 2 retransmissions, no response, forwarded from branch z9hG4bK-5903-18-0}: a timed-out attempt of a balancer.
 *
 * @param src sender
 * @param dst receiver
 * @param transport transport of the INVITE
 * @param branch top Via branch of the INVITE (the transaction id), or "" when it had none
 * @param upstreamBranch the second Via's branch: the upstream transaction this INVITE was forwarded from
 * @param cseq CSeq number
 * @param sent first time the INVITE was seen on this hop
 * @param retransmissions how many more times it was seen
 * @param firstProvisional first 1xx other than 100, or null
 * @param firstProvisionalCode its status code, 0 when none
 * @param finalAt time of the first final response, or null
 * @param finalCode the first final response's status code, 0 when none
 * @param finalReason its reason phrase, "" when none
 * @param toTag the To tag of the final response (the dialog the hop ended in), or null
 * @param cancelledAt when a CANCEL was seen for this transaction, or null
 * @param authorization whether the INVITE carried credentials (Authorization or Proxy-Authorization)
 * @param authUser the digest username of its Proxy-Authorization, else of its Authorization (the order Kamailio's
 *     dispatcher algorithm 5 reads them in), or null
 * @param order where its messages came among the call's messages
 */
public record InviteHop(
    Endpoint src,
    Endpoint dst,
    Transport transport,
    String branch,
    @Nullable String upstreamBranch,
    long cseq,
    Instant sent,
    int retransmissions,
    @Nullable Instant firstProvisional,
    int firstProvisionalCode,
    @Nullable Instant finalAt,
    int finalCode,
    String finalReason,
    @Nullable String toTag,
    @Nullable Instant cancelledAt,
    boolean authorization,
    @Nullable String authUser,
    MessageOrder order) {

  /** A hop whose messages' order among the call's is unknown. */
  public InviteHop(Endpoint src, Endpoint dst, Transport transport, String branch, @Nullable String upstreamBranch,
      long cseq, Instant sent, int retransmissions, @Nullable Instant firstProvisional, int firstProvisionalCode,
      @Nullable Instant finalAt, int finalCode, String finalReason, @Nullable String toTag, @Nullable Instant cancelledAt,
      boolean authorization) {
    this(src, dst, transport, branch, upstreamBranch, cseq, sent, retransmissions, firstProvisional,
        firstProvisionalCode, finalAt, finalCode, finalReason, toTag, cancelledAt, authorization, null,
        MessageOrder.UNKNOWN);
  }

  /** A hop without a digest username. */
  public InviteHop(Endpoint src, Endpoint dst, Transport transport, String branch, @Nullable String upstreamBranch,
      long cseq, Instant sent, int retransmissions, @Nullable Instant firstProvisional, int firstProvisionalCode,
      @Nullable Instant finalAt, int finalCode, String finalReason, @Nullable String toTag, @Nullable Instant cancelledAt,
      boolean authorization, MessageOrder order) {
    this(src, dst, transport, branch, upstreamBranch, cseq, sent, retransmissions, firstProvisional,
        firstProvisionalCode, finalAt, finalCode, finalReason, toTag, cancelledAt, authorization, null, order);
  }

  public InviteHop {
    requireNonNull(order, "order");
    requireNonNull(src, "src");
    requireNonNull(dst, "dst");
    requireNonNull(transport, "transport");
    requireNonNull(branch, "branch");
    requireNonNull(sent, "sent");
    requireNonNull(finalReason, "finalReason");
  }

  /** Returns whether the transaction got a 2xx. */
  public boolean answered() {
    return finalCode >= 200 && finalCode < 300;
  }

  /** Returns whether a final response arrived. */
  public boolean hasFinal() {
    return finalCode >= 200;
  }
}
