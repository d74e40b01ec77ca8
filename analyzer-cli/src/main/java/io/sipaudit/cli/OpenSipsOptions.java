package io.sipaudit.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code simulate}'s OpenSIPS inputs: the dispatcher or load_balancer table, the opensips.cfg, and what the script's
 * {@code ds_select_dst} / {@code lb_start} call passes.
 *
 * <p>Example: {@code --opensips-dispatcher dispatcher.csv --algorithm opensips:4 --ds-flags fd}, or
 * {@code --opensips-lb load_balancer.sql --algorithm opensips-lb:r --lb-resources pstn}.
 */
final class OpenSipsOptions {

  @Option(names = "--opensips-dispatcher", paramLabel = "FILE",
      description = "OpenSIPS's dispatcher table (with opensips:N): CSV (header row, or the table's column order),"
          + " an SQL dump with INSERT INTO dispatcher, or the JSON of opensips-cli -x mi ds_list.")
  @Nullable Path dispatcher;

  @Option(names = "--opensips-lb", paramLabel = "FILE",
      description = "OpenSIPS's load_balancer table (with opensips-lb): CSV or an SQL dump with INSERT INTO"
          + " load_balancer.")
  @Nullable Path lb;

  @Option(names = "--opensips-cfg", paramLabel = "FILE",
      description = "The balancer's opensips.cfg: set, flags and max_res of its ds_select_dst call (or group,"
          + " resources and flags of its lb_start), the probing threshold and mode, tm's fr_timeout, and whether the"
          + " failure route marks destinations (ds_mark_dst, lb_disable_dst). Options given here win.")
  @Nullable Path cfg;

  @Option(names = "--ds-flags", paramLabel = "FLAGS",
      description = "The flags of ds_select_dst: f (failover list), u (hash the URI user only), d (last destination"
          + " only as the last resort), a. Default: the opensips.cfg call's, else none.")
  @Nullable String dsFlags;

  @Option(names = "--max-res", paramLabel = "N",
      description = "ds_select_dst's max_res: at most N destinations in the failover list, the selected one"
          + " included. Default: the opensips.cfg call's, else 1000.")
  @Nullable Integer maxRes;

  @Option(names = "--lb-resources", paramLabel = "RES[;RES...]",
      description = "The resources lb_start asks for, e.g. pstn or 'pstn;transc'. Default: the opensips.cfg call's.")
  @Nullable String lbResources;

  /** Returns whether any OpenSIPS input or option was given. */
  boolean any() {
    return dispatcher != null || lb != null || cfg != null || dsFlags != null || maxRes != null
        || lbResources != null;
  }
}
