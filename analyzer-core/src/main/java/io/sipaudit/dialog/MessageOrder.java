package io.sipaudit.dialog;

/**
 * Where an INVITE hop's messages came among all the messages of its call (1, 2, ...; 0 for none), so that "sent
 * before that one's answer" can be told when timestamps cannot (a trace without times, or with whole seconds).
 *
 * <p>Example: {@code sent 4, firstRetransmission 9, finalResponse 0, cancel 0}: the INVITE was the call's fourth
 * message and went out again as the ninth, unanswered.
 *
 * @param sent the INVITE
 * @param firstRetransmission its first retransmission, or 0
 * @param finalResponse its first final response, or 0
 * @param cancel the CANCEL for it, or 0
 */
public record MessageOrder(long sent, long firstRetransmission, long finalResponse, long cancel) {
  /** Unknown: hops built without the call's message sequence. */
  public static final MessageOrder UNKNOWN = new MessageOrder(0, 0, 0, 0);

  /** Returns whether the order is known. */
  public boolean known() {
    return sent > 0;
  }
}
