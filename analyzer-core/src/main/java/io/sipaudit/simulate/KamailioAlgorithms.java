package io.sipaudit.simulate;

import io.sipaudit.config.Destination;
import io.sipaudit.sip.header.SipUri;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The registry of Kamailio 5.6 dispatcher algorithms the simulator reproduces, by number.
 *
 * <p>0 hash Call-ID, 1 hash From URI, 2 hash To URI, 3 hash R-URI (each user + host[:port], the port only when
 * it is not the scheme's default; user only with dispatcher {@code flags} bit 1), 4 round-robin, 5 hash of the
 * digest username (round-robin without credentials), 6 random (glibc {@code rand()} from a seed), 7 hash of
 * {@code hash_pvar}, 8 first available by priority, 9 weight and 11 relative weight (the 100-slot table, its order
 * learnt from the first observed picks or shuffled from a seed), 10 call load, 12 parallel, 13 latency-optimised
 * round-robin by priority. Adding one: a class (or lambda) here and one {@link #REGISTRY} line.
 */
public final class KamailioAlgorithms {

  /**
   * What an algorithm instance needs besides the set.
   *
   * @param flags the dispatcher module's {@code flags} parameter
   * @param hashPvar the {@code hash_pvar} parameter (algorithm 7), or null when the configuration sets none
   * @param seed the {@code srand()} seed for algorithm 6 and the weight tables' shuffle, or null: algorithm 6 then
   *     uses glibc's unseeded sequence (seed 1) and the weight tables learn their order from the observed picks
   */
  public record Options(int flags, @Nullable String hashPvar, @Nullable Long seed) {
    /** Only {@code flags} set: no {@code hash_pvar}, no seed. */
    public static Options flags(int flags) {
      return new Options(flags, null, null);
    }
  }

  /** Factories by algorithm number. */
  private static final Map<Integer, Spec> REGISTRY = new TreeMap<>(Map.ofEntries(
      Map.entry(0, new Spec("hash Call-ID", o -> (c, set) -> KamailioHash.hashStripped(c.callId()))),
      Map.entry(1, new Spec("hash From URI", o -> uriHash(o, CallArrival::from))),
      Map.entry(2, new Spec("hash To URI", o -> uriHash(o, CallArrival::to))),
      Map.entry(3, new Spec("hash Request-URI", o -> uriHash(o, CallArrival::requestUri))),
      Map.entry(4, new Spec("round-robin", o -> new RoundRobin())),
      Map.entry(5, new Spec("hash auth username (round-robin without credentials)", o -> new AuthUserHash())),
      Map.entry(6, new Spec("random", o -> new SeededRandom(o.seed() == null ? 1 : o.seed()))),
      Map.entry(7, new Spec("hash of hash_pvar", o -> new PvarHash(o.hashPvar()))),
      Map.entry(8, new Spec("first available (priority order)", o -> (c, set) -> 0)),
      Map.entry(9, new Spec("weight", o -> new WeightCycle(9, o.seed()))),
      Map.entry(10, new Spec("call load (least active calls)", o -> new CallLoad())),
      Map.entry(11, new Spec("relative weight", o -> new WeightCycle(11, o.seed()))),
      Map.entry(12, new Spec("parallel forking", o -> new Parallel())),
      Map.entry(13, new Spec("latency-optimised round-robin by priority", o -> new LatencyPriority()))));

  /** A registered algorithm: its name and how to make a fresh instance. */
  public record Spec(String name, java.util.function.Function<Options, DispatcherAlgorithm> factory) {}

  private KamailioAlgorithms() {
  }

  /** Returns how {@code simulate} names algorithm {@code alg}: {@code kamailio:4}, or {@code sbc:least-calls}. */
  public static String label(int alg) {
    return alg >= SbcAlgorithms.BASE ? SbcAlgorithms.label(alg) : "kamailio:" + alg;
  }

  /** Returns the algorithms that can be replayed, by number. */
  public static Map<Integer, String> supported() {
    Map<Integer, String> out = new TreeMap<>();
    REGISTRY.forEach((k, v) -> out.put(k, v.name()));
    return out;
  }

  /** Returns a fresh instance of algorithm {@code alg} with only the dispatcher {@code flags} given. */
  public static DispatcherAlgorithm create(int alg, int flags) {
    return create(alg, Options.flags(flags));
  }

  /**
   * Returns a fresh instance of algorithm {@code alg}.
   *
   * @throws IllegalArgumentException for a number Kamailio 5.6 does not have, or a {@code hash_pvar} a capture
   *     cannot supply
   */
  public static DispatcherAlgorithm create(int alg, Options options) {
    DispatcherAlgorithm sbc = SbcAlgorithms.create(alg);
    if (sbc != null) {
      return sbc;
    }
    Spec s = REGISTRY.get(alg);
    if (s == null) {
      throw new IllegalArgumentException("Kamailio 5.6 has no algorithm " + alg
          + " (it would use index 0 and the skip walk); supported: " + supported());
    }
    return s.factory().apply(options);
  }

  /** Whether the algorithm has a random element, so that single calls are not predictable from a real server. */
  public static boolean random(int alg) {
    return alg == 6 || alg == 9 || alg == 11;
  }

  /**
   * Returns what algorithm {@code alg} hashes for {@code call}, written as a URI (or the Call-ID), or null when
   * {@code alg} hashes nothing a capture shows. Example: alg 1, flags 0, From {@code <sip:alice@atlanta.com:5060>}
   * gives {@code sip:alice@atlanta.com} (Kamailio leaves out a default port); with flags bit 1, {@code alice}.
   */
  public static @Nullable String hashedKey(int alg, int flags, CallArrival call) {
    return switch (alg) {
      case 0 -> call.callId().strip();
      case 1 -> uriKey(call.from(), flags);
      case 2 -> uriKey(call.to(), flags);
      case 3 -> uriKey(call.requestUri(), flags);
      case 5 -> call.authUser() == null ? null : HashPvar.userPart(call.authUser());
      default -> null;
    };
  }

  /** Returns what {@link #hashedKey} hashes, for people: {@code "the From URI (user and host)"}, or null. */
  public static @Nullable String hashedKeyName(int alg, int flags) {
    String part = (flags & 1) != 0 ? " (user part only: dispatcher flags bit 1)" : " (user and host)";
    return switch (alg) {
      case 0 -> "the Call-ID";
      case 1 -> "the From URI" + part;
      case 2 -> "the To URI" + part;
      case 3 -> "the Request-URI" + part;
      case 5 -> "the digest username (user part)";
      default -> null;
    };
  }

  private static String uriKey(String uriText, int flags) {
    SipUri u = SipUri.parse(uriText.strip());
    if (u.scheme().equals("tel") || (flags & 1) != 0) {
      return u.scheme().equals("tel") ? "tel:" + u.user() : u.user();
    }
    int defaultPort = u.scheme().equals("sips") ? 5061 : 5060;
    String hostPort = u.port() > 0 && u.port() != defaultPort ? u.host() + ":" + u.port() : u.host();
    return u.scheme() + ":" + (u.user().isEmpty() ? "" : u.user() + "@") + hostPort;
  }

  /** Kamailio's URI keys: user and host[:port], the port only when present and not the scheme's default. */
  private static DispatcherAlgorithm uriHash(Options o, java.util.function.Function<CallArrival, String> uri) {
    int[] scratch = UriHash.scratch();
    return (c, set) -> uriHash(uri.apply(c), o.flags(), scratch);
  }

  static long uriHash(String uriText, int flags) {
    return uriHash(uriText, flags, UriHash.scratch());
  }

  static long uriHash(String uriText, int flags, int[] scratch) {
    long fast = UriHash.kamailio(uriText, flags, scratch);
    if (fast >= 0) {
      return fast;
    }
    String text = uriText.strip();
    SipUri u = SipUri.parse(text);
    if (u.scheme().equals("tel")) {
      return KamailioHash.hash(u.user(), null);
    }
    String user = u.user().isEmpty() ? null : u.user();
    if ((flags & 1) != 0) {
      return KamailioHash.hash(user, null);
    }
    int defaultPort = u.scheme().equals("sips") ? 5061 : 5060;
    String hostPort = u.port() > 0 && u.port() != defaultPort ? u.host() + ":" + u.port() : u.host();
    return KamailioHash.hash(user, hostPort);
  }

  /** Alg 4: a per-set counter that starts at 0 and resumes after the destination actually used. */
  static final class RoundRobin implements DispatcherAlgorithm {
    private long last;

    @Override
    public long index(CallArrival call, List<Destination> set) {
      long h = last;
      last = (last + 1) % set.size();
      return h;
    }

    @Override
    public void chosen(int index, int n) {
      last = (index + 1) % n;
    }

    /** Starts the rotation at {@code index} (a capture that begins mid-rotation). */
    void seed(int index) {
      last = index;
    }
  }


  /**
   * Alg 5: the digest username's user part (Proxy-Authorization first, then Authorization; {@code alice} of
   * {@code alice@example.com}); without credentials the round-robin of alg 4, sharing its counter.
   */
  static final class AuthUserHash implements DispatcherAlgorithm {
    private final RoundRobin rr = new RoundRobin();
    private boolean usedCounter;

    @Override
    public long index(CallArrival call, List<Destination> set) {
      usedCounter = call.authUser() == null;
      if (usedCounter) {
        return rr.index(call, set);
      }
      String user = call.authUser();
      int at = user.indexOf('@');
      long h = KamailioHash.hashAscii(user, 0, at < 0 ? user.length() : at);
      return h >= 0 ? h : KamailioHash.hash(HashPvar.userPart(user), null);
    }

    @Override
    public void chosen(int index, int n) {
      if (usedCounter) {
        rr.chosen(index, n);
      }
    }
  }

  /** Alg 6: {@code rand()}, here glibc's from a seed; every residue modulo m equally likely. */
  static final class SeededRandom implements DispatcherAlgorithm {
    private final GlibcRandom random;

    SeededRandom(long seed) {
      random = new GlibcRandom(seed);
    }

    @Override
    public long index(CallArrival call, List<Destination> set) {
      return random.next();
    }

    private double[] shares = new double[0];

    @Override
    public double[] shares(int m) {
      if (shares.length != m) {
        shares = new double[m];
        java.util.Arrays.fill(shares, 1.0 / m);
      }
      return shares;
    }
  }

  /** Alg 7: {@code ds_get_hash} of the trimmed {@code hash_pvar} expansion; an empty one makes the select fail. */
  static final class PvarHash implements DispatcherAlgorithm {
    private final @Nullable HashPvar pvar;
    private final StringBuilder key = new StringBuilder();
    private final int[] scratch = UriHash.scratch();

    PvarHash(@Nullable String text) {
      pvar = text == null ? null : HashPvar.parse(text);
    }

    @Override
    public long index(CallArrival call, List<Destination> set) {
      return pvar == null ? -1 : pvar.hash(call, key, scratch);
    }
  }

  /**
   * Alg 9 and 11: the 100-slot table read with a cursor ({@code h = wlist[wlast]; wlast = (wlast + 1) % 100}). The
   * table is shuffled from a seed as Kamailio shuffles it, or, without a seed, learnt: the first 100 calls take
   * the observed picks as the table's slots, and from then on the table repeats. Alg 11 rebuilds it whenever a
   * destination with {@code rweight} becomes usable or unusable; the cursor runs on (and a learnt table is learnt
   * again).
   */
  static final class WeightCycle implements DispatcherAlgorithm {
    private final int alg;
    private final @Nullable GlibcRandom random;
    private int @Nullable [] table;
    private int[] slots = new int[0];
    private int cursor;
    private boolean learning;
    private long usableMask;
    /** Each index's {@code rweight} (0 without one), for the first 63 indexes. */
    private int[] rweights = new int[0];

    WeightCycle(int alg, @Nullable Long seed) {
      this.alg = alg;
      this.random = seed == null ? null : new GlibcRandom(seed);
    }

    @Override
    public long index(CallArrival call, List<Destination> set) {
      return index(call, set, null);
    }

    @Override
    public long index(CallArrival call, List<Destination> set, DispatcherAlgorithm.@Nullable SetView view) {
      if (table == null) {
        slots = WeightTable.slots(set, alg);
        build(set);
        rweights = new int[Math.min(set.size(), 63)];
        for (int j = 0; j < rweights.length; j++) {
          rweights[j] = set.get(j).percentAttr("rweight");
          if (!set.get(j).skippedAtLoad() && rweights[j] > 0) {
            usableMask |= 1L << j;
          }
        }
      }
      if (alg == 11 && view != null && set.size() >= 2) {
        long now = 0;
        for (int j = 0; j < rweights.length; j++) {
          if (rweights[j] > 0 && !view.skipped(j)) {
            now |= 1L << j;
          }
        }
        if (now != usableMask) {
          usableMask = now;
          int[] fresh = WeightTable.relativeSlots(set, view::skipped);
          if (java.util.Arrays.stream(fresh).sum() == 100 && !allOnFirst(set, view)) {
            slots = fresh;
            build(set);
          }
        }
      }
      int c = cursor;
      cursor = (cursor + 1) % 100;
      learning = table[c] < 0;
      if (learning) {
        int observed = indexOf(set, call.observedFirstPick());
        table[c] = observed;
        return Math.max(observed, 0);
      }
      return table[c];
    }

    /** With every rweight destination unusable Kamailio leaves the table as it is. */
    private static boolean allOnFirst(List<Destination> set, DispatcherAlgorithm.SetView view) {
      for (int j = 0; j < set.size(); j++) {
        if (!view.skipped(j) && set.get(j).percentAttr("rweight") > 0) {
          return false;
        }
      }
      return true;
    }

    private void build(List<Destination> set) {
      if (random == null) {
        table = new int[100];
        java.util.Arrays.fill(table, -1);
        return;
      }
      table = WeightTable.expand(slots);
      boolean weighted = alg != 9 || set.get(0).percentAttr("weight") > 0;
      if (weighted) {
        random.shuffle100(table);
      }
    }

    private static int indexOf(List<Destination> set, @Nullable String hostPort) {
      if (hostPort != null) {
        for (int j = 0; j < set.size(); j++) {
          if (set.get(j).hostPort().equals(hostPort)) {
            return j;
          }
        }
      }
      return -1;
    }

    @Override
    public boolean learning() {
      return learning;
    }

    /** The shares worked out for {@code sharesOf} (the slots they came from), reused until the slots change. */
    private double[] shares = new double[0];
    private int[] sharesOf;

    @Override
    public double[] shares(int m) {
      if (slots.length == 0) {
        return null;
      }
      if (sharesOf != slots || shares.length != m) {
        double[] s = new double[m];
        for (int j = 0; j < slots.length; j++) {
          s[j % m] += slots[j] / 100.0;
        }
        shares = s;
        sharesOf = slots;
      }
      return shares;
    }
  }

  /**
   * Alg 10: the least loaded usable destination below its {@code maxload} (ties to the lowest index); a call
   * holds its load from its INVITE until its BYE or CANCEL, or the failure of its INVITE, or 7200 s
   * ({@code ds_hash_expire}) when the capture shows no end. A Call-ID already holding a load adds none (an INVITE
   * resent after a 407); a destination without {@code duid} is never counted.
   */
  static final class CallLoad implements DispatcherAlgorithm {
    private static final java.time.Duration EXPIRE = java.time.Duration.ofSeconds(7200);
    private CallHolds calls = new CallHolds(0);
    private boolean[] counted = new boolean[0];
    private @Nullable CallArrival pending;
    private int pendingIndex = -1;

    @Override
    public long index(CallArrival call, List<Destination> set) {
      return index(call, set, null);
    }

    @Override
    public long index(CallArrival call, List<Destination> set, DispatcherAlgorithm.@Nullable SetView view) {
      int n = set.size();
      if (calls.size() != n) {
        calls = new CallHolds(set);
        counted = new boolean[n];
        for (int j = 0; j < n; j++) {
          counted[j] = set.get(j).attr("duid") != null;
        }
      }
      calls.release(call.time());
      int best = -1;
      for (int j = 0; j < n; j++) {
        boolean usable = view == null ? !set.get(j).skippedAtLoad() : !view.skipped(j);
        if (usable && !full(j) && (best < 0 || calls.load(j) < calls.load(best))) {
          best = j;
        }
      }
      pending = best < 0 ? null : call;
      pendingIndex = best;
      return best;
    }

    @Override
    public void chosen(int index, int n) {
      CallArrival c = pending;
      if (c == null || !counted[pendingIndex] || calls.holds(c.callId())) {
        return;
      }
      // counted on the least-loaded pick, as ds_load_add does
      calls.hold(c.callId(), pendingIndex, c.end() != null && c.end().isAfter(c.time()) ? c.end()
          : c.time().plus(EXPIRE));
      pending = null;
    }

    @Override
    public boolean full(int index) {
      return calls.full(index);
    }
  }

  /** Alg 12: the first usable destination, and every later one as a parallel branch (inactive ones too). */
  static final class Parallel implements DispatcherAlgorithm {
    @Override
    public long index(CallArrival call, List<Destination> set) {
      return 0;
    }

    @Override
    public boolean parallel() {
      return true;
    }
  }

  /**
   * Alg 13: starting at the set's counter, every usable destination gets its priority less a latency handicap
   * ({@code estimate / priority} when the estimate exceeds the priority, floored at 1); a stable sort by that,
   * highest first, gives the pick and the failover order; the counter resumes after the pick. Without latency
   * statistics this is round-robin over the highest priority. Congestion control ({@code cc=1}) is not modelled.
   */
  static final class LatencyPriority implements DispatcherAlgorithm {
    private int last;
    private int[] idx = new int[0];
    private int[] prio = new int[0];

    @Override
    public long index(CallArrival call, List<Destination> set) {
      throw new UnsupportedOperationException("alg 13 orders the set itself");
    }

    @Override
    public int[] order(CallArrival call, List<Destination> set, DispatcherAlgorithm.SetView view) {
      int n = set.size();
      int wrap = view.modulus();
      if (idx.length != n) {
        idx = new int[n];
        prio = new int[n];
      }
      int[] idx = this.idx;   // reused: the replay reads the order before the next call
      int[] prio = this.prio;
      int z = last % Math.max(1, wrap);
      for (int y = 0; y < n; y++) {
        if (!view.skipped(z)) {
          int p = set.get(z).priority();
          int lat = (int) view.latencyEstimate(z);
          int handicap = lat > p && p > 0 ? lat / p : 0;
          int rp = p - handicap;
          if (rp < 1 && p > 0) {
            rp = 1;
          }
          idx[y] = z;
          prio[y] = rp;
        } else {
          idx[y] = -1;
          prio[y] = -1;
        }
        z = (z + 1) % wrap;
      }
      for (int i = 0; i < n; i++) {   // Kamailio's bubble sort, swapping on strictly lower priority only
        for (int j = 0; j < n - 1 - i; j++) {
          if (prio[j] < prio[j + 1]) {
            int t = prio[j];
            prio[j] = prio[j + 1];
            prio[j + 1] = t;
            t = idx[j];
            idx[j] = idx[j + 1];
            idx[j + 1] = t;
          }
        }
      }
      return idx;
    }

    @Override
    public void chosen(int index, int n) {
      last = (index + 1) % n;
    }
  }

  static boolean hasLoad(DispatcherAlgorithm a) {
    return a instanceof CallLoad || a instanceof SbcAlgorithms.LeastCalls;
  }

  /** Whether the algorithm runs the set's counter, whose phase a capture that starts mid-rotation must find. */
  static boolean isRoundRobin(DispatcherAlgorithm a) {
    return a instanceof RoundRobin || a instanceof LatencyPriority;
  }

  static void seed(DispatcherAlgorithm a, int index) {
    if (a instanceof RoundRobin rr) {
      rr.seed(index);
    } else if (a instanceof LatencyPriority l) {
      l.last = index;
    }
  }

  /** Returns the name of a registered algorithm, or null. */
  public static @Nullable String name(int alg) {
    if (alg >= SbcAlgorithms.BASE) {
      return SbcAlgorithms.name(alg);
    }
    Spec s = REGISTRY.get(alg);
    return s == null ? null : s.name();
  }
}
