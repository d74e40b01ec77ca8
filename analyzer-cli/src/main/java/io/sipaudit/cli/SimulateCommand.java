package io.sipaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sipaudit.attribution.Attributor;
import io.sipaudit.audit.GoodnessOfFit;
import io.sipaudit.config.Destination;
import io.sipaudit.config.DispatcherList;
import io.sipaudit.config.DispatcherSetup;
import io.sipaudit.health.HealthOptions;
import io.sipaudit.health.HealthTracker;
import io.sipaudit.simulate.HealthModel;
import io.sipaudit.dialog.CallAssembler;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.DispatcherAlgorithm;
import io.sipaudit.simulate.KamailioAlgorithms;
import io.sipaudit.simulate.Prediction;
import io.sipaudit.simulate.Replay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sipaudit simulate capture.pcap --dispatcher dispatcher.list --alg 4}: what Kamailio's algorithm would
 * have chosen for each observed call, beside what the balancer chose.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Replay the observed calls, in arrival order, through Kamailio 5.6's dispatcher algorithm over the given"
          + " dispatcher.list set, and compare its first pick with the balancer's, call by call. Every algorithm"
          + " 0-13 is modelled. Deterministic ones are reproduced exactly: 0-3 (hashes), 4 (round-robin), 5 (hash"
          + " of the auth username), 7 (hash of hash_pvar), 8 (first available), 10 (call load), 12 (parallel), 13"
          + " (latency-optimised). 9 and 11 learn their shuffled weight table from the first 100 calls (or shuffle"
          + " it from --seed); 6 and the weight tables are also judged by a goodness-of-fit test.",
      "Destinations change state as the balancer saw them: every probe result in the capture (an answer, or tm's"
          + " fr_timer after an unanswered probe) and every attempt the failure route gave up on (ds_mark_dst) go"
          + " through Kamailio's state machine with the thresholds and probing mode of --kamailio-cfg (Kamailio's"
          + " defaults without it); --health none keeps the list file's states. With a different --alg than the"
          + " balancer ran, this answers 'what if'.",
      "OpenSIPS 3.x: --opensips-dispatcher TABLE --algorithm opensips:N (0-4, 6, 8-10 in OpenSIPS's numbering, weighted"
          + " as OpenSIPS weights) or --opensips-lb TABLE --algorithm opensips-lb[:FLAGS] --lb-resources pstn (the"
          + " load_balancer, each call holding its resources until it ends); see docs/simulate.md.",
      "By DNS SRV instead (--srv ZONE, --srv-from-capture, or neither --dispatcher nor --srv when the capture holds"
          + " SRV answers): the calls are replayed through --srv-behaviour (Kamailio's core resolver by default,"
          + " dns_srv_lb/use_dns_failover/use_dst_blocklist from --kamailio-cfg) and the first picks tested against"
          + " the records' weights."
    })
final class SimulateCommand implements Callable<Integer> {

  enum Format { text, json }

  @Spec CommandSpec spec;

  @Mixin CaptureInputs inputs;

  @Option(names = "--dispatcher", paramLabel = "FILE", description = "Kamailio dispatcher.list (with kamailio:N).")
  @Nullable Path dispatcher;

  @Option(names = {"--algorithm", "--alg"}, paramLabel = "kamailio:N|opensips:N|opensips-lb[:FLAGS]",
      description = "The algorithm: kamailio:N (or just N) for Kamailio dispatcher algorithm N; opensips:N for OpenSIPS"
          + " 3.x dispatcher algorithm N (with --opensips-dispatcher); opensips-lb[:FLAGS] for OpenSIPS's load_balancer"
          + " with lb_start flags r, n, s (with --opensips-lb and --lb-resources).")
  @Nullable String algorithmName;

  @Mixin OpenSipsOptions opensips = new OpenSipsOptions();

  /** {@code --srv ZONE}, {@code --srv-from-capture}, or neither SRV nor dispatcher: replay by DNS SRV instead. */
  @Mixin SrvSimulation srv = new SrvSimulation();

  int alg;

  @Option(names = "--set", paramLabel = "ID", description = "Set id (default: the only set, else 1).")
  @Nullable Integer set;

  @Option(names = "--flags", paramLabel = "N",
      description = "The dispatcher module's flags parameter (bit 1: hash the URI user only). Default: that of"
          + " --kamailio-cfg, else 0.")
  @Nullable Integer flagsOption;

  int flags;

  @Option(names = "--use-default", description = "The dispatcher module's use_default=1: the last destination"
      + " is kept as a last resort.")
  boolean useDefault;

  @Option(names = "--rr-start", paramLabel = "auto|fresh", defaultValue = "auto",
      description = "Round-robin: start where the first observed call says (auto, default), or at index 0 as"
          + " after a Kamailio start or reload (fresh).")
  String rrStart;

  @Option(names = "--seed", paramLabel = "N",
      description = "srand() seed for the random element: algorithm 6's rand() and the shuffle of the weight tables"
          + " of 9 and 11. Without it, 6 uses glibc's unseeded sequence and 9 and 11 learn their table's order from"
          + " the first 100 observed calls. A real Kamailio seeds each process at random, so single picks of 6"
          + " are never predictable; its distribution is tested instead.")
  @Nullable Long seed;

  @Option(names = "--hash-pvar", paramLabel = "TEXT",
      description = "Algorithm 7's hash_pvar, e.g. '$fU@$fd' (default: the modparam of --kamailio-cfg).")
  @Nullable String hashPvar;

  @Mixin KamailioCfgOptions cfg = new KamailioCfgOptions();

  enum InDialog { route, select }

  @Option(names = "--in-dialog", paramLabel = "route|select", defaultValue = "route",
      description = "route (default): in-dialog requests follow the dialog's route set and do not touch the"
          + " dispatcher; select: the balancer runs ds_select_dst for every in-dialog request it receives too (a"
          + " script without loose_route for them), which moves round-robin and weight cursors on.")
  InDialog inDialog;

  /** With --in-dialog select: one arrival per in-dialog request the balancer received. */
  private final List<CallArrival> inDialogSelects = new ArrayList<>();

  enum Health { observed, none }

  @Option(names = "--health", paramLabel = "observed|none", defaultValue = "observed",
      description = "observed (default): destinations change state as the capture's probes and failovers say,"
          + " through Kamailio's state machine; none: they keep the list file's state.")
  Health health;

  @Option(names = "--compare", paramLabel = "kamailio:N|opensips:N|opensips-lb:FLAGS",
      description = "What if: also replay the same calls through this algorithm (repeatable), with the same"
          + " destinations and health, and show how each would have spread them.")
  List<String> compare = new ArrayList<>();

  @Option(names = "--weights", paramLabel = "ADDR=W[,ADDR=W]...|W/W/...",
      description = "What if: the configured algorithm with these weights (weight= and rweight=), given per"
          + " destination or in the set's order as printed (repeatable, one column each). Random algorithms are"
          + " then shuffled from --seed (default 1).")
  List<String> weights = new ArrayList<>();

  @Option(names = "--down", paramLabel = "ADDR[@FROM-TO]",
      description = "What if: this destination had failed and the balancer knew it, from FROM to TO seconds after"
          + " the first call (the whole capture without @). Repeatable. The configured algorithm, each --compare and"
          + " each --weights are replayed under the scenario beside what happened.")
  List<String> down = new ArrayList<>();

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "What if, from a file: one failed backend per line, 'ADDR down' (the whole capture) or 'ADDR down"
          + " FROM-TO' (seconds after the first call); '#' starts a comment. The same as --down for each line.")
  @Nullable Path scenarioFile;

  @Mixin NodeOptions nodes;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  Format format = Format.text;

  @Override
  public Integer call() throws Exception {
    if (OpenSipsSimulation.wanted(this)) {
      if (algorithmName == null) {
        throw new ParameterException(spec.commandLine(), "OpenSIPS tables need --algorithm opensips:N or opensips-lb");
      }
      return new OpenSipsSimulation(this).run();
    }
    if (srv.wanted(spec, dispatcher)) {
      srv.seed = seed == null ? 1 : seed;
      return srv.run(spec, inputs, cfg, nodes, health == Health.observed, format == Format.json, compare);
    }
    if (algorithmName == null) {
      throw new ParameterException(spec.commandLine(), "--dispatcher needs --algorithm kamailio:N");
    }
    if (dispatcher == null) {
      throw new ParameterException(spec.commandLine(), "--algorithm " + algorithmName + " needs --dispatcher"
          + " (Kamailio's dispatcher.list); OpenSIPS tables go with opensips:N or opensips-lb");
    }
    alg = DispatcherChoice.algorithm(spec, algorithmName);
    DispatcherSetup setup = cfg.setup();
    flags = flagsOption != null ? flagsOption : setup != null && setup.loaded() ? setup.flags() : 0;
    useDefault |= setup != null && setup.loaded() && setup.useDefault();
    KamailioAlgorithms.Options options = new KamailioAlgorithms.Options(flags,
        hashPvar != null ? hashPvar : setup != null ? setup.hashPvar() : null, seed);
    DispatcherAlgorithm algorithm = create(alg, options, "--algorithm " + algorithmName);
    if (!rrStart.equals("auto") && !rrStart.equals("fresh")) {
      throw new ParameterException(spec.commandLine(), "--rr-start " + rrStart + " (expected: auto or fresh)");
    }
    DispatcherList list = DispatcherList.read(dispatcher);
    int setId = DispatcherChoice.setId(spec, list, set, dispatcher);
    List<Destination> destinations = list.set(setId);
    HealthOptions probeOptions = AuditOptions.health(HealthOptions.DEFAULTS, setup);
    HealthObserver observed = new HealthObserver(setup, probeOptions);
    Observed seen = observe(probeOptions, observed);
    List<CallArrival> arrivals = seen.arrivals();
    Map<String, String> finals = seen.finals();
    HealthModel model = health == Health.observed ? observed.model() : null;
    Replay replay = new Replay(destinations, algorithm, useDefault, rrStart.equals("auto"), model);
    List<Prediction> predictions = replayAll(replay, arrivals, inDialogSelects);
    List<WhatIf> whatIf = whatIfs(destinations, arrivals, predictions, options, observed);
    Map<String, Object> extra = new LinkedHashMap<>();
    Map<String, Double> expected = replay.expected();
    if (!expected.isEmpty()) {
      extra.put("goodnessOfFit", fit(expected, predictions));
    }
    if (alg == 9 || alg == 11) {
      extra.putAll(weightCounts(destinations, arrivals));
    }
    extra.put("random", KamailioAlgorithms.random(alg));
    report(spec.commandLine().getOut(), new Title(KamailioAlgorithms.label(alg), String.valueOf(KamailioAlgorithms.name(alg)),
        (alg >= io.sipaudit.simulate.SbcAlgorithms.BASE ? KamailioAlgorithms.label(alg) : "Kamailio alg " + alg) + " ("
            + KamailioAlgorithms.name(alg) + ") over set " + setId + " of " + dispatcher),
        setId, destinations.stream().map(Destination::hostPort).toList(), predictions, finals, whatIf, extra);
    return finish(seen.result());
  }

  /** What one pass over the inputs gave: the calls in arrival order, and each call's final backend. */
  record Observed(List<CallArrival> arrivals, Map<String, String> finals, SipIngest.Result result) {}

  /**
   * Reads the inputs once: each balanced call's arrival (and, with --in-dialog select, each in-dialog request the
   * balancer received), and the probes and failed attempts {@code observed} needs.
   */
  Observed observe(HealthOptions probeOptions, HealthObserver observed) throws java.io.IOException {
    Attributor attributor = new Attributor(nodes.balancers(spec), nodes.backends(spec));
    HealthTracker tracker = new HealthTracker(probeOptions).onProbeResult(observed.probes::add);
    List<CallArrival> arrivals = new ArrayList<>();
    Map<String, String> finals = new java.util.HashMap<>();
    CallAssembler assembler = new CallAssembler(c -> {
      var a = attributor.attribute(c);
      if (a.balancer() != null) {
        CallArrival arrival = CallArrival.of(a);
        arrivals.add(arrival);
        if (inDialog == InDialog.select) {
          for (io.sipaudit.dialog.InDialogRequest r : a.call().inDialog()) {
            if (r.dst().equals(a.balancer())) {   // each request the balancer received runs its request route
              inDialogSelects.add(new CallArrival(arrival.callId(), r.sent(), arrival.from(), arrival.to(),
                  arrival.requestUri(), arrival.authUser(), null, r.src().toString(), null));
            }
          }
        }
        observed.call(a);
        if (a.backend() != null) {
          finals.put(a.call().callId(), a.backend().toString());
        }
      }
    });
    ProgressBar bar = inputs.progress(spec.commandLine().getErr());
    SipIngest.Result result = inputs.dialogIngest(bar).run(inputs.checked(), e -> {
      tracker.accept(e);
      assembler.accept(e);
    });
    assembler.finish();
    tracker.finish();
    bar.done();
    arrivals.sort(Comparator.comparing(CallArrival::time));
    return new Observed(arrivals, finals, result);
  }

  /** Prints the inputs' errors; returns the exit code. */
  int finish(SipIngest.Result result) {
    PrintWriter err = spec.commandLine().getErr();
    for (InputError e : result.errors()) {
      err.println("sipaudit: " + e.message());
    }
    err.flush();
    return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERR;
  }

  /**
   * The what-if columns: what the configured algorithm did, then each {@code --compare} and {@code --weights}; with
   * {@code --down}, the configured algorithm and each of those again under the scenario.
   */
  private List<WhatIf> whatIfs(List<Destination> destinations, List<CallArrival> arrivals,
      List<Prediction> predictions, KamailioAlgorithms.Options options, HealthObserver observed) {
    List<WhatIf> out = new ArrayList<>();
    List<String> downs = new ArrayList<>(down);
    if (scenarioFile != null) {
      downs.addAll(readScenario(scenarioFile, destinations));
    }
    if (compare.isEmpty() && weights.isEmpty() && downs.isEmpty()) {
      return out;
    }
    Instant end = arrivals.isEmpty() ? Instant.EPOCH : arrivals.get(arrivals.size() - 1).time();
    out.add(whatIf(KamailioAlgorithms.label(alg), alg, null, null, destinations, predictions, end));
    // another algorithm or other weights cannot learn a table from what the balancer did: shuffle from a seed
    KamailioAlgorithms.Options seeded = new KamailioAlgorithms.Options(options.flags(), options.hashPvar(),
        seed == null ? 1L : seed);
    List<Object[]> columns = new ArrayList<>();   // {label, alg, weightsLabel, destinations}
    for (String other : compare) {
      int n = DispatcherChoice.algorithm(spec, other);
      create(n, seeded, "--compare " + other);
      columns.add(new Object[] {KamailioAlgorithms.label(n), n, null, destinations});
    }
    for (String w : weights) {
      columns.add(new Object[] {KamailioAlgorithms.label(alg) + " " + w, alg, w, reweigh(destinations, w)});
    }
    List<String[]> scenario = new ArrayList<>();
    for (String d : downs) {
      scenario.add(parseDown(d, destinations));
    }
    if (!scenario.isEmpty()) {
      columns.add(0, new Object[] {KamailioAlgorithms.label(alg), alg, null, destinations});
    }
    Instant start = arrivals.isEmpty() ? Instant.EPOCH : arrivals.get(0).time();
    String scenarioLabel = scenario.isEmpty() ? null : String.join(", ", downs) + " down";
    for (Object[] c : columns) {
      int n = (Integer) c[1];
      @SuppressWarnings("unchecked")
      List<Destination> set = (List<Destination>) c[3];
      HealthModel model = health == Health.observed ? observed.model()
          : scenario.isEmpty() ? null : new HealthModel(HealthModel.Settings.DEFAULTS);
      for (String[] d : scenario) {
        java.time.Duration from = java.time.Duration.ofMillis((long) (Double.parseDouble(d[1]) * 1000));
        java.time.Duration to = d[2] == null ? java.time.Duration.ofDays(36500)
            : java.time.Duration.ofMillis((long) (Double.parseDouble(d[2]) * 1000));
        model.down(d[0], start.plus(from), start.plus(to));
      }
      Replay r = new Replay(set, create(n, seeded, "--compare " + KamailioAlgorithms.label(n)), useDefault, false, model);
      List<Prediction> p = replayAll(r, arrivals, inDialogSelects);
      String label = (String) c[0] + (scenarioLabel == null ? "" : " (" + scenarioLabel + ")");
      out.add(whatIf(label, n, (String) c[2], scenarioLabel, destinations, p, end));
    }
    return out;
  }

  /**
   * Replays the calls in arrival order, with the in-dialog requests' selections (--in-dialog select) in between:
   * those move the algorithm's state on but are not predictions of a call.
   */
  private static List<Prediction> replayAll(Replay replay, List<CallArrival> calls, List<CallArrival> inDialog) {
    List<Prediction> out = new ArrayList<>(calls.size());
    List<CallArrival> extra = new ArrayList<>(inDialog);
    extra.sort(Comparator.comparing(CallArrival::time));
    int j = 0;
    for (CallArrival c : calls) {
      while (j < extra.size() && extra.get(j).time().isBefore(c.time())) {
        replay.next(extra.get(j++));
      }
      out.add(replay.next(c));
    }
    return out;
  }

  /** Returns the set with {@code weight} and {@code rweight} replaced: {@code ADDR=W,...} or {@code W/W/W}. */
  private List<Destination> reweigh(List<Destination> set, String spec) {
    Map<String, String> byAddress = new LinkedHashMap<>();
    String[] parts = spec.contains("=") ? spec.split(",") : spec.split("/");
    if (!spec.contains("=") && parts.length != set.size()) {
      throw new ParameterException(this.spec.commandLine(), "--weights " + spec + ": " + parts.length
          + " weights for " + set.size() + " destinations (in the set's order: "
          + set.stream().map(Destination::hostPort).toList() + ")");
    }
    for (int i = 0; i < parts.length; i++) {
      String addr = spec.contains("=") ? parts[i].substring(0, Math.max(0, parts[i].indexOf('='))).trim()
          : set.get(i).hostPort();
      String w = spec.contains("=") ? parts[i].substring(parts[i].indexOf('=') + 1).trim() : parts[i].trim();
      if (!w.matches("\\d{1,3}") || set.stream().noneMatch(d -> d.hostPort().equals(addr))) {
        throw new ParameterException(this.spec.commandLine(), "--weights " + spec + ": '" + parts[i]
            + "' (expected ADDR=W with ADDR one of " + set.stream().map(Destination::hostPort).toList()
            + " and W a number 0-100, or W/W/... in that order)");
      }
      byAddress.put(addr, w);
    }
    List<Destination> out = new ArrayList<>();
    for (Destination d : set) {
      Map<String, String> attrs = new LinkedHashMap<>(d.attrs());
      String w = byAddress.get(d.hostPort());
      if (w != null) {
        attrs.put("weight", w);
        attrs.put("rweight", w);
      }
      out.add(new Destination(d.setId(), d.uri(), d.flags(), d.priority(), attrs, d.line()));
    }
    return out;
  }

  /**
   * Reads a scenario file into {@code --down} values. Example line: {@code 10.0.0.12:5060 down 30-90}.
   */
  private List<String> readScenario(Path file, List<Destination> set) {
    List<String> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = java.nio.file.Files.readAllLines(file);
    } catch (java.io.IOException e) {
      throw new ParameterException(spec.commandLine(), "--scenario " + file + ": " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 2 || f.length > 3 || !f[1].equals("down")
          || (f.length == 3 && !f[2].matches("\\d+(\\.\\d+)?-(\\d+(\\.\\d+)?)?"))
          || set.stream().noneMatch(d -> d.hostPort().equals(f[0]))) {
        throw new ParameterException(spec.commandLine(), file + " line " + (i + 1) + ": '" + lines.get(i).strip()
            + "' (expected: ADDR down [FROM-TO], seconds after the first call, with ADDR one of "
            + set.stream().map(Destination::hostPort).toList() + ")");
      }
      out.add(f.length == 3 ? f[0] + "@" + f[2] : f[0]);
    }
    return out;
  }

  /** {@code ADDR[@FROM-TO]} as {address, from, to or null}. */
  private String[] parseDown(String text, List<Destination> set) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^@]+?)(?:@(\\d+(?:\\.\\d+)?)-(\\d+(?:\\.\\d+)?)?)?")
        .matcher(text);
    if (!m.matches() || set.stream().noneMatch(d -> d.hostPort().equals(m.group(1)))) {
      throw new ParameterException(spec.commandLine(), "--down " + text + " (expected ADDR or ADDR@FROM-TO, seconds"
          + " after the first call, with ADDR one of " + set.stream().map(Destination::hostPort).toList() + ")");
    }
    return new String[] {m.group(1), m.group(2) == null ? "0" : m.group(2), m.group(3)};
  }

  private DispatcherAlgorithm create(int n, KamailioAlgorithms.Options options, String option) {
    if (n == 7 && options.hashPvar() == null) {
      throw new ParameterException(spec.commandLine(), option + ": algorithm 7 hashes the dispatcher's hash_pvar;"
          + " give it with --hash-pvar or a --kamailio-cfg that sets it");
    }
    try {
      return KamailioAlgorithms.create(n, options);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  /**
   * Random algorithms: the observed first picks against the counts the configuration leads one to expect, summed
   * call by call over the states each call met (chi-square).
   */
  private static @Nullable Map<String, Object> fit(Map<String, Double> expected, List<Prediction> predictions) {
    List<String> keys = new ArrayList<>(expected.keySet());
    double[] e = new double[keys.size()];
    long[] o = new long[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      e[i] = expected.get(keys.get(i));
    }
    for (Prediction p : predictions) {
      int i = keys.indexOf(p.observed() == null ? "none" : p.observed());
      if (i >= 0) {
        o[i]++;
      }
    }
    return fitJson(predictions.isEmpty() ? null : GoodnessOfFit.test(e, o));
  }

  /**
   * Alg 9 and 11: the slot counts of the weight table predict the counts of every 100 consecutive calls
   * exactly, whatever the shuffle.
   */
  private Map<String, Object> weightCounts(List<Destination> destinations, List<CallArrival> arrivals) {
    int[] slots = io.sipaudit.simulate.WeightTable.slots(destinations, alg);
    long full = arrivals.size() / 100;
    int rest = arrivals.size() % 100;
    Map<String, Long> observed = new LinkedHashMap<>();
    for (Destination d : destinations) {
      observed.put(d.hostPort(), 0L);
    }
    for (CallArrival a : arrivals) {
      if (a.observedFirstPick() != null) {
        observed.merge(a.observedFirstPick(), 1L, Long::sum);
      }
    }
    boolean allEqual = true;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < destinations.size(); i++) {
      String hp = destinations.get(i).hostPort();
      long low = full * slots[i];
      long high = low + Math.min(rest, slots[i]);
      long seen = observed.getOrDefault(hp, 0L);
      allEqual &= seen >= low && seen <= high;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("backend", hp);
      row.put("slots", slots[i]);
      row.put("predictedMin", low);
      row.put("predictedMax", high);
      row.put("observed", seen);
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("weightTable", rows);
    out.put("countsAsPredicted", allEqual);
    return out;
  }

  private static @org.jspecify.annotations.Nullable Map<String, Object> fitJson(
      GoodnessOfFit.@org.jspecify.annotations.Nullable Fit fit) {
    if (fit == null) {
      return null;
    }
    // only for the algorithms with randomness (weight tables): the others are judged call by call (agreement)
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test", "chi-square");
    m.put("statistic", Double.isFinite(fit.chiSquare()) ? fit.chiSquare() : null);   // a count where none was due
    m.put("degreesOfFreedom", fit.degreesOfFreedom());
    m.put("pValue", fit.pValue());
    return m;
  }

  /**
   * How one algorithm would have spread the calls: first picks per destination, calls with no destination left,
   * and how often it agrees with the balancer.
   */
  record WhatIf(String algorithm, String name, @Nullable String weights, @Nullable String scenario,
      Map<String, Long> picks, Map<String, Integer> peak, long noDestination, long agreed, long calls) {}

  /** A what-if column of another balancer's replay: no weights, no scenario, calls held until their end. */
  static WhatIf whatIf(String algorithm, @Nullable String name, List<String> hostPorts, List<Prediction> predictions) {
    Instant end = predictions.isEmpty() ? Instant.EPOCH : predictions.get(predictions.size() - 1).call().time();
    return whatIf(algorithm, String.valueOf(name), null, null, hostPorts, predictions, end);
  }

  private static WhatIf whatIf(String label, int alg, @Nullable String weights, @Nullable String scenario,
      List<Destination> destinations, List<Prediction> predictions, Instant end) {
    return whatIf(label, String.valueOf(KamailioAlgorithms.name(alg)), weights, scenario,
        destinations.stream().map(Destination::hostPort).toList(), predictions, end);
  }

  private static WhatIf whatIf(String label, String name, @Nullable String weights, @Nullable String scenario,
      List<String> hostPorts, List<Prediction> predictions, Instant end) {
    Map<String, Long> picks = new LinkedHashMap<>();
    Map<String, List<Instant[]>> spans = new LinkedHashMap<>();
    for (String d : hostPorts) {
      picks.put(d, 0L);
      spans.put(d, new ArrayList<>());
    }
    long none = 0;
    long agreed = 0;
    for (Prediction p : predictions) {
      if (p.predicted().equals("none")) {
        none++;
      } else {
        picks.merge(p.predicted(), 1L, Long::sum);
        Instant stop = p.call().end() != null ? p.call().end() : end;
        spans.computeIfAbsent(p.predicted(), k -> new ArrayList<>()).add(new Instant[] {p.call().time(), stop});
      }
      if (p.agrees()) {
        agreed++;
      }
    }
    Map<String, Integer> peak = new LinkedHashMap<>();
    spans.forEach((k, v) -> peak.put(k, peak(v)));
    return new WhatIf(label, name, weights, scenario, picks, peak, none, agreed, predictions.size());
  }

  /** The most calls held at once: starts and ends in time order, an end before a start at the same instant. */
  private static int peak(List<Instant[]> spans) {
    List<Instant[]> events = new ArrayList<>();
    for (Instant[] s : spans) {
      events.add(new Instant[] {s[0], null});
      events.add(new Instant[] {s[1].isBefore(s[0]) ? s[0] : s[1], s[1]});
    }
    events.sort(Comparator.<Instant[], Instant>comparing(e -> e[0]).thenComparing(e -> e[1] == null ? 1 : 0));
    int now = 0;
    int max = 0;
    for (Instant[] e : events) {
      now += e[1] == null ? 1 : -1;
      max = Math.max(max, now);
    }
    return max;
  }

  /**
   * How a replay is named: {@code algorithm} in the JSON ({@code kamailio:4}), its {@code algorithmName}, and the
   * text report's first line ({@code Kamailio alg 4 (round-robin) over set 1 of dispatcher.list}).
   */
  record Title(String algorithm, String name, String heading) {}

  void report(PrintWriter out, Title title, int setId, List<String> hostPorts, List<Prediction> predictions,
      Map<String, String> finals, List<WhatIf> whatIf) throws Exception {
    report(out, title, setId, hostPorts, predictions, finals, whatIf, Map.of());
  }

  void report(PrintWriter out, Title title, int setId, List<String> hostPorts, List<Prediction> predictions,
      Map<String, String> finals, List<WhatIf> whatIf, Map<String, Object> extra) throws Exception {
    long learned = predictions.stream().filter(Prediction::learned).count();
    long judged = predictions.size() - learned;
    long agreed = predictions.stream().filter(p -> p.agrees() && !p.learned()).count();
    Map<String, long[]> perDestination = new LinkedHashMap<>();
    for (String d : hostPorts) {
      perDestination.put(d, new long[2]);
    }
    for (Prediction p : predictions) {
      perDestination.computeIfAbsent(p.predicted(), k -> new long[2])[0]++;
      if (p.observed() != null) {
        perDestination.computeIfAbsent(p.observed(), k -> new long[2])[1]++;
      }
    }
    List<Prediction> disagreements = predictions.stream().filter(p -> !p.agrees() && !p.learned()).toList();
    if (format == Format.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", "sipaudit.simulation/2");
      doc.put("algorithm", title.algorithm());
      doc.put("algorithmName", title.name());
      doc.put("set", setId);
      doc.put("callCount", predictions.size());
      doc.put("agreement", judged == 0 ? null : (double) agreed / judged);
      doc.put("agreed", agreed);
      doc.put("learnedCalls", learned);
      doc.putAll(extra);
      List<Map<String, Object>> dist = new ArrayList<>();
      perDestination.forEach((k, v) -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("backend", k);
        row.put("observed", v[1]);
        row.put("predicted", v[0]);
        dist.add(row);
      });
      doc.put("distribution", dist);
      List<Map<String, Object>> calls = new ArrayList<>();
      for (Prediction p : predictions) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("callId", p.call().callId());
        c.put("time", p.call().time().toString());
        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("firstPick", p.observed());
        observed.put("final", finals.get(p.call().callId()));
        c.put("observed", observed);
        Map<String, Object> predicted = new LinkedHashMap<>();
        predicted.put("firstPick", p.predicted());
        predicted.put("failover", p.failover());
        c.put("predicted", predicted);
        c.put("agree", p.agrees());
        if (p.learned()) {
          c.put("learned", true);
        }
        calls.add(c);
      }
      doc.put("calls", calls);
      if (!whatIf.isEmpty()) {
        List<Map<String, Object>> w = new ArrayList<>();
        for (WhatIf x : whatIf) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("algorithm", x.algorithm());
          m.put("algorithmName", x.name());
          m.put("weights", x.weights());
          m.put("scenario", x.scenario());
          m.put("picks", x.picks());
          m.put("peakConcurrent", x.peak());
          m.put("noDestination", x.noDestination());
          m.put("agreement", x.calls() == 0 ? null : (double) x.agreed() / x.calls());
          w.add(m);
        }
        doc.put("whatIf", w);
      }
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
      out.flush();
      return;
    }
    out.printf("%s, %d destinations%n", title.heading(), hostPorts.size());
    if (learned > 0) {
      out.printf("%d calls replayed; the first %d taught the weight table's shuffled order (use --seed to shuffle"
          + " it instead); of the other %d, the balancer's first pick agreed with the table for %d (%.1f%%)%n",
          predictions.size(), learned, judged, agreed, judged == 0 ? 0.0 : 100.0 * agreed / judged);
    } else {
      out.printf("%d calls replayed; the balancer's first pick agreed with the algorithm for %d (%.1f%%)%n",
          predictions.size(), agreed, predictions.isEmpty() ? 0.0 : 100.0 * agreed / predictions.size());
    }
    if (title.algorithm().equals("kamailio:6")) {
      out.printf("Algorithm 6 draws each process's own rand(): single picks cannot match a real server (seed %s);"
          + " its distribution is what counts.%n", seed == null ? "1, glibc's default" : seed);
    }
    if (extra.get("goodnessOfFit") instanceof Map<?, ?> fit) {
      out.printf("Goodness of fit of the observed first picks to the configuration: chi-square %s, p = %s%s%n",
          fit.get("statistic"), fit.get("pValue"), fit.get("pValue") instanceof Double p && p < 0.01
              ? " (the configuration does NOT explain the distribution)" : "");
    }
    if (extra.containsKey("countsAsPredicted")) {
      out.printf("Counts per 100 calls %s the weight table's slots.%n",
          Boolean.TRUE.equals(extra.get("countsAsPredicted")) ? "match" : "do NOT match");
    }
    out.println();
    if (!disagreements.isEmpty()) {
      out.printf("First disagreements (of %d):%n", disagreements.size());
      disagreements.stream().limit(10).forEach(p -> out.printf("  %s  %s  predicted %s, balancer chose %s%n",
          p.call().time(), p.call().callId(), p.predicted(), p.observed() == null ? "nothing" : p.observed()));
      out.println();
    }
    out.printf("  %-24s %9s %9s%n", "destination", "predicted", "observed");
    perDestination.forEach((k, v) -> out.printf("  %-24s %9d %9d%n", k, v[0], v[1]));
    if (!whatIf.isEmpty()) {
      out.printf("%nWhat if (the same calls, destinations and health; first picks per destination):%n");
      out.printf("  %-24s", "destination");
      for (int i = 0; i < whatIf.size(); i++) {
        out.printf(" %12s", whatIf.get(i).algorithm().length() <= 12 ? whatIf.get(i).algorithm() : "[" + (i + 1) + "]");
      }
      out.println();
      for (String d : hostPorts) {
        out.printf("  %-24s", d);
        for (WhatIf x : whatIf) {
          long n = x.picks().getOrDefault(d, 0L);
          out.printf(" %12s", String.format(java.util.Locale.ROOT, "%d (%.0f%%)", n,
              x.calls() == 0 ? 0.0 : 100.0 * n / x.calls()));
        }
        out.println();
      }
      out.printf("  %-24s", "no destination (failed)");
      whatIf.forEach(x -> out.printf(" %12d", x.noDestination()));
      out.println();
      out.printf("  %-24s", "agrees with the balancer");
      whatIf.forEach(x -> out.printf(" %12s", String.format(java.util.Locale.ROOT, "%.1f%%",
          x.calls() == 0 ? 0.0 : 100.0 * x.agreed() / x.calls())));
      out.println();
      out.printf("%nPeak concurrent calls per destination (a call lasts from its arrival to its BYE):%n");
      for (String d : hostPorts) {
        out.printf("  %-24s", d);
        whatIf.forEach(x -> out.printf(" %12d", x.peak().getOrDefault(d, 0)));
        out.println();
      }
      for (int i = 0; i < whatIf.size(); i++) {
        out.printf("  [%d] %s%n", i + 1, whatIf.get(i).algorithm());
      }
    }

    out.flush();
  }
}
