/**
 * Calls, not packets: groups the SIP messages of each call across every hop it crosses and follows its
 * transactions and dialog.
 *
 * <p>{@link io.sipaudit.dialog.CallAssembler} consumes the ingest stream and emits one immutable
 * {@link io.sipaudit.dialog.CallRecord} per call as soon as the call is over (memory follows concurrent
 * calls). A record lists the call's INVITE transactions hop by hop ({@link io.sipaudit.dialog.InviteHop}:
 * who sent it to whom, provisional and final responses, CANCEL, retransmissions, and which upstream hop it
 * was forwarded from) and its in-dialog requests ({@link io.sipaudit.dialog.InDialogRequest}). Deciding
 * which node is the balancer and which hops are its attempts is the next stage's job.
 */
@NullMarked
package io.sipaudit.dialog;

import org.jspecify.annotations.NullMarked;
