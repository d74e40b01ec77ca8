package io.sipaudit.simulate.opensips;

import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.KamailioHash;
import io.sipaudit.sip.header.SipUri;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The registry of OpenSIPS 3.x dispatcher algorithms, in OpenSIPS's numbering ({@code ds_select_dst()},
 * {@code modules/dispatcher/dispatch.c}, 3.5.9). The hash is {@code ds_get_hash}, the same function as Kamailio's
 * ({@link KamailioHash}); what differs is what becomes of it ({@link OpenSipsReplay}).
 *
 * <p>0 hash Call-ID, 1 hash From URI, 2 hash To URI, 3 hash R-URI (each user + host[:port]; user only with flag
 * {@code u}), 4 weighted round-robin, 5 hash of the digest username (no credentials: the previous destination
 * again), 6 random ({@code rand()}, here a seeded generator), 8 first entry, 9 lowest {@code pvar_algo_pattern}
 * value and 10 lowest {@code algo_route} score (both taken to be the destination's calls in progress). 7 hashes
 * the expansion of the {@code hash_pvar} format ({@link io.sipaudit.simulate.HashPvar}). Adding one: a class or
 * lambda here and one {@link #REGISTRY} line.
 */
public final class OpenSipsAlgorithms {

  /**
   * What the algorithms need besides the call.
   *
   * @param flags the {@code ds_select_dst} flags ({@code u} changes the URI hashes)
   * @param seed the seed of alg 6's generator (OpenSIPS's own {@code rand()} sequence cannot be known)
   * @param hashPvar the {@code hash_pvar} format algorithm 7 hashes, or null (then alg 7 selects nothing)
   */
  public record Settings(DsFlags flags, long seed, @Nullable String hashPvar) {
    public static final Settings DEFAULTS = new Settings(DsFlags.NONE, 0);

    public Settings(DsFlags flags, long seed) {
      this(flags, seed, null);
    }
  }

  /** A registered algorithm: its name and how to make a fresh instance. */
  public record Spec(String name, Function<Settings, OpenSipsAlgorithm> factory) {}

  private static final Map<Integer, Spec> REGISTRY = new TreeMap<>(Map.ofEntries(
      Map.entry(0, new Spec("hash Call-ID (weighted)", s -> (c, set) -> new Candidate.Hashed(callIdHash(c)))),
      Map.entry(1, new Spec("hash From URI (weighted)", s -> uriHash(s, CallArrival::from))),
      Map.entry(2, new Spec("hash To URI (weighted)", s -> uriHash(s, CallArrival::to))),
      Map.entry(3, new Spec("hash Request-URI (weighted)", s -> uriHash(s, CallArrival::requestUri))),
      Map.entry(4, new Spec("weighted round-robin", s -> new WeightedRoundRobin())),
      Map.entry(5, new Spec("hash auth username (weighted)", s -> OpenSipsAlgorithms::authUser)),
      Map.entry(6, new Spec("random (weighted, seeded)", Random::new)),
      Map.entry(7, new Spec("hash of hash_pvar (weighted)", s -> pvarHash(s.hashPvar()))),
      Map.entry(8, new Spec("first entry (priority order)", s -> (c, set) -> new Candidate.Preset(0))),
      Map.entry(9, new Spec("lowest pvar_algo_pattern load (calls in progress)", s -> new LowestLoad(false))),
      Map.entry(10, new Spec("lowest algo_route score (calls in progress)", s -> new LowestLoad(true)))));

  /** Alg 7: the trimmed expansion of the {@code hash_pvar} format, hashed as {@code x} only. */
  private static OpenSipsAlgorithm pvarHash(@Nullable String format) {
    io.sipaudit.simulate.HashPvar pvar = format == null ? null : io.sipaudit.simulate.HashPvar.parse(format);
    return (c, set) -> new Candidate.Hashed(pvar == null ? 0 : KamailioHash.hash(pvar.expand(c), null));
  }

  private OpenSipsAlgorithms() {
  }

  /** Returns the algorithms the simulator replays, by number. */
  public static Map<Integer, String> supported() {
    Map<Integer, String> out = new TreeMap<>();
    REGISTRY.forEach((k, v) -> out.put(k, v.name()));
    return out;
  }

  /** Returns the name of a registered algorithm, or null. */
  public static @Nullable String name(int alg) {
    Spec s = REGISTRY.get(alg);
    return s == null ? null : s.name();
  }

  /**
   * Returns a fresh instance of algorithm {@code alg}.
   *
   * @throws IllegalArgumentException for an algorithm that cannot be replayed (with the reason)
   */
  public static OpenSipsAlgorithm create(int alg, Settings settings) {
    Spec s = REGISTRY.get(alg);
    if (s == null) {
      String why = "OpenSIPS 3.x has no algorithm " + alg + " (it would log a warning and act as alg 8)";
      throw new IllegalArgumentException("OpenSIPS algorithm " + alg + " cannot be replayed: " + why
          + "; supported: " + supported());
    }
    return s.factory().apply(settings);
  }

  static long callIdHash(CallArrival c) {
    return KamailioHash.hashStripped(c.callId());
  }

  /**
   * {@code get_uri_hash_keys()}: the user part, and host plus {@code :port} when the URI has a port other than its
   * transport's default (5060; 5061 for TLS and sips; 80 ws, 443 wss); the host alone is left out with {@code u}.
   * Example: {@code sip:bob@biloxi.com:5080} hashes {@code ("bob", "biloxi.com:5080")}.
   */
  private static OpenSipsAlgorithm uriHash(Settings s, Function<CallArrival, String> uri) {
    int[] scratch = io.sipaudit.simulate.UriHash.scratch();
    return (c, set) -> new Candidate.Hashed(uriHash(uri.apply(c), s.flags(), scratch));
  }

  static long uriHash(String uriText, DsFlags flags) {
    return uriHash(uriText, flags, io.sipaudit.simulate.UriHash.scratch());
  }

  static long uriHash(String uriText, DsFlags flags, int[] scratch) {
    long fast = io.sipaudit.simulate.UriHash.opensips(uriText, flags.userOnly(), scratch);
    if (fast >= 0) {
      return fast;
    }
    SipUri u = SipUri.parse(uriText.strip());
    if (flags.userOnly() || u.scheme().equals("tel")) {
      return KamailioHash.hash(u.user(), null);
    }
    return KamailioHash.hash(u.user(), hostKey(u));
  }

  static String hostKey(SipUri u) {
    String transport = u.params().get("transport");
    transport = transport == null ? "" : transport.toLowerCase(java.util.Locale.ROOT);
    int defaultPort = switch (transport) {
      case "tls" -> 5061;
      case "ws" -> 80;
      case "wss" -> 443;
      default -> u.scheme().equals("sips") ? 5061 : 5060;
    };
    return u.port() > 0 && u.port() != defaultPort ? u.host() + ":" + u.port() : u.host();
  }

  /** Alg 5: the username's hash; without credentials the candidate is {@code last} and the hash 0. */
  private static Candidate authUser(CallArrival c, SetState set) {
    String user = c.authUser();
    return user == null ? new Candidate.Preset(set.last()) : new Candidate.Hashed(KamailioHash.hashStripped(user));
  }

  private static long[] callsInProgress(SetState set) {
    long[] v = new long[set.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = set.callsInProgress(i);
    }
    return v;
  }

  /** Alg 9 and 10: every destination ranked by the calls it holds ({@code negativesLast}: alg 10). */
  private record LowestLoad(boolean negativesLast) implements OpenSipsAlgorithm {
    @Override
    public Candidate candidate(CallArrival call, SetState set) {
      return new Candidate.Ranked(callsInProgress(set), negativesLast);
    }

    @Override
    public boolean readsCallsInProgress() {
      return true;
    }
  }

  /**
   * Alg 4 (PR #685): the destination {@code last} is picked again while its counter is below its weight, else its
   * counter is reset and the next index is the candidate. Weights 3, 1, 2 give A A A B C C A A A ...
   */
  static final class WeightedRoundRobin implements OpenSipsAlgorithm {
    @Override
    public Candidate candidate(CallArrival call, SetState set) {
      int last = set.last();
      if (set.rrCount(last) < set.weight(last)) {
        return new Candidate.Preset(last);
      }
      set.resetRrCount(last);
      return new Candidate.Preset((last + 1) % set.size());
    }

    @Override
    public void chosen(int index, SetState set) {
      set.countRoundRobin(index);
    }

    @Override
    public boolean roundRobin() {
      return true;
    }
  }

  /**
   * Alg 6: {@code rand()} (0 .. 2^31 − 1) then the weighted reduction. The numbers come from a generator seeded
   * with {@link Settings#seed()}: the shares are OpenSIPS's, the single picks are not.
   */
  static final class Random implements OpenSipsAlgorithm {
    private final SplittableRandom random;

    Random(Settings s) {
      random = new SplittableRandom(s.seed());
    }

    @Override
    public Candidate candidate(CallArrival call, SetState set) {
      return new Candidate.Hashed(random.nextInt() & 0x7FFF_FFFF);
    }
  }
}
