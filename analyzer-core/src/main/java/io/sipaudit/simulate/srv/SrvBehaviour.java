package io.sipaudit.simulate.srv;

import io.sipaudit.config.SrvSetup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The SRV behaviours the simulator knows, by name: how each orders the records of one transaction (which it tries
 * first, and next on failure). Sources: RFC 2782; Kamailio 6.1.4 {@code src/core/dns_cache.c}
 * {@code dns_srv_get_nxt_rr()} and {@code resolve.c} {@code get_record()} (unchanged since 5.6); OpenSIPS 3.5.9
 * {@code resolve.c} {@code sort_srvs()}; reSIProcate 1.13.2 {@code DnsResult::retrieveSRV()}; PJSIP 2.17
 * {@code srv_resolver.c} {@code build_server_entries()}; RestComm jain-sip.ext {@code SRVRecordComparator}
 * (team reference {@code opensips-and-srv.md} B1-B4).
 *
 * <p>Example: {@code SrvBehaviour.parse("kamailio").ordering(setup)} over {@code 10 50 a, 10 20 b, 20 100 c} with
 * {@code dns_srv_lb} off always tries a, then b, then c.
 */
public enum SrvBehaviour {
  /** Kamailio's core resolver: fixed order without {@code dns_srv_lb}, a weighted draw per transaction with it. */
  KAMAILIO("kamailio", "timeout without reply, 503 (use_dns_failover)", setup -> setup.weighted()
      ? new GroupedOrdering(GroupedOrdering.sortedBy(KamailioCache.ORDER), new KamailioCache.Draw(), false)
      : new FixedOrdering(KamailioCache.ORDER)),
  /** RFC 2782 as written: zero weights first, r drawn from 0..W, the first running sum ≥ r. */
  RFC2782("rfc2782", "transport error, timeout, 503 (RFC 3263 section 4.3)", setup -> rfc2782()),
  /** OpenSIPS core {@code sort_srvs}: zeros first, positives in reverse arrival, r in 0..W−1, ≥ (biased). */
  OPENSIPS("opensips", "408 without any reply, 503, send error", setup -> new GroupedOrdering(
      GroupedOrdering.sortedBy(Comparator.comparing((SrvTarget t) -> t.weight() != 0)
          .thenComparing(Comparator.comparingInt(SrvTarget::arrival).reversed())),
      range(0, -1, false), false)),
  /** reSIProcate: weight ascending then target name; r in 0..W−1, first running sum &gt; r: exactly w/W. */
  RESIPROCATE("resiprocate", "transport error in the transaction; 408/503 passed to the TU with grey/black lists",
      setup -> new GroupedOrdering(GroupedOrdering.sortedBy(Comparator.comparingInt(SrvTarget::weight)
          .thenComparing(SrvTarget::target)), range(0, -1, true), false)),
  /** PJSIP: an unstable selection sort by priority, r in 0..W, ≥, the drawn record swapped to the front. */
  PJSIP("pjsip", "transport error only (a timeout or 503 does not move on inside PJSIP)",
      setup -> new GroupedOrdering(SrvBehaviour::selectionSortByPriority, range(0, 0, false), true)),
  /** RestComm jain-sip.ext: a fixed sort by priority, weight descending, target name; weights never drawn. */
  JAIN_SIP("jain-sip", "the router walks its hop queue on failure", setup -> new FixedOrdering(
      Comparator.comparingInt(SrvTarget::priority).thenComparing(Comparator.comparingInt(SrvTarget::weight)
          .reversed()).thenComparing(SrvTarget::target))),
  /** A client that draws once as RFC 2782 says and keeps that choice for the records' TTL. */
  CLIENT_CACHE("client-cache", "transport error, timeout, 503 (RFC 3263), within the cached order",
      setup -> rfc2782());

  private final String id;
  private final String failoverOn;
  private final Function<SrvSetup, SrvOrdering> factory;

  SrvBehaviour(String id, String failoverOn, Function<SrvSetup, SrvOrdering> factory) {
    this.id = id;
    this.failoverOn = failoverOn;
    this.factory = factory;
  }

  /** Returns the command-line name, e.g. {@code client-cache}. */
  public String id() {
    return id;
  }

  /** Returns what makes the stack try the next target, for people. */
  public String failoverOn() {
    return failoverOn;
  }

  /** Returns the ordering for a setup (only Kamailio reads it: {@code dns_srv_lb} with DNS failover). */
  public SrvOrdering ordering(SrvSetup setup) {
    return factory.apply(setup);
  }

  /** Returns whether one draw is kept for the records' TTL instead of one per transaction. */
  public boolean cachesPerTtl() {
    return this == CLIENT_CACHE;
  }

  /** Returns a one-line description of what it does with the given setup. */
  public String describe(SrvSetup setup) {
    return switch (this) {
      case KAMAILIO -> setup.weighted()
          ? "Kamailio core, dns_srv_lb=1: weighted draw per transaction (w/W), priorities in order"
          : "Kamailio core, dns_srv_lb " + (setup.dnsSrvLb() ? "on but without use_dns_failover" : "off")
              + ": always the first record by priority, then weight descending";
      case RFC2782 -> "RFC 2782 as written: r in 0..W, zero weights first (first record +1/(W+1))";
      case OPENSIPS -> "OpenSIPS core sort_srvs: first record (w+1)/W, last (w-1)/W";
      case RESIPROCATE -> "reSIProcate: exactly w/W, zero weights only when nothing else is left";
      case PJSIP -> "PJSIP: RFC 2782 draw over an unstable priority sort";
      case JAIN_SIP -> "jain-sip.ext: fixed order, priority then weight descending then target";
      case CLIENT_CACHE -> "client: one RFC 2782 draw kept for the TTL of the answer";
    };
  }

  /** Returns the behaviour named {@code name} (case-insensitive). */
  public static SrvBehaviour parse(String name) {
    for (SrvBehaviour b : values()) {
      if (b.id.equals(name.toLowerCase(Locale.ROOT))) {
        return b;
      }
    }
    throw new IllegalArgumentException("no SRV behaviour '" + name + "' (expected one of " + names() + ")");
  }

  /** Returns the names, e.g. {@code [kamailio, rfc2782, ...]}. */
  public static List<String> names() {
    return java.util.Arrays.stream(values()).map(SrvBehaviour::id).toList();
  }

  private static SrvOrdering rfc2782() {
    return new GroupedOrdering(GroupedOrdering.sortedBy(Comparator.comparing((SrvTarget t) -> t.weight() != 0)
        .thenComparingInt(SrvTarget::arrival)), range(0, 0, false), false);
  }

  /**
   * A draw of r from {@code lo..W+hiOffset} (an empty range when the weights are all 0 picks the first record).
   * Example: {@code range(0, -1, true)} is reSIProcate's {@code random % W} with a strict test.
   */
  private static GroupedOrdering.Draw range(int lo, int hiOffset, boolean strict) {
    return new GroupedOrdering.Draw() {
      @Override
      public int next(List<SrvTarget> pool, RandomGenerator random) {
        long w = WeightedDraw.total(pool);
        return pool.size() == 1 || w == 0 ? 0 : WeightedDraw.draw(pool, lo, w + hiOffset, strict, random);
      }

      @Override
      public double[] shares(List<SrvTarget> pool) {
        long w = WeightedDraw.total(pool);
        if (pool.size() == 1 || w == 0) {
          double[] p = new double[pool.size()];
          p[0] = 1;
          return p;
        }
        return WeightedDraw.shares(pool, lo, w + hiOffset, strict);
      }
    };
  }

  /** PJSIP's first pass: for each position, the first record of strictly lowest priority after it is swapped in. */
  private static List<SrvTarget> selectionSortByPriority(List<SrvTarget> arrival) {
    List<SrvTarget> a = new ArrayList<>(arrival);
    a.sort(Comparator.comparingInt(SrvTarget::arrival));
    for (int i = 0; i + 1 < a.size(); i++) {
      int min = i;
      for (int j = i + 1; j < a.size(); j++) {
        if (a.get(j).priority() < a.get(min).priority()) {
          min = j;
        }
      }
      java.util.Collections.swap(a, i, min);
    }
    return a;
  }

  /** A deterministic order: the first is always tried first. */
  private record FixedOrdering(Comparator<SrvTarget> order) implements SrvOrdering {
    @Override
    public List<SrvTarget> order(List<SrvTarget> usable, RandomGenerator random) {
      List<SrvTarget> sorted = new ArrayList<>(usable);
      sorted.sort(order);
      return sorted;
    }

    @Override
    public double[] firstShares(List<SrvTarget> usable) {
      double[] p = new double[usable.size()];
      if (!usable.isEmpty()) {
        p[usable.indexOf(order(usable, null).get(0))] = 1;
      }
      return p;
    }

    @Override
    public boolean random() {
      return false;
    }
  }

  /** Kamailio's cache order and its draw ({@code dns_srv_get_nxt_rr}). */
  private static final class KamailioCache {
    /** {@code get_record()}: priority ascending, weight descending, equal ones in arrival order. */
    static final Comparator<SrvTarget> ORDER = Comparator.comparingInt(SrvTarget::priority)
        .thenComparing(Comparator.comparingInt(SrvTarget::weight).reversed())
        .thenComparingInt(SrvTarget::arrival);

    /** 1 in {@code DNS_SRV_ZERO_W_CHANCE + 1} (fastrand_max(1000) == 0). */
    static final int ZERO_CHANCE = 1001;

    /**
     * One record of the pool: the last zero-weight record ("saved") when it is alone, the weights are all 0, or
     * r = 1 and the 1-in-1001 chance comes up; otherwise r in 1..W and the first running sum ≥ r.
     */
    static final class Draw implements GroupedOrdering.Draw {
      @Override
      public int next(List<SrvTarget> pool, RandomGenerator random) {
        long sum = WeightedDraw.total(pool);
        int saved = saved(pool);
        if (pool.size() == 1 || sum == 0) {
          return saved;
        }
        long r = 1 + random.nextLong(sum);
        if (r == 1 && zeros(pool) > 0 && random.nextInt(ZERO_CHANCE) == 0) {
          return saved;
        }
        return WeightedDraw.pick(pool, r, false);
      }

      @Override
      public double[] shares(List<SrvTarget> pool) {
        long sum = WeightedDraw.total(pool);
        int saved = saved(pool);
        double[] p;
        if (pool.size() == 1 || sum == 0) {
          p = new double[pool.size()];
          p[saved] = 1;
          return p;
        }
        p = WeightedDraw.shares(pool, 1, sum, false);
        if (zeros(pool) > 0) {
          double moved = 1.0 / sum / ZERO_CHANCE;
          p[WeightedDraw.pick(pool, 1, false)] -= moved;
          p[saved] += moved;
        }
        return p;
      }

      private static int saved(List<SrvTarget> pool) {
        int saved = 0;
        for (int i = 0; i < pool.size(); i++) {
          if (pool.get(i).weight() == 0) {
            saved = i;
          }
        }
        return saved;
      }

      private static int zeros(List<SrvTarget> pool) {
        int zeros = 0;
        for (int i = 0; i < pool.size(); i++) {
          zeros += pool.get(i).weight() == 0 ? 1 : 0;
        }
        return zeros;
      }
    }

    private KamailioCache() {}
  }

}
