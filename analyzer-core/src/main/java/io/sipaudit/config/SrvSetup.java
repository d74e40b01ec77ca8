package io.sipaudit.config;

/**
 * What a {@code kamailio.cfg} says about relaying by DNS SRV: the core resolver and blocklist parameters, with
 * Kamailio's defaults ({@code src/core/cfg_core.c}: {@code dns_srv_lb}, {@code use_dns_failover},
 * {@code dns_try_naptr} and {@code use_dst_blocklist} all off; {@code dst_blocklist_expire} 60 s) where the file
 * sets none. Example: with
 * <pre>
 * use_dns_failover=on
 * dns_srv_lb=1
 * use_dst_blocklist=on
 * dst_blocklist_expire=10
 * modparam("tm", "fr_timer", 1500)
 * </pre>
 * every field is on, {@code blocklistExpireSeconds} is 10 and {@code frTimer} 1500.
 *
 * @param dnsSrvLb core {@code dns_srv_lb}: weighted choice among the records of one priority, per transaction
 * @param useDnsFailover core {@code use_dns_failover}: on a timeout or 503, a new branch to the next address or SRV
 *     target; {@code dns_srv_lb} works only with it (the "tried" bitmap lives in that code path)
 * @param dnsTryNaptr core {@code dns_try_naptr}: NAPTR before SRV when the URI has neither port nor transport
 * @param useDstBlocklist core {@code use_dst_blocklist} (5.6; {@code use_dst_blacklist} before): destinations whose
 *     INVITE timed out unanswered are avoided for {@code blocklistExpireSeconds}
 * @param blocklistExpireSeconds core {@code dst_blocklist_expire} (60)
 * @param frTimer tm {@code fr_timer} in ms (30000): how long an unanswered branch waits before failing over
 */
public record SrvSetup(boolean dnsSrvLb, boolean useDnsFailover, boolean dnsTryNaptr, boolean useDstBlocklist,
    int blocklistExpireSeconds, int frTimer) {

  /** Kamailio's defaults, for a run without {@code --kamailio-cfg}. */
  public static final SrvSetup DEFAULTS = new SrvSetup(false, false, false, false, 60, 30000);

  public SrvSetup {
    if (blocklistExpireSeconds < 0 || frTimer < 0) {
      throw new IllegalArgumentException("blocklist expiry " + blocklistExpireSeconds + " s, fr_timer " + frTimer
          + " ms (expected: >= 0)");
    }
  }

  /** Reads the setup from a parsed configuration. */
  public static SrvSetup of(KamailioCfg cfg) {
    boolean blocklist = cfg.coreParam("use_dst_blocklist") != null
        ? cfg.booleanCoreParam("use_dst_blocklist", false) : cfg.booleanCoreParam("use_dst_blacklist", false);
    int expire = cfg.coreParam("dst_blocklist_expire") != null ? cfg.intCoreParam("dst_blocklist_expire", 60)
        : cfg.intCoreParam("dst_blacklist_expire", 60);
    return new SrvSetup(cfg.booleanCoreParam("dns_srv_lb", false), cfg.booleanCoreParam("use_dns_failover", false),
        cfg.booleanCoreParam("dns_try_naptr", false), blocklist, expire, cfg.intModparam("tm", "fr_timer", 30000));
  }

  /** Returns whether the weighted choice is really on: {@code dns_srv_lb} has no effect without DNS failover. */
  public boolean weighted() {
    return dnsSrvLb && useDnsFailover;
  }
}
