package io.sipaudit.cli;

import io.sipaudit.config.KamailioCfg;
import io.sipaudit.config.opensips.LbDestination;
import io.sipaudit.config.opensips.OpenSipsDestination;
import io.sipaudit.config.opensips.OpenSipsDispatcherTable;
import io.sipaudit.config.opensips.OpenSipsLbTable;
import io.sipaudit.config.opensips.OpenSipsSetup;
import io.sipaudit.health.HealthOptions;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import io.sipaudit.simulate.opensips.DsFlags;
import io.sipaudit.simulate.opensips.LbFlags;
import io.sipaudit.simulate.opensips.LoadBalancerReplay;
import io.sipaudit.simulate.opensips.OpenSipsAlgorithm;
import io.sipaudit.simulate.opensips.OpenSipsAlgorithms;
import io.sipaudit.simulate.opensips.OpenSipsHealth;
import io.sipaudit.simulate.opensips.OpenSipsReplay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParameterException;

/**
 * {@code simulate} for OpenSIPS: {@code --opensips-dispatcher table --algorithm opensips:N} or
 * {@code --opensips-lb table --algorithm opensips-lb[:FLAGS] --lb-resources pstn}, with the same calls, health
 * evidence and report as the Kamailio replay. Refuses (exit 2) Kamailio inputs mixed in, and the other module's.
 */
final class OpenSipsSimulation {
  private static final String LB = "opensips-lb";

  private final SimulateCommand cmd;
  private final OpenSipsOptions o;

  OpenSipsSimulation(SimulateCommand cmd) {
    this.cmd = cmd;
    this.o = cmd.opensips;
  }

  /** Returns whether the command asks for OpenSIPS (by the algorithm or by an OpenSIPS input). */
  static boolean wanted(SimulateCommand cmd) {
    return cmd.algorithmName != null && cmd.algorithmName.startsWith("opensips") || cmd.opensips.any();
  }

  private ParameterException usage(String message) {
    return new ParameterException(cmd.spec.commandLine(), message);
  }

  private boolean given(String option) {
    return cmd.spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  int run() throws Exception {
    boolean lb = isLb(cmd.algorithmName);
    if (!lb && !cmd.algorithmName.startsWith("opensips:")) {
      throw usage("--algorithm " + cmd.algorithmName + " with OpenSIPS inputs: use opensips:N (--opensips-dispatcher)"
          + " or opensips-lb[:FLAGS] (--opensips-lb); Kamailio's algorithms go with --dispatcher alone");
    }
    if (cmd.dispatcher != null) {
      throw usage("--dispatcher is Kamailio's dispatcher.list; with " + cmd.algorithmName + " give the OpenSIPS table"
          + (lb ? " as --opensips-lb" : " as --opensips-dispatcher"));
    }
    if (cmd.cfg.file != null) {
      throw usage("--kamailio-cfg goes with kamailio:N; for OpenSIPS give --opensips-cfg");
    }
    for (String k : List.of("--flags", "--use-default")) {
      if (given(k)) {
        throw usage(k + " is Kamailio's; OpenSIPS passes its flags to ds_select_dst: --ds-flags (e.g. fd)");
      }
    }
    if (!cmd.rrStart.equals("auto") && !cmd.rrStart.equals("fresh")) {
      throw usage("--rr-start " + cmd.rrStart + " (expected: auto or fresh)");
    }
    OpenSipsSetup setup = o.cfg == null ? null : OpenSipsSetup.of(KamailioCfg.read(o.cfg, Map.of()));
    return lb ? loadBalancer(setup) : dispatcher(setup);
  }

  private static boolean isLb(String name) {
    return name.equals(LB) || name.startsWith(LB + ":");
  }

  private int opensipsAlgorithm(String name, String option) {
    String n = name.substring("opensips:".length());
    if (!name.startsWith("opensips:") || !n.matches("\\d{1,3}")) {
      throw usage(option + " " + name + " (expected: opensips:N, N an OpenSIPS dispatcher algorithm number)");
    }
    return Integer.parseInt(n);
  }

  private HealthObserver observer(boolean marks, @Nullable OpenSipsSetup setup) {
    Set<Integer> codes = new HashSet<>();
    if (setup != null) {
      for (String c : setup.optionsReplyCodes().split("[,;\\s]+")) {
        if (c.matches("\\d{3}")) {
          codes.add(Integer.parseInt(c));
        }
      }
    }
    HealthOptions d = HealthOptions.DEFAULTS;
    HealthOptions options = new HealthOptions(d.answerTimeout(), d.downAfter(), d.probeMethod(), codes,
        d.probeSuccessClasses());
    return new HealthObserver(options, marks, Duration.ofSeconds(setup == null ? 5 : setup.frTimeoutSeconds()));
  }

  private int dispatcher(@Nullable OpenSipsSetup setup) throws Exception {
    int alg = opensipsAlgorithm(cmd.algorithmName, "--algorithm");
    if (o.lb != null || o.lbResources != null) {
      throw usage("--opensips-lb and --lb-resources go with --algorithm opensips-lb, not " + cmd.algorithmName);
    }
    if (o.dispatcher == null) {
      throw usage("--algorithm " + cmd.algorithmName + " needs --opensips-dispatcher (the dispatcher table)");
    }
    OpenSipsDispatcherTable table = OpenSipsDispatcherTable.read(o.dispatcher);
    OpenSipsSetup.DsSelect call = setup == null ? null : setup.selections().stream()
        .filter(s -> s.algorithm() != null && s.algorithm() == alg).findFirst()
        .orElse(setup.selections().isEmpty() ? null : setup.selections().get(0));
    int setId = cmd.set != null ? cmd.set : call != null && call.setId() != null ? call.setId()
        : table.setIds().size() == 1 ? table.setIds().get(0) : 1;
    List<OpenSipsDestination> set = table.set(setId);
    if (set.isEmpty()) {
      throw usage("set " + setId + " is not in " + o.dispatcher + " (sets: " + table.setIds() + ")");
    }
    DsFlags flags;
    try {
      flags = DsFlags.parse(o.dsFlags != null ? o.dsFlags : call != null ? call.flags() : "");
    } catch (IllegalArgumentException e) {
      throw usage("--ds-flags: " + e.getMessage());
    }
    int maxRes = o.maxRes != null ? o.maxRes : call != null ? call.maxRes() : 1000;
    if (maxRes < 1) {
      throw usage("--max-res " + maxRes + " (expected: 1 or more)");
    }
    List<Integer> others = new ArrayList<>();
    for (String c : cmd.compare) {
      others.add(opensipsAlgorithm(c, "--compare"));
    }
    String hashPvar = cmd.hashPvar != null ? cmd.hashPvar : setup == null ? null : setup.hashPvar();
    if (hashPvar == null && (alg == 7 || others.contains(7))) {
      throw usage("OpenSIPS algorithm 7 hashes the dispatcher's hash_pvar: give it with --hash-pvar or an"
          + " --opensips-cfg that sets it");
    }
    OpenSipsAlgorithms.Settings settings = new OpenSipsAlgorithms.Settings(flags, (cmd.seed == null ? 0L : cmd.seed),
        hashPvar);
    Function<Integer, OpenSipsAlgorithm> create = n -> {
      try {
        return OpenSipsAlgorithms.create(n, settings);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    };
    OpenSipsAlgorithm algorithm = create.apply(alg);
    others.forEach(create::apply);
    HealthObserver observed = observer(setup != null && setup.marks(), setup);
    SimulateCommand.Observed seen = cmd.observe(observed.options(), observed);
    OpenSipsHealth.Settings hs = new OpenSipsHealth.Settings(false, setup == null ? 3 : setup.probingThreshold(),
        setup == null ? 0 : setup.probingMode(), setup == null || !setup.marks() ? 'i' : setup.markState());
    Supplier<OpenSipsHealth> health = () -> cmd.health == SimulateCommand.Health.observed
        ? observed.feed(new OpenSipsHealth(hs)) : null;
    List<Prediction> predictions = replay(new OpenSipsReplay(set, algorithm, flags, maxRes,
        cmd.rrStart.equals("auto"), health.get())::next, seen.arrivals());
    List<String> hostPorts = set.stream().map(OpenSipsDestination::hostPort).toList();
    List<SimulateCommand.WhatIf> whatIf = new ArrayList<>();
    if (!others.isEmpty()) {
      whatIf.add(SimulateCommand.whatIf("opensips:" + alg, OpenSipsAlgorithms.name(alg), hostPorts, predictions));
      for (int n : others) {
        List<Prediction> p = replay(new OpenSipsReplay(set, create.apply(n), flags, maxRes, false, health.get())::next,
            seen.arrivals());
        whatIf.add(SimulateCommand.whatIf("opensips:" + n, OpenSipsAlgorithms.name(n), hostPorts, p));
      }
    }
    String name = String.valueOf(OpenSipsAlgorithms.name(alg));
    cmd.report(cmd.spec.commandLine().getOut(), new SimulateCommand.Title("opensips:" + alg, name, "OpenSIPS alg "
        + alg + " (" + name + ") over set " + setId + " of " + o.dispatcher + ", flags \"" + flags + "\""), setId,
        hostPorts, predictions, seen.finals(), whatIf);
    return cmd.finish(seen.result());
  }

  private int loadBalancer(@Nullable OpenSipsSetup setup) throws Exception {
    if (o.dispatcher != null || o.dsFlags != null || o.maxRes != null) {
      throw usage("--opensips-dispatcher, --ds-flags and --max-res go with --algorithm opensips:N, not "
          + cmd.algorithmName);
    }
    if (o.lb == null) {
      throw usage("--algorithm " + cmd.algorithmName + " needs --opensips-lb (the load_balancer table)");
    }
    OpenSipsLbTable table = OpenSipsLbTable.read(o.lb);
    OpenSipsSetup.LbStart call = setup == null || setup.lbStarts().isEmpty() ? null : setup.lbStarts().get(0);
    int groupId = cmd.set != null ? cmd.set : call != null && call.groupId() != null ? call.groupId()
        : table.groupIds().size() == 1 ? table.groupIds().get(0) : 1;
    List<LbDestination> group = table.group(groupId);
    if (group.isEmpty()) {
      throw usage("group " + groupId + " is not in " + o.lb + " (groups: " + table.groupIds() + ")");
    }
    String res = o.lbResources != null ? o.lbResources : call != null ? call.resources() : null;
    if (res == null || res.isBlank()) {
      throw usage("--algorithm " + cmd.algorithmName + " needs --lb-resources (what lb_start asks for, e.g. pstn)");
    }
    List<String> resources = List.of(res.strip().split("\\s*[;,]\\s*"));
    String flagText = cmd.algorithmName.startsWith(LB + ":") ? cmd.algorithmName.substring(LB.length() + 1)
        : call != null ? call.flags() : "";
    List<String> otherFlags = new ArrayList<>();
    for (String c : cmd.compare) {
      if (!isLb(c)) {
        throw usage("--compare " + c + " (expected: opensips-lb:FLAGS beside --algorithm " + cmd.algorithmName + ")");
      }
      otherFlags.add(c.startsWith(LB + ":") ? c.substring(LB.length() + 1) : "");
    }
    HealthObserver observed = observer(setup != null && setup.lbDisables(), setup);
    Function<String, LoadBalancerReplay> create = f -> {
      try {
        return new LoadBalancerReplay(group, resources, LbFlags.parse(f), cmd.health == SimulateCommand.Health.observed
            ? observed.feed(new OpenSipsHealth(OpenSipsHealth.Settings.LOAD_BALANCER)) : null, (cmd.seed == null ? 0L : cmd.seed));
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    };
    create.apply(flagText);   // refuses an unknown resource before reading the capture
    SimulateCommand.Observed seen = cmd.observe(observed.options(), observed);
    List<Prediction> predictions = replay(create.apply(flagText)::next, seen.arrivals());
    List<String> hostPorts = group.stream().map(LbDestination::hostPort).toList();
    List<SimulateCommand.WhatIf> whatIf = new ArrayList<>();
    if (!otherFlags.isEmpty()) {
      whatIf.add(SimulateCommand.whatIf(label(flagText), name(flagText), hostPorts, predictions));
      for (String f : otherFlags) {
        whatIf.add(SimulateCommand.whatIf(label(f), name(f), hostPorts,
            replay(create.apply(f)::next, seen.arrivals())));
      }
    }
    String label = label(flagText);
    cmd.report(cmd.spec.commandLine().getOut(), new SimulateCommand.Title(label, name(flagText), "OpenSIPS"
        + " load_balancer (" + name(flagText) + ", resources " + String.join(";", resources) + ") over group "
        + groupId + " of " + o.lb), groupId, hostPorts, predictions, seen.finals(), whatIf);
    return cmd.finish(seen.result());
  }

  /** {@code opensips-lb}, or {@code opensips-lb:rs} with flags (only those OpenSIPS knows, in that order). */
  private static String label(String flags) {
    String f = LbFlags.parse(flags).toString();
    return f.isEmpty() ? LB : LB + ":" + f;
  }

  private static String name(String flags) {
    LbFlags f = LbFlags.parse(flags);
    return (f.relative() ? "relative" : "absolute") + " availability" + (f.negative() ? ", overload allowed" : "")
        + (f.randomTies() ? ", random ties (seeded)" : "");
  }

  private static List<Prediction> replay(Function<CallArrival, Prediction> next, List<CallArrival> arrivals) {
    List<Prediction> out = new ArrayList<>(arrivals.size());
    for (CallArrival a : arrivals) {
      out.add(next.apply(a));
    }
    return out;
  }
}
