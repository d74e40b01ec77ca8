package io.sipaudit.simulate;

import io.sipaudit.config.Destination;
import io.sipaudit.sip.header.SipUri;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The registry of Kamailio 5.6 dispatcher algorithms the simulator reproduces exactly, by number.
 *
 * <p>0 hash Call-ID, 1 hash From URI, 2 hash To URI, 3 hash R-URI (each user + host[:port], the port only when
 * it is not the scheme's default; user only with dispatcher {@code flags} bit 1), 4 round-robin, 8 first
 * available by priority. Adding one: a class (or lambda) here and one {@link #REGISTRY} line.
 */
public final class KamailioAlgorithms {
  /** Factories by algorithm number; {@code flags} is the dispatcher module's {@code flags} parameter. */
  private static final Map<Integer, Spec> REGISTRY = new TreeMap<>(Map.of(
      0, new Spec("hash Call-ID", flags -> (c, set) -> KamailioHash.hash(c.callId().strip(), null)),
      1, new Spec("hash From URI", flags -> (c, set) -> uriHash(c.from(), flags)),
      2, new Spec("hash To URI", flags -> (c, set) -> uriHash(c.to(), flags)),
      3, new Spec("hash Request-URI", flags -> (c, set) -> uriHash(c.requestUri(), flags)),
      4, new Spec("round-robin", flags -> new RoundRobin()),
      8, new Spec("first available (priority order)", flags -> (c, set) -> 0)));

  /** A registered algorithm: its name and how to make a fresh instance. */
  public record Spec(String name, java.util.function.IntFunction<DispatcherAlgorithm> factory) {}

  private KamailioAlgorithms() {
  }

  /** Returns the algorithms that can be replayed exactly, by number. */
  public static Map<Integer, String> supported() {
    Map<Integer, String> out = new TreeMap<>();
    REGISTRY.forEach((k, v) -> out.put(k, v.name()));
    return out;
  }

  /**
   * Returns a fresh instance of algorithm {@code alg}.
   *
   * @throws IllegalArgumentException for an algorithm that cannot be replayed exactly (with the reason)
   */
  public static DispatcherAlgorithm create(int alg, int flags) {
    Spec s = REGISTRY.get(alg);
    if (s == null) {
      String why = switch (alg) {
        case 5 -> "it hashes the digest username, which this version does not record yet";
        case 6 -> "it uses each Kamailio process's own rand(), which a capture cannot reveal";
        case 7 -> "it hashes the hash_pvar expansion, which depends on the script";
        case 9, 11 -> "its weight table is shuffled with rand() at every load; only its shares are predictable";
        case 10 -> "call load needs the active-call table (ds_hash_size) and duid attributes";
        case 12 -> "it forks to every destination in parallel";
        case 13 -> "latency-optimised selection needs the probing latency statistics";
        default -> "Kamailio 5.6 has no algorithm " + alg + " (it would use index 0 and the skip walk)";
      };
      throw new IllegalArgumentException("algorithm " + alg + " cannot be replayed exactly: " + why
          + "; supported: " + supported());
    }
    return s.factory().apply(flags);
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
  static long uriHash(String uriText, int flags) {
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

  static boolean isRoundRobin(DispatcherAlgorithm a) {
    return a instanceof RoundRobin;
  }

  static void seed(DispatcherAlgorithm a, int index) {
    if (a instanceof RoundRobin rr) {
      rr.seed(index);
    }
  }

  /** Returns the name of a registered algorithm, or null. */
  public static @Nullable String name(int alg) {
    Spec s = REGISTRY.get(alg);
    return s == null ? null : s.name();
  }
}
