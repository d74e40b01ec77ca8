package io.sipaudit.cli;

import io.sipaudit.audit.AuditPolicy;
import io.sipaudit.audit.BalancerHints;
import io.sipaudit.audit.Expectation;
import io.sipaudit.config.Destination;
import io.sipaudit.config.DispatcherSetup;
import io.sipaudit.health.HealthOptions;
import io.sipaudit.config.DispatcherList;
import io.sipaudit.config.SrvZone;
import io.sipaudit.net.Endpoint;
import io.sipaudit.simulate.DispatcherAlgorithm;
import io.sipaudit.simulate.KamailioAlgorithms;
import io.sipaudit.simulate.Replay;
import io.sipaudit.simulate.WeightTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The configuration an audit is checked against, shared by {@code analyze} and {@code check}: a dispatcher.list
 * (with the algorithm, to replay it), or SRV records, and the policy file.
 */
final class AuditOptions {
  @Option(names = "--dispatcher", paramLabel = "FILE",
      description = "Kamailio dispatcher.list: backends are shown with their set id and duid, every destination in"
          + " it is listed even with no call, and the expected distribution comes from it (weights; with"
          + " --algorithm, the replayed algorithm).")
  @Nullable Path dispatcher;

  @Option(names = {"--algorithm", "--alg"}, paramLabel = "kamailio:N",
      description = "The balancer's algorithm (with --dispatcher): kamailio:N for Kamailio dispatcher algorithm N.")
  @Nullable String algorithm;

  @Option(names = "--set", paramLabel = "ID", description = "Dispatcher set id (default: the only set, else 1).")
  @Nullable Integer set;

  @Option(names = "--flags", paramLabel = "N",
      description = "The dispatcher module's flags parameter (bit 1: hash the URI user only; bit 2: failover);"
          + " default: from --kamailio-cfg, else 0.")
  @Nullable Integer flags;

  @Option(names = "--use-default", description = "The dispatcher module's use_default=1.")
  boolean useDefault;

  @Mixin KamailioCfgOptions cfg = new KamailioCfgOptions();

  private @Nullable DispatcherSetup setup;

  @Option(names = "--srv", paramLabel = "ZONE",
      description = "DNS zone file with the SRV (and A) records the balancer uses: the expected distribution"
          + " follows RFC 2782 (lowest priority, shared by weight).")
  @Nullable Path srv;

  @Option(names = "--srv-service", paramLabel = "NAME",
      description = "The SRV name to use when the zone has several, e.g. _sip._udp.example.com.")
  @Nullable String srvService;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Thresholds (YAML, docs/findings.md); default: the documented defaults.")
  @Nullable Path policy;

  /** Labels of backends from the dispatcher list ({@code ip:port -> "set 1, duid"}). */
  final Map<String, String> labels = new HashMap<>();

  /** Backends named by the configuration. */
  final List<Endpoint> configured = new ArrayList<>();

  /** The dispatcher set's destinations in Kamailio's index order, when a dispatcher list was given. */
  private final List<Endpoint> setOrder = new ArrayList<>();

  /**
   * Returns the configuration given, for people (after {@link #expectation}), or null when none was: for example
   * {@code dispatcher.list set 1, algorithm kamailio:4; balancer.cfg}.
   */
  @Nullable String describe() {
    List<String> parts = new ArrayList<>();
    if (dispatcher != null) {
      parts.add(dispatcher.getFileName() + (set != null ? " set " + set : "")
          + (algorithm != null ? ", algorithm " + algorithm : ""));
    }
    if (srv != null) {
      parts.add(srv.getFileName() + " (SRV)");
    }
    if (cfg.file != null) {
      parts.add(cfg.file.getFileName().toString());
    }
    if (policy != null) {
      parts.add("policy " + policy.getFileName());
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  AuditPolicy policy() throws IOException {
    return policy == null ? AuditPolicy.DEFAULTS : PolicyFile.read(policy);
  }

  BalancerHints hints() {
    DispatcherSetup d = setup;
    BalancerHints base = BalancerHints.NONE;
    if (d != null) {
      String source = cfg.file == null ? "kamailio.cfg" : cfg.file.getFileName().toString();
      base = new BalancerHints(d.loaded() ? d.flags() : null, d.loaded() ? !d.failoverRoutes().isEmpty() : null,
          d.dnsSrvLb(), d.loaded() ? d.pingInterval() : null, source);
    }
    Integer alg = null;
    if (algorithm != null) {
      String number = algorithm.startsWith("kamailio:") ? algorithm.substring("kamailio:".length()) : algorithm;
      alg = number.matches("\\d{1,3}") ? Integer.valueOf(number) : null;
    } else if (d != null && d.loaded()) {
      List<Integer> algs = d.selections().stream().map(DispatcherSetup.Selection::algorithm).distinct().toList();
      alg = algs.size() == 1 ? algs.get(0) : null;
    }
    return base.withSet(alg, setOrder);
  }

  /** The health options: the policy's timeout and threshold, the probe method and reply codes of the cfg. */
  HealthOptions health(AuditPolicy policy) {
    return health(policy.healthOptions(), setup);
  }

  /** Returns the dispatcher setup of --kamailio-cfg (after {@link #expectation}), or null. */
  @Nullable DispatcherSetup setup() {
    return setup;
  }

  /** {@code base} with the probe method and the accepted reply codes of a loaded dispatcher setup. */
  static HealthOptions health(HealthOptions base, @Nullable DispatcherSetup d) {
    if (d == null || !d.loaded()) {
      return base;
    }
    java.util.Set<Integer> codes = new java.util.HashSet<>();
    java.util.Set<Integer> classes = new java.util.HashSet<>();
    for (String part : d.pingReplyCodes().split(";")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && kv[1].trim().matches("\\d{1,3}")) {
        (kv[0].trim().equals("class") ? classes : codes).add(Integer.parseInt(kv[1].trim()));
      }
    }
    return new HealthOptions(base.answerTimeout(), base.downAfter(), io.sipaudit.sip.SipMethod.of(d.pingMethod()),
        codes, classes);
  }

  /** Reads --kamailio-cfg with its defines, once. */
  private void readCfg(CommandSpec spec) {
    if (setup == null) {
      setup = cfg.setup();
    }
  }

  /** Reads the configuration and returns the expectation; fills {@link #labels} and {@link #configured}. */
  Expectation expectation(CommandSpec spec) {
    readCfg(spec);
    if (setup != null && setup.loaded()) {
      List<DispatcherSetup.Selection> known = setup.selections().stream()
          .filter(DispatcherSetup.Selection::algorithmKnown).toList();
      if (algorithm == null && dispatcher != null && !known.isEmpty()
          && known.stream().map(DispatcherSetup.Selection::algorithm).distinct().count() == 1) {
        algorithm = "kamailio:" + known.get(0).algorithm();
        if (set == null && known.get(0).setId() != null) {
          set = known.get(0).setId();
        }
      }
      if (flags == null) {
        flags = setup.flags();
      }
      useDefault |= setup.useDefault();
    }
    if (srv != null && dispatcher != null) {
      throw new ParameterException(spec.commandLine(), "--srv and --dispatcher describe two balancers: give one");
    }
    if (algorithm != null && dispatcher == null) {
      throw new ParameterException(spec.commandLine(), "--algorithm needs --dispatcher (the destinations)");
    }
    if (srv != null) {
      return srvExpectation(spec);
    }
    if (dispatcher == null) {
      return new Expectation.Equal();
    }
    DispatcherList list = DispatcherList.read(dispatcher);
    for (int setId : list.setIds()) {
      for (Destination d : list.set(setId)) {
        String duid = d.attr("duid");
        labels.put(d.hostPort(), "set " + setId + (duid == null ? "" : ", " + duid));
      }
    }
    int setId = DispatcherChoice.setId(spec, list, set, dispatcher);
    List<Destination> destinations = list.set(setId);
    List<Endpoint> endpoints = new ArrayList<>();
    for (Destination d : destinations) {
      try {
        endpoints.add(Endpoint.parse(d.hostPort()));
      } catch (IllegalArgumentException hostName) {
        throw new io.sipaudit.MalformedInputException(dispatcher + " line " + d.line() + ": " + d.hostPort()
            + " is a host name; the audit matches destinations to the capture's addresses, so give addresses");
      }
    }
    configured.addAll(endpoints);
    setOrder.addAll(endpoints);
    boolean weights = destinations.stream().anyMatch(d -> d.attr("weight") != null || d.attr("rweight") != null);
    String where = dispatcher.getFileName() + " set " + setId;
    if (algorithm == null) {
      if (!weights) {
        return new Expectation.Equal();
      }
      List<Expectation.Share> shares = new ArrayList<>();
      for (int i = 0; i < destinations.size(); i++) {
        Destination d = destinations.get(i);
        String w = d.attr("weight") != null ? d.attr("weight") : d.attr("rweight");
        shares.add(new Expectation.Share(endpoints.get(i), 0, parseWeight(w), label(d)));
      }
      return new Expectation.Weighted("the weights of " + where, shares, false);
    }
    int alg = DispatcherChoice.algorithm(spec, algorithm);
    if (alg == 9 || alg == 11) {
      int[] slots = WeightTable.slots(destinations, alg);
      List<Expectation.Share> shares = new ArrayList<>();
      for (int i = 0; i < destinations.size(); i++) {
        shares.add(new Expectation.Share(endpoints.get(i), 0, slots[i], label(destinations.get(i))));
      }
      return new Expectation.Weighted("Kamailio algorithm " + alg + " over " + where, shares, false);
    }
    DispatcherAlgorithm a;
    try {
      // algorithm 12 forks to every destination; its first branch ($du, our first pick) is the first usable one
      // in array order, as algorithm 8 chooses it (reference sections 4.8 and 4.12)
      a = KamailioAlgorithms.create(alg == 12 ? 8 : alg, flags == null ? 0 : flags);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Replay replay = new Replay(destinations, a, useDefault, true);
    return new Expectation.Simulated("Kamailio algorithm " + alg + (alg == 12 ? " (first branches)" : "")
        + " replayed over " + where, endpoints, call -> replay.next(call).predicted(), weights);
  }

  private static double parseWeight(@Nullable String w) {
    try {
      return w == null ? 0 : Math.max(0, Double.parseDouble(w));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String label(Destination d) {
    String duid = d.attr("duid");
    return duid != null ? duid : d.hostPort();
  }

  private Expectation srvExpectation(CommandSpec spec) {
    SrvZone zone = SrvZone.read(srv);
    List<String> services = zone.services();
    if (services.isEmpty()) {
      throw new ParameterException(spec.commandLine(), srv + " has no SRV records");
    }
    String service;
    if (srvService != null) {
      service = srvService.endsWith(".") ? srvService.substring(0, srvService.length() - 1) : srvService;
      if (!services.contains(service.toLowerCase(java.util.Locale.ROOT))) {
        throw new ParameterException(spec.commandLine(), "--srv-service " + srvService + " is not in " + srv
            + " (services: " + services + ")");
      }
    } else if (services.size() == 1) {
      service = services.get(0);
    } else {
      throw new ParameterException(spec.commandLine(), srv + " has several SRV names " + services
          + ": choose one with --srv-service");
    }
    List<Expectation.Share> shares = new ArrayList<>();
    for (SrvZone.Srv r : zone.records(service)) {
      if (r.hostPort() == null) {
        throw new ParameterException(spec.commandLine(), srv + " line " + r.line() + ": target " + r.target()
            + " has no A or AAAA record in the zone");
      }
      Endpoint e = Endpoint.parse(r.hostPort());
      configured.add(e);
      labels.put(e.toString(), "SRV " + r.priority() + " " + r.weight() + " " + r.target());
      shares.add(new Expectation.Share(e, r.priority(), r.weight(), r.target()));
    }
    return new Expectation.Weighted("SRV " + service + " (" + srv.getFileName() + ")", shares, true);
  }
}
