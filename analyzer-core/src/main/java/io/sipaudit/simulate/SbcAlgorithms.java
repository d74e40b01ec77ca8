package io.sipaudit.simulate;

import io.sipaudit.config.Destination;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Call-aware selections as SBCs and B2BUAs balance (named {@code sbc:NAME}), replayed over a dispatcher-style list
 * of backends. They count calls, not requests: a call holds its backend from its INVITE to its BYE, CANCEL or
 * failure. In-dialog requests are pinned to the dialog's backend (dialog-pinned selection), which is the replay's
 * default ({@code --in-dialog route}).
 *
 * <p>{@code sbc:least-calls}: the usable backend with the fewest calls in progress (below its {@code maxload}
 * attribute when it has one); ties go to the first in list order after the backend picked last, so equal loads
 * rotate. Example: three idle backends A, B, C and calls that never end: A, B, C, A, B, C.
 *
 * <p>Numbered from {@link #BASE} so that they share the replay's algorithm numbers with Kamailio's.
 */
public final class SbcAlgorithms {
  /** The first number of the SBC selections ({@code sbc:least-calls} is {@code BASE}). */
  public static final int BASE = 1000;
  private static final Map<String, Integer> IDS = Map.of("least-calls", BASE);
  private static final Map<Integer, String> NAMES = new TreeMap<>(Map.of(BASE, "least concurrent calls"));
  private static final Map<Integer, Supplier<DispatcherAlgorithm>> FACTORIES = Map.of(BASE, LeastCalls::new);

  private SbcAlgorithms() {
  }

  /** Returns the number of {@code sbc:NAME}, or null. Example: {@code least-calls} gives 1000. */
  public static @Nullable Integer id(String name) {
    return IDS.get(name);
  }

  /** Returns the names ({@code least-calls}) by number. */
  public static Map<Integer, String> supported() {
    Map<Integer, String> out = new TreeMap<>();
    IDS.forEach((k, v) -> out.put(v, k));
    return out;
  }

  /** Returns the description of a number, or null. */
  public static @Nullable String name(int id) {
    return NAMES.get(id);
  }

  /** Returns {@code sbc:least-calls} for its number. */
  public static String label(int id) {
    return "sbc:" + supported().get(id);
  }

  static @Nullable DispatcherAlgorithm create(int id) {
    Supplier<DispatcherAlgorithm> f = FACTORIES.get(id);
    return f == null ? null : f.get();
  }

  /** Fewest calls in progress, ties rotating from the backend after the last pick. */
  static final class LeastCalls implements DispatcherAlgorithm {
    private CallHolds calls = new CallHolds(0);
    private int last = -1;
    private @Nullable CallArrival pending;

    @Override
    public long index(CallArrival call, List<Destination> set) {
      return index(call, set, null);
    }

    @Override
    public long index(CallArrival call, List<Destination> set, DispatcherAlgorithm.@Nullable SetView view) {
      int n = set.size();
      if (calls.size() != n) {
        calls = new CallHolds(set);
      }
      calls.release(call.time());
      int m = view == null ? n : view.modulus();
      int best = -1;
      for (int k = 1; k <= m; k++) {
        int j = last < 0 ? k - 1 : (last + k) % m;
        boolean usable = view == null ? !set.get(j).skippedAtLoad() : !view.skipped(j);
        if (usable && !full(j) && (best < 0 || calls.load(j) < calls.load(best))) {
          best = j;
        }
      }
      pending = best < 0 ? null : call;
      return best;
    }

    @Override
    public void chosen(int index, int n) {
      CallArrival c = pending;
      last = index;
      if (c == null || calls.holds(c.callId())) {
        return;
      }
      calls.hold(c.callId(), index, c.end() != null && c.end().isAfter(c.time()) ? c.end() : Instant.MAX);
      pending = null;
    }

    @Override
    public boolean full(int index) {
      return calls.full(index);
    }
  }
}
