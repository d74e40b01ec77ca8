package io.sipaudit.dialog;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.sip.SipMethod;
import io.sipaudit.sip.SipRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Assembles calls from the ingest stream and hands each finished call on as a {@link CallRecord}.
 *
 * <p>A call starts with an initial INVITE (no To tag) and collects every later message with its Call-ID.
 * It is finished {@link #LINGER} after it ended (BYE answered, or the INVITE failed on every hop), so late
 * retransmissions still land in it ({@link #LINGER_AFTER_CHALLENGE} after a 401/407, so that the INVITE sent
 * again with credentials, same Call-ID and From tag, stays in the same call); a call that goes quiet is flushed as incomplete after
 * {@link #UNANSWERED_IDLE} (never answered) or {@link #ANSWERED_IDLE} (answered, no BYE seen). A new initial
 * INVITE with the same Call-ID but another From tag, after the old call ended, starts a new call. Messages of
 * calls whose INVITE is not in the capture are counted as orphans. Memory follows the calls in progress.
 */
public final class CallAssembler implements Consumer<IngestEvent> {
  static final Duration LINGER = Duration.ofSeconds(5);
  static final Duration LINGER_AFTER_CHALLENGE = Duration.ofSeconds(60);
  static final Duration UNANSWERED_IDLE = Duration.ofMinutes(3);
  static final Duration ANSWERED_IDLE = Duration.ofHours(4);
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

  private final Consumer<CallRecord> out;
  private final Map<String, CallState> calls = new LinkedHashMap<>(1024, 0.75f, true);
  private final Map<SipMethod, Long> orphans = new HashMap<>();
  private Instant lastSweep = Instant.MIN;
  private long emitted;

  private final List<String> correlationHeaders;
  private Consumer<CallRecord> started = r -> { };

  public CallAssembler(Consumer<CallRecord> out) {
    this(out, List.of());
  }

  /**
   * Also records the values of {@code correlationHeaders} (for example {@code X-Leg-Id}) of each call's INVITEs
   * as B2BUA correlation keys, besides X-CID, X-Call-ID, Session-ID and P-Charging-Vector.
   */
  public CallAssembler(Consumer<CallRecord> out, List<String> correlationHeaders) {
    this.out = Objects.requireNonNull(out, "out");
    this.correlationHeaders = List.copyOf(correlationHeaders);
  }

  /**
   * Also hands each call on when its initial INVITE is first seen (a snapshot: that INVITE's hop and correlation
   * keys, not complete), so that {@link LegCorrelator} knows which legs are still going.
   */
  public CallAssembler onStarted(Consumer<CallRecord> listener) {
    this.started = Objects.requireNonNull(listener, "listener");
    return this;
  }

  @Override
  public void accept(IngestEvent e) {
    if (!(e instanceof SipPacket p)) {
      return;
    }
    Instant now = p.ref().timestamp();
    if (Duration.between(lastSweep, now).compareTo(SWEEP_EVERY) >= 0 || now.isBefore(lastSweep)) {
      sweep(now);
      lastSweep = now;
    }
    String callId = p.message().callId();
    if (callId == null) {
      return;
    }
    CallState call = calls.get(callId);
    boolean initialInvite = p.message() instanceof SipRequest r && r.method().equals(SipMethod.INVITE)
        && r.toTag() == null;
    if (initialInvite && call != null && call.ended()
        && !Objects.equals(call.fromTag, p.message().fromTag())) {
      finish(callId, call, true);   // Call-ID reused for a new call
      call = null;
    }
    if (call == null) {
      if (!initialInvite) {
        if (p.message() instanceof SipRequest r && belongsToACall(r)) {
          orphans.merge(r.method(), 1L, Long::sum);
        }
        return;
      }
      call = new CallState(p, (SipRequest) p.message(), correlationHeaders);
      calls.put(callId, call);
      call.add(p);
      started.accept(call.toRecord(false));
      return;
    }
    call.add(p);
  }

  /** In-dialog requests and the INVITE companions; OPTIONS, REGISTER, SUBSCRIBE and the like are not calls. */
  private static boolean belongsToACall(SipRequest r) {
    return r.toTag() != null || r.method().equals(SipMethod.ACK) || r.method().equals(SipMethod.CANCEL)
        || r.method().equals(SipMethod.BYE);
  }

  /** Flushes every call still in progress (the end of the input); they are marked incomplete unless ended. */
  public void finish() {
    for (Map.Entry<String, CallState> e : new ArrayList<>(calls.entrySet())) {
      finish(e.getKey(), e.getValue(), e.getValue().ended());
    }
  }

  /** Returns in-dialog requests (and CANCEL, ACK, BYE) of calls whose initial INVITE is not in the input. */
  public Map<SipMethod, Long> orphans() {
    return Map.copyOf(orphans);
  }

  /** Returns how many calls were handed on. */
  public long emitted() {
    return emitted;
  }

  /** Returns how many calls are in progress now. */
  public int inProgress() {
    return calls.size();
  }

  private void sweep(Instant now) {
    List<String> done = new ArrayList<>();
    Iterator<Map.Entry<String, CallState>> it = calls.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, CallState> e = it.next();
      CallState c = e.getValue();
      Duration quiet = Duration.between(c.lastActivity, now);
      if (quiet.compareTo(LINGER) < 0) {
        break;   // access order: every later call was active more recently
      }
      if ((c.ended() && quiet.compareTo(c.linger()) >= 0)
          || quiet.compareTo(c.answered() ? ANSWERED_IDLE : UNANSWERED_IDLE) >= 0) {
        done.add(e.getKey());
      }
    }
    for (String id : done) {
      CallState c = calls.get(id);
      finish(id, c, c.ended());
    }
  }

  private void finish(String callId, CallState call, boolean complete) {
    calls.remove(callId);
    emitted++;
    out.accept(call.toRecord(complete));
  }
}
