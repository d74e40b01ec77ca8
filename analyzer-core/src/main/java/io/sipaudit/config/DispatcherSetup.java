package io.sipaudit.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code kamailio.cfg} says about load balancing: the dispatcher and tm parameters (Kamailio 5.6 defaults
 * where the file sets none), the {@code ds_select_*} calls and whether failover is wired up. Example: with
 * <pre>
 * modparam("dispatcher", "flags", 2)
 * route[DISPATCH] { ds_select_dst("1", "4"); t_on_failure("FAILOVER"); t_relay(); }
 * failure_route[FAILOVER] { ds_mark_dst("ip"); if (ds_next_dst()) t_relay(); }
 * </pre>
 * {@code flags} is 2, there is one selection (set 1, algorithm 4), {@code failoverRoutes} is {@code [FAILOVER]},
 * {@code marksDestinations} is true and {@code frTimer} is the default 30000 ms.
 *
 * @param loaded whether {@code dispatcher.so} is loaded
 * @param flags {@code flags} (0; bit 2 fills the XAVPs that {@code ds_next_dst} needs)
 * @param pingInterval {@code ds_ping_interval} in seconds (0 = no pings)
 * @param probingThreshold {@code ds_probing_threshold} (1)
 * @param inactiveThreshold {@code ds_inactive_threshold} (1)
 * @param probingMode {@code ds_probing_mode} (0)
 * @param pingMethod {@code ds_ping_method} ({@code OPTIONS})
 * @param pingReplyCodes {@code ds_ping_reply_codes} (empty: only 2xx counts as up)
 * @param useDefault {@code use_default} (false)
 * @param hashSize {@code ds_hash_size} (0)
 * @param listFile {@code list_file} ({@code /etc/kamailio/dispatcher.list})
 * @param selections the {@code ds_select_dst}, {@code ds_select_domain} and {@code ds_select} calls, in file order
 * @param failoverRoutes the failure routes armed by a literal {@code t_on_failure} that select again
 *     ({@code ds_next_dst}, {@code ds_next_domain} or a {@code ds_select*}), directly or through {@code route(X)}
 * @param marksDestinations whether {@code ds_mark_dst} is called anywhere
 * @param frTimer tm {@code fr_timer} in ms (30000)
 * @param frInvTimer tm {@code fr_inv_timer} in ms (120000)
 * @param dnsSrvLb core {@code dns_srv_lb} (off)
 * @param useDnsFailover core {@code use_dns_failover} (off)
 * @param hashPvar {@code hash_pvar}, the text algorithm 7 hashes (none), e.g. {@code "$fU@$fd"}
 * @param latencyStats {@code ds_ping_latency_stats} (off): pings feed the latency estimates algorithm 13 reads
 * @param markState the state the first {@code ds_mark_dst("...")} sets, as state bits ({@code "ip"}: inactive and
 *     probing); null when it has no argument (then inactive, plus probing in probing mode 1); −1 when the argument is
 *     not a literal of {@code a}, {@code i}, {@code d}, {@code t}, {@code p} (Kamailio then changes nothing)
 */
public record DispatcherSetup(boolean loaded, int flags, int pingInterval, int probingThreshold,
    int inactiveThreshold, int probingMode, String pingMethod, String pingReplyCodes, boolean useDefault,
    int hashSize, String listFile, List<Selection> selections, List<String> failoverRoutes,
    boolean marksDestinations, int frTimer, int frInvTimer, boolean dnsSrvLb, boolean useDnsFailover,
    @Nullable String hashPvar, boolean latencyStats, @Nullable Integer markState) {

  private static final Set<String> SELECT = Set.of("ds_select_dst", "ds_select_domain", "ds_select");
  private static final Set<String> RESELECT = Set.of("ds_next_dst", "ds_next_domain", "ds_select_dst",
      "ds_select_domain", "ds_select");

  /**
   * One {@code ds_select_dst(set, alg)}-style call. {@code setId} and {@code algorithm} are null when the argument
   * is not a literal number after define substitution, e.g. {@code $var(alg)}: then it is only known at run time.
   *
   * @param function {@code ds_select_dst}, {@code ds_select_domain} or {@code ds_select}
   * @param setArg the set argument as written
   * @param algorithmArg the algorithm argument as written
   * @param setId the set, or null when unknown
   * @param algorithm the algorithm number, or null when unknown
   * @param route the label of the block, e.g. {@code route[DISPATCH]}
   * @param line the 1-based line of the call
   */
  public record Selection(String function, String setArg, String algorithmArg, @Nullable Integer setId,
      @Nullable Integer algorithm, String route, int line) {
    public Selection {
      requireNonNull(function, "function");
    }

    /** Returns whether the algorithm is a literal number. */
    public boolean algorithmKnown() {
      return algorithm != null;
    }
  }

  public DispatcherSetup {
    requireNonNull(pingMethod, "pingMethod");
    selections = List.copyOf(selections);
    failoverRoutes = List.copyOf(failoverRoutes);
  }

  /** Derives the setup from a parsed configuration. */
  public static DispatcherSetup of(KamailioCfg cfg) {
    List<Selection> selections = new ArrayList<>();
    for (RouteBlock r : cfg.routes()) {
      for (FunctionCall c : r.calls()) {
        if (SELECT.contains(c.name())) {
          selections.add(new Selection(c.name(), arg(c, 0), arg(c, 1), number(c.literal(0)), number(c.literal(1)),
              r.label(), c.line()));
        }
      }
    }
    Set<String> armed = new LinkedHashSet<>();
    cfg.calls("t_on_failure").forEach(c -> armed.add(target(c)));
    List<String> failover = armed.stream()
        .filter(name -> reselects(cfg, cfg.route(RouteBlock.Kind.FAILURE, name), new HashSet<>())).toList();
    String ds = "dispatcher";
    String replyCodes = cfg.modparam(ds, "ds_ping_reply_codes");
    String method = cfg.modparam(ds, "ds_ping_method");
    String listFile = cfg.modparam(ds, "list_file");
    return new DispatcherSetup(cfg.loadedModules().contains(ds), cfg.intModparam(ds, "flags", 0),
        cfg.intModparam(ds, "ds_ping_interval", 0), cfg.intModparam(ds, "ds_probing_threshold", 1),
        cfg.intModparam(ds, "ds_inactive_threshold", 1), cfg.intModparam(ds, "ds_probing_mode", 0),
        method == null ? "OPTIONS" : method, replyCodes == null ? "" : replyCodes,
        cfg.intModparam(ds, "use_default", 0) != 0, cfg.intModparam(ds, "ds_hash_size", 0),
        listFile == null ? "/etc/kamailio/dispatcher.list" : listFile, selections, failover,
        !cfg.calls("ds_mark_dst").isEmpty(), cfg.intModparam("tm", "fr_timer", 30000),
        cfg.intModparam("tm", "fr_inv_timer", 120000), cfg.booleanCoreParam("dns_srv_lb", false),
        cfg.booleanCoreParam("use_dns_failover", false), cfg.modparam(ds, "hash_pvar"),
        cfg.intModparam(ds, "ds_ping_latency_stats", 0) != 0, markState(cfg));
  }

  /** {@code ds_parse_flags()}: letters left to right, {@code a} clears, unknown letters or a variable fail. */
  private static @Nullable Integer markState(KamailioCfg cfg) {
    List<FunctionCall> marks = cfg.calls("ds_mark_dst");
    if (marks.isEmpty() || marks.get(0).args().isEmpty()) {
      return null;
    }
    String text = marks.get(0).literal(0);
    if (text == null || text.isEmpty()) {
      return -1;
    }
    int state = 0;
    for (char c : text.toCharArray()) {
      switch (Character.toLowerCase(c)) {
        case 'a' -> state = 0;
        case 'i' -> state |= 1;
        case 't' -> state |= 2;
        case 'd' -> state |= 4;
        case 'p' -> state |= 8;
        default -> {
          return -1;
        }
      }
    }
    return state;
  }

  /** Returns whether some armed failure route selects another destination. */
  public boolean failover() {
    return !failoverRoutes.isEmpty();
  }

  private static boolean reselects(KamailioCfg cfg, @Nullable RouteBlock block, Set<String> visited) {
    if (block == null) {
      return false;
    }
    for (FunctionCall c : block.calls()) {
      if (RESELECT.contains(c.name())
          || c.name().equals("route") && visited.add(target(c))
          && reselects(cfg, cfg.route(RouteBlock.Kind.ROUTE, target(c)), visited)) {
        return true;
      }
    }
    return false;
  }

  /** The route named by {@code t_on_failure("X")} or {@code route(X)}. */
  private static String target(FunctionCall c) {
    String literal = c.literal(0);
    return literal != null ? literal : arg(c, 0);
  }

  private static String arg(FunctionCall c, int i) {
    return i < c.args().size() ? c.args().get(i) : "";
  }

  private static @Nullable Integer number(@Nullable String literal) {
    return literal == null ? null : KamailioCfg.toInt(literal);
  }
}
