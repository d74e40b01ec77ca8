package io.sipaudit.truth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Folds balancer events into one {@link CallTruth} per call and its {@link Attempt}s.
 *
 * <p>Attempts are the balancer's own choices ({@code select}, the {@code branch}es algorithm 12 forks to in
 * parallel with it, then each {@code next}) when it logged them,
 * otherwise the distinct addresses the INVITE was sent to ({@code send}; DNS SRV relaying, where the core
 * picks the address). A {@code send} followed within {@link #REFUSED_SEND} by the next one, with no reply between,
 * is left out: Kamailio's {@code onsend_route} runs before the core refuses an address on its dst blocklist, and
 * DNS failover then sends to the next address at once, so nothing reached the first one (lab sample
 * {@code srv-blocklist-lb0}: 22 µs apart, no packet on the wire). Calls come out in the order their first event
 * was logged. Example: the events
 * {@code select dst=sip:127.0.1.11}, {@code fail code=408}, {@code next dst=sip:127.0.1.12},
 * {@code reply code=200 src=127.0.1.12:5060} give {@code 127.0.1.11:5060,127.0.1.12:5060,answered}.
 */
public final class GroundTruthBuilder implements Consumer<TruthEvent> {
  /** A send this close before the next one of the same call was refused locally (a real retry waits fr_timer). */
  static final java.time.Duration REFUSED_SEND = java.time.Duration.ofMillis(10);
  private final Map<String, CallEvents> calls = new LinkedHashMap<>();

  @Override
  public void accept(TruthEvent event) {
    calls.computeIfAbsent(event.callId(), k -> new CallEvents()).add(event);
  }

  /** Returns one row per call, in order of first appearance. */
  public List<CallTruth> calls() {
    List<CallTruth> out = new ArrayList<>(calls.size());
    calls.forEach((callId, events) -> out.add(events.truth(callId)));
    return out;
  }

  /** Returns every attempt of every call, calls in order of first appearance. */
  public List<Attempt> attempts() {
    List<Attempt> out = new ArrayList<>();
    calls.forEach((callId, events) -> out.addAll(events.attempts(callId)));
    return out;
  }

  private static final class CallEvents {
    private final List<TruthEvent> decisions = new ArrayList<>();
    private final List<TruthEvent> sends = new ArrayList<>();
    private final List<TruthEvent> replies = new ArrayList<>();
    private final List<TruthEvent> failures = new ArrayList<>();
    private final List<TruthEvent> branches = new ArrayList<>();
    private boolean noDestination;

    void add(TruthEvent e) {
      switch (e.kind()) {
        case SELECT, NEXT -> decisions.add(e);
        case BRANCH -> {
          decisions.add(e);
          branches.add(e);
        }
        case SEND -> sends.add(e);
        case REPLY -> replies.add(e);
        case FAIL -> failures.add(e);
        case NODST -> noDestination = true;
        case SRV, EXHAUSTED -> {
          // context only: the attempts and the outcome come from the other events
        }
      }
    }

    List<Attempt> attempts(String callId) {
      List<String> dsts = new ArrayList<>();
      List<Instant> times = new ArrayList<>();
      List<TruthEvent> tried = decisions.isEmpty() ? sent() : decisions;
      for (TruthEvent e : tried) {
        String dst = Destinations.hostPort(required(e, "dst"));
        if (!decisions.isEmpty() || dsts.isEmpty() || !dsts.get(dsts.size() - 1).equals(dst)) {
          dsts.add(dst);
          times.add(e.time());
        }
      }
      String[] codes = new String[dsts.size()];
      for (TruthEvent r : replies) {
        int i = latestAt(dsts, times, r.time(), Destinations.hostPort(required(r, "src")));
        if (i >= 0 && codes[i] == null) {
          codes[i] = required(r, "code");
        }
      }
      for (TruthEvent f : failures) {
        String dst = f.field("dst");
        int i = dst == null ? -1 : latestAt(dsts, times, f.time(), hostPortOrNull(dst));
        if (i < 0) {
          i = latestAt(dsts, times, f.time(), null);
        }
        if (i >= 0 && codes[i] == null) {
          codes[i] = required(f, "code");
        }
      }
      List<Attempt> out = new ArrayList<>(dsts.size());
      for (int i = 0; i < dsts.size(); i++) {
        out.add(new Attempt(callId, i + 1, times.get(i), dsts.get(i), codes[i] == null ? "" : codes[i]));
      }
      return out;
    }

    /** The sends that left the balancer: those refused by the dst blocklist ({@link #REFUSED_SEND}) left out. */
    private List<TruthEvent> sent() {
      List<TruthEvent> out = new ArrayList<>();
      for (int i = 0; i < sends.size(); i++) {
        TruthEvent e = sends.get(i);
        if (i + 1 < sends.size()) {
          Instant next = sends.get(i + 1).time();
          boolean replied = replies.stream().anyMatch(r -> !r.time().isBefore(e.time()) && r.time().isBefore(next));
          if (!replied && java.time.Duration.between(e.time(), next).compareTo(REFUSED_SEND) < 0) {
            continue;
          }
        }
        out.add(e);
      }
      return out;
    }

    CallTruth truth(String callId) {
      List<Attempt> attempts = attempts(callId);
      String first = attempts.isEmpty() ? "" : attempts.get(0).destination();
      String last = attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1).destination();
      TruthEvent answer = replies.stream().filter(r -> required(r, "code").startsWith("2")).findFirst().orElse(null);
      Outcome outcome;
      if (answer != null) {
        outcome = Outcome.ANSWERED;
        last = Destinations.hostPort(required(answer, "src"));
      } else if (noDestination) {
        outcome = Outcome.NO_DESTINATION;
      } else if (!failures.isEmpty()) {
        outcome = "408".equals(required(failures.get(failures.size() - 1), "code")) ? Outcome.TIMEOUT : Outcome.REJECTED;
      } else if (!replies.isEmpty()) {
        outcome = Outcome.REJECTED;
      } else {
        outcome = Outcome.UNKNOWN;
      }
      List<String> parallel = new ArrayList<>();
      if (!branches.isEmpty()) {
        parallel.add(first);
        branches.forEach(b -> parallel.add(Destinations.hostPort(required(b, "dst"))));
      }
      return new CallTruth(callId, first, last, outcome, parallel);
    }

    /** Index of the latest attempt at or before {@code time} (to {@code dst}, unless it is null), or -1. */
    private static int latestAt(List<String> dsts, List<Instant> times, Instant time, @Nullable String dst) {
      for (int i = dsts.size() - 1; i >= 0; i--) {
        if (!times.get(i).isAfter(time) && (dst == null || dsts.get(i).equals(dst))) {
          return i;
        }
      }
      return -1;
    }

    private static @Nullable String hostPortOrNull(String dst) {
      try {
        return Destinations.hostPort(dst);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private static String required(TruthEvent e, String field) {
      String v = e.field(field);
      if (v == null || v.isEmpty()) {
        throw new TruthLogException(e.line(), "event " + e.kind().name().toLowerCase(java.util.Locale.ROOT)
            + " has no field '" + field + "'");
      }
      return v;
    }
  }
}
