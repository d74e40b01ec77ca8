package io.sipaudit.config.opensips;

import static java.util.Objects.requireNonNull;

import io.sipaudit.config.FunctionCall;
import io.sipaudit.config.KamailioCfg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code opensips.cfg} says about balancing, read with the same parser as {@code kamailio.cfg} (the syntax
 * of {@code loadmodule}, {@code modparam} and route blocks is shared): the dispatcher's and load_balancer's
 * parameters (OpenSIPS 3.x defaults where the file sets none), tm's {@code fr_timeout}, the
 * {@code ds_select_dst} / {@code ds_select_domain} and {@code lb_start} calls, and the failure route's marks.
 * Example: with
 * <pre>
 * modparam("dispatcher", "ds_probing_threshold", 2)
 * route { if (!ds_select_dst(1, 4, "fd")) exit; t_on_failure("F"); t_relay(); }
 * failure_route[F] { ds_mark_dst("p"); if (ds_next_dst()) t_relay(); }
 * </pre>
 * the threshold is 2, the selection is set 1, algorithm 4, flags {@code fd}, and marks are {@code 'p'}.
 *
 * @param probingThreshold {@code ds_probing_threshold} (or the old spelling {@code ds_probing_threshhold}; 3)
 * @param probingMode {@code ds_probing_mode} (0)
 * @param pingInterval {@code ds_ping_interval} in seconds (0: no pings)
 * @param optionsReplyCodes {@code options_reply_codes} (empty: only 200 answers)
 * @param frTimeoutSeconds tm {@code fr_timeout} in seconds (5): when an unanswered probe counts as failed
 * @param selections the {@code ds_select_dst}/{@code ds_select_domain} calls, in file order
 * @param markState the state of the first {@code ds_mark_dst} call ({@code 'i'} when called without one), or
 *     {@code 0} when the script never marks
 * @param lbStarts the {@code lb_start} / {@code lb_start_or_next} / {@code load_balance} calls, in file order
 * @param lbDisables whether the script calls {@code lb_disable_dst()}
 * @param hashPvar the dispatcher's {@code hash_pvar} format (algorithm 7), or null
 */
public record OpenSipsSetup(int probingThreshold, int probingMode, int pingInterval, String optionsReplyCodes,
    int frTimeoutSeconds, List<DsSelect> selections, char markState, List<LbStart> lbStarts, boolean lbDisables,
    @Nullable String hashPvar) {

  /**
   * One {@code ds_select_dst(set, alg[, flags[, partition[, max_res]]])}; {@code setId} and {@code algorithm} are
   * null when not literal.
   */
  public record DsSelect(@Nullable Integer setId, @Nullable Integer algorithm, String flags, int maxRes, int line) {}

  /** One {@code lb_start(group, "res1;res2"[, "flags"])}; {@code groupId} is null when not literal. */
  public record LbStart(@Nullable Integer groupId, @Nullable String resources, String flags, int line) {}

  public OpenSipsSetup {
    requireNonNull(optionsReplyCodes, "optionsReplyCodes");
    selections = List.copyOf(selections);
    lbStarts = List.copyOf(lbStarts);
  }

  /** Returns whether the failure route marks dispatcher destinations. */
  public boolean marks() {
    return markState != 0;
  }

  /** Derives the setup from a parsed configuration. */
  public static OpenSipsSetup of(KamailioCfg cfg) {
    String ds = "dispatcher";
    List<DsSelect> selections = new ArrayList<>();
    for (String f : List.of("ds_select_dst", "ds_select_domain")) {
      for (FunctionCall c : cfg.calls(f)) {
        String flags = c.literal(2);
        String maxRes = c.literal(4);
        selections.add(new DsSelect(number(c.literal(0)), number(c.literal(1)), flags == null ? "" : flags,
            maxRes == null || number(maxRes) == null ? 1000 : number(maxRes), c.line()));
      }
    }
    selections.sort(java.util.Comparator.comparingInt(DsSelect::line));
    char mark = 0;
    List<FunctionCall> marks = cfg.calls("ds_mark_dst");
    if (!marks.isEmpty()) {
      String state = marks.get(0).literal(0);
      mark = state == null || state.isEmpty() ? 'i' : switch (state.toLowerCase(Locale.ROOT).charAt(0)) {
        case 'p', '2' -> 'p';
        case 'a', '1' -> 'a';
        default -> 'i';
      };
    }
    List<LbStart> starts = new ArrayList<>();
    for (String f : List.of("lb_start", "lb_start_or_next", "load_balance")) {
      for (FunctionCall c : cfg.calls(f)) {
        String flags = c.literal(2);
        starts.add(new LbStart(number(c.literal(0)), c.literal(1), flags == null ? "" : flags, c.line()));
      }
    }
    starts.sort(java.util.Comparator.comparingInt(LbStart::line));
    String codes = cfg.modparam(ds, "options_reply_codes");
    int threshold = cfg.modparam(ds, "ds_probing_threshold") != null
        ? cfg.intModparam(ds, "ds_probing_threshold", 3) : cfg.intModparam(ds, "ds_probing_threshhold", 3);
    return new OpenSipsSetup(threshold, cfg.intModparam(ds, "ds_probing_mode", 0),
        cfg.intModparam(ds, "ds_ping_interval", 0), codes == null ? "" : codes, cfg.intModparam("tm", "fr_timeout", 5),
        selections, mark, starts, !cfg.calls("lb_disable_dst").isEmpty(), cfg.modparam(ds, "hash_pvar"));
  }

  private static @Nullable Integer number(@Nullable String literal) {
    if (literal == null) {
      return null;
    }
    try {
      return Integer.parseInt(literal.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
