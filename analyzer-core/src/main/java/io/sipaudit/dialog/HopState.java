package io.sipaudit.dialog;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The mutable state of one INVITE transaction on one hop, while the call is being assembled. */
final class HopState {
  final Endpoint src;
  final Endpoint dst;
  final Transport transport;
  final String branch;
  final @Nullable String upstreamBranch;
  final long cseq;
  final Instant sent;
  final boolean authorization;
  final @Nullable String authUser;
  int retransmissions;
  @Nullable Instant firstProvisional;
  int firstProvisionalCode;
  @Nullable Instant finalAt;
  int finalCode;
  String finalReason = "";
  @Nullable String toTag;
  @Nullable Instant cancelledAt;
  boolean acked;
  long sentSeq;
  long retransmissionSeq;
  long finalSeq;
  long cancelSeq;

  HopState(Endpoint src, Endpoint dst, Transport transport, String branch, @Nullable String upstreamBranch,
      long cseq, Instant sent, boolean authorization, @Nullable String authUser) {
    this.src = src;
    this.dst = dst;
    this.transport = transport;
    this.branch = branch;
    this.upstreamBranch = upstreamBranch;
    this.cseq = cseq;
    this.sent = sent;
    this.authorization = authorization;
    this.authUser = authUser;
  }

  void response(int code, String reason, @Nullable String tag, Instant at, long seq) {
    if (code < 200) {
      if (code > 100 && firstProvisional == null && finalCode == 0) {   // a 180 overtaken by the 200 is late news
        firstProvisional = at;
        firstProvisionalCode = code;
      }
      return;
    }
    if (finalCode == 0) {
      finalSeq = seq;
      finalCode = code;
      finalReason = reason;
      finalAt = at;
      toTag = tag;
    }
  }

  InviteHop toRecord() {
    return new InviteHop(src, dst, transport, branch, upstreamBranch, cseq, sent, retransmissions, firstProvisional,
        firstProvisionalCode, finalAt, finalCode, finalReason, toTag, cancelledAt, authorization, authUser,
        new MessageOrder(sentSeq, retransmissionSeq, finalSeq, cancelSeq));
  }
}
