package io.sipaudit.report;

import io.sipaudit.attribution.Attempt;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.attribution.CallOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Chooses, while calls stream past, the few whose ladders the report draws: failovers, lost calls, calls whose
 * in-dialog requests left their backend, and a few normal calls. Keeps at most {@link #MAX} Call-IDs whatever the
 * number of calls.
 *
 * <p>Example: the failover lab sample gives its first 4 failed-over calls and 2 normal ones.
 */
public final class LadderPicker implements Consumer<AttributedCall> {
  /** Ladders per report. */
  public static final int MAX = 12;
  static final int FAILOVERS = 4;
  static final int LOST = 4;
  static final int PINNING = 2;
  static final int NORMAL = 2;

  private final Map<String, String> failovers = new LinkedHashMap<>();
  private final Map<String, String> lost = new LinkedHashMap<>();
  private final Map<String, String> pinning = new LinkedHashMap<>();
  private final Map<String, String> normal = new LinkedHashMap<>();

  @Override
  public void accept(AttributedCall c) {
    String id = c.call().callId();
    if (c.failedOver()) {
      put(failovers, FAILOVERS, id, "Failed over: first tried " + c.firstPick() + " (" + c.attempts().get(0)
          .outcome().id() + "), answered by " + c.backend() + (c.failoverMs() == null ? ""
          : " after " + c.failoverMs() + " ms") + ".");
    } else if (lostCall(c)) {
      put(lost, LOST, id, "Lost: " + c.outcome().label() + (c.finalStatus() > 0 ? " (" + c.finalStatus() + ")" : "")
          + (c.attempts().isEmpty() ? ", no backend tried." : ", tried " + tried(c) + "."));
    } else if (!c.pinningViolations().isEmpty()) {
      put(pinning, PINNING, id, "Dialog pinning: " + c.pinningViolations().get(0));
    } else if (c.outcome() == CallOutcome.ANSWERED && c.call().complete()) {
      put(normal, NORMAL, id, "A normal call answered by " + c.backend() + ".");
    }
  }

  private static boolean lostCall(AttributedCall c) {
    return switch (c.outcome()) {
      case TIMEOUT, FAILED_ALL, REJECTED_BY_BALANCER -> true;
      case REJECTED -> io.sipaudit.audit.CallLedger.failureStatus(c.finalStatus());
      default -> false;
    };
  }

  private static String tried(AttributedCall c) {
    StringBuilder b = new StringBuilder();
    for (Attempt a : c.attempts()) {
      b.append(b.length() == 0 ? "" : ", ").append(a.backend()).append(" (").append(a.outcome().id()).append(')');
    }
    return b.toString();
  }

  private static void put(Map<String, String> m, int cap, String id, String reason) {
    if (m.size() < cap) {
      m.putIfAbsent(id, reason);
    }
  }

  /** Returns the chosen Call-IDs with why, in report order: failovers, lost, pinning, normal. */
  public Map<String, String> chosen() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map<String, String> m : java.util.List.of(failovers, lost, pinning, normal)) {
      m.forEach((k, v) -> {
        if (out.size() < MAX) {
          out.putIfAbsent(k, v);
        }
      });
    }
    return out;
  }
}
