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
          + " dispatcher.list set, and compare its first pick with the balancer's, call by call. Deterministic"
          + " algorithms are reproduced exactly: 0 (hash Call-ID), 1 (hash From URI), 2 (hash To URI), 3 (hash"
          + " R-URI), 4 (round-robin), 8 (first available by priority).",
      "Destinations change state as the balancer saw them: every probe result in the capture (an answer, or tm's"
          + " fr_timer after an unanswered probe) and every attempt the failure route gave up on (ds_mark_dst) go"
          + " through Kamailio's state machine with the thresholds and probing mode of --kamailio-cfg (Kamailio's"
          + " defaults without it); --health none keeps the list file's states. With a different --alg than the"
          + " balancer ran, this answers 'what if'.",
      "By DNS SRV instead (--srv ZONE, --srv-from-capture, or neither --dispatcher nor --srv when the capture holds"
          + " SRV answers): the calls are replayed through --srv-behaviour (Kamailio's core resolver by default,"
          + " dns_srv_lb/use_dns_failover/use_dst_blocklist from --kamailio-cfg) and the first picks tested against"
          + " the records' weights."
    })
final class SimulateCommand implements Callable<Integer> {

  enum Format { text, json }

  @Spec CommandSpec spec;

  @Mixin CaptureInputs inputs;

  @Option(names = "--dispatcher", paramLabel = "FILE", description = "Kamailio dispatcher.list (with --algorithm).")
  Path dispatcher;

  @Option(names = {"--algorithm", "--alg"}, paramLabel = "kamailio:N",
      description = "The algorithm: kamailio:N (or just N) for Kamailio dispatcher algorithm N.")
  String algorithmName;

  /** {@code --srv ZONE}, {@code --srv-from-capture}, or neither SRV nor dispatcher: replay by DNS SRV instead. */
  @Mixin SrvSimulation srv = new SrvSimulation();

  int alg;

  @Option(names = "--set", paramLabel = "ID", description = "Set id (default: the only set, else 1).")
  @Nullable Integer set;

  @Option(names = "--flags", defaultValue = "0", paramLabel = "N",
      description = "The dispatcher module's flags parameter (bit 1: hash the URI user only). Default 0.")
  int flags;

  @Option(names = "--use-default", description = "The dispatcher module's use_default=1: the last destination"
      + " is kept as a last resort.")
  boolean useDefault;

  @Option(names = "--rr-start", paramLabel = "auto|fresh", defaultValue = "auto",
      description = "Round-robin: start where the first observed call says (auto, default), or at index 0 as"
          + " after a Kamailio start or reload (fresh).")
  String rrStart;

  @Mixin KamailioCfgOptions cfg = new KamailioCfgOptions();

  enum Health { observed, none }

  @Option(names = "--health", paramLabel = "observed|none", defaultValue = "observed",
      description = "observed (default): destinations change state as the capture's probes and failovers say,"
          + " through Kamailio's state machine; none: they keep the list file's state.")
  Health health;

  @Option(names = "--compare", paramLabel = "kamailio:N",
      description = "What if: also replay the same calls through this algorithm (repeatable), with the same"
          + " destinations and health, and show how each would have spread them.")
  List<String> compare = new ArrayList<>();

  @Mixin NodeOptions nodes;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  Format format = Format.text;

  @Override
  public Integer call() throws Exception {
    if (srv.wanted(spec, dispatcher)) {
      return srv.run(spec, inputs, cfg, nodes, health == Health.observed, format == Format.json, compare);
    }
    if (algorithmName == null) {
      throw new ParameterException(spec.commandLine(), "--dispatcher needs --algorithm kamailio:N");
    }
    DispatcherAlgorithm algorithm;   // null for the weight algorithms: counts only
    alg = DispatcherChoice.algorithm(spec, algorithmName);
    boolean weights = alg == 9 || alg == 11;
    try {
      algorithm = weights ? null : KamailioAlgorithms.create(alg, flags);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!rrStart.equals("auto") && !rrStart.equals("fresh")) {
      throw new ParameterException(spec.commandLine(), "--rr-start " + rrStart + " (expected: auto or fresh)");
    }
    DispatcherList list = DispatcherList.read(dispatcher);
    int setId = DispatcherChoice.setId(spec, list, set, dispatcher);
    List<Destination> destinations = list.set(setId);
    Attributor attributor = new Attributor(nodes.balancers(spec), nodes.backends(spec));
    DispatcherSetup setup = cfg.setup();
    HealthOptions probeOptions = AuditOptions.health(HealthOptions.DEFAULTS, setup);
    HealthObserver observed = new HealthObserver(setup, probeOptions);
    HealthTracker tracker = new HealthTracker(probeOptions).onProbeResult(observed.probes::add);
    List<CallArrival> arrivals = new ArrayList<>();
    Map<String, String> finals = new java.util.HashMap<>();
    CallAssembler assembler = new CallAssembler(c -> {
      var a = attributor.attribute(c);
      if (a.balancer() != null) {
        arrivals.add(CallArrival.of(a));
        observed.call(a);
        if (a.backend() != null) {
          finals.put(a.call().callId(), a.backend().toString());
        }
      }
    });
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = inputs.progress(err);
    SipIngest.Result result = inputs.ingest(bar).run(inputs.checked(), e -> {
      tracker.accept(e);
      assembler.accept(e);
    });
    assembler.finish();
    tracker.finish();
    bar.done();
    arrivals.sort(Comparator.comparing(CallArrival::time));
    if (algorithm == null) {
      reportWeights(spec.commandLine().getOut(), setId, destinations, arrivals);
      for (InputError e : result.errors()) {
        err.println("sipaudit: " + e.message());
      }
      err.flush();
      return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERR;
    }
    HealthModel model = health == Health.observed ? observed.model() : null;
    Replay replay = new Replay(destinations, algorithm, useDefault, rrStart.equals("auto"), model);
    List<Prediction> predictions = new ArrayList<>(arrivals.size());
    for (CallArrival a : arrivals) {
      predictions.add(replay.next(a));
    }
    List<WhatIf> whatIf = new ArrayList<>();
    if (!compare.isEmpty()) {
      whatIf.add(whatIf("kamailio:" + alg, destinations, predictions));
      for (String other : compare) {
        int n = DispatcherChoice.algorithm(spec, other);
        DispatcherAlgorithm a;
        try {
          a = KamailioAlgorithms.create(n, flags);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--compare " + other + ": " + e.getMessage());
        }
        Replay r = new Replay(destinations, a, useDefault, false, health == Health.observed ? observed.model() : null);
        List<Prediction> p = new ArrayList<>(arrivals.size());
        for (CallArrival c : arrivals) {
          p.add(r.next(c));
        }
        whatIf.add(whatIf("kamailio:" + n, destinations, p));
      }
    }
    report(spec.commandLine().getOut(), setId, destinations, predictions, finals, whatIf);
    for (InputError e : result.errors()) {
      err.println("sipaudit: " + e.message());
    }
    err.flush();
    return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERR;
  }

  /**
   * Alg 9 and 11: the slot counts of the weight table predict the counts of every 100 consecutive calls
   * exactly; which call gets which slot depends on a shuffle done with rand() at load, so there is no
   * per-call prediction.
   */
  private void reportWeights(PrintWriter out, int setId, List<Destination> destinations, List<CallArrival> arrivals)
      throws Exception {
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
    if (format == Format.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", "sipaudit.simulation/1");
      doc.put("algorithm", alg);
      doc.put("set", setId);
      doc.put("callCount", arrivals.size());
      doc.put("mode", "weight-table counts");
      doc.put("distribution", rows);
      doc.put("countsAsPredicted", allEqual);
      double[] expected = new double[slots.length];
      long[] seenCounts = new long[slots.length];
      for (int i = 0; i < slots.length; i++) {
        expected[i] = slots[i];
        seenCounts[i] = (Long) rows.get(i).get("observed");
      }
      doc.put("goodnessOfFit", fitJson(arrivals.isEmpty() ? null : GoodnessOfFit.test(expected, seenCounts)));
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
      out.flush();
      return;
    }
    out.printf("Kamailio alg %d (%s) over set %d of %s: %d calls%n", alg, alg == 9 ? "weight" : "relative weight", setId,
        dispatcher, arrivals.size());
    out.printf("The weight table gives each destination fixed slots of every 100 calls (their order is shuffled"
        + " at load, so single calls cannot be predicted).%n%n");
    out.printf("  %-24s %6s %15s %9s%n", "destination", "slots", "predicted", "observed");
    for (Map<String, Object> r : rows) {
      String range = r.get("predictedMin").equals(r.get("predictedMax")) ? String.valueOf(r.get("predictedMin"))
          : r.get("predictedMin") + "-" + r.get("predictedMax");
      out.printf("  %-24s %6s %15s %9s%n", r.get("backend"), r.get("slots"), range, r.get("observed"));
    }
    out.printf("%nObserved counts %s the weight table.%n", allEqual ? "match" : "do NOT match");
    out.flush();
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
  record WhatIf(String algorithm, String name, Map<String, Long> picks, long noDestination, long agreed, long calls) {}

  private static WhatIf whatIf(String algorithm, List<Destination> destinations, List<Prediction> predictions) {
    Map<String, Long> picks = new LinkedHashMap<>();
    for (Destination d : destinations) {
      picks.put(d.hostPort(), 0L);
    }
    long none = 0;
    long agreed = 0;
    for (Prediction p : predictions) {
      if (p.predicted().equals("none")) {
        none++;
      } else {
        picks.merge(p.predicted(), 1L, Long::sum);
      }
      if (p.agrees()) {
        agreed++;
      }
    }
    int n = Integer.parseInt(algorithm.substring("kamailio:".length()));
    return new WhatIf(algorithm, String.valueOf(KamailioAlgorithms.name(n)), picks, none, agreed, predictions.size());
  }

  private void report(PrintWriter out, int setId, List<Destination> destinations, List<Prediction> predictions,
      Map<String, String> finals, List<WhatIf> whatIf) throws Exception {
    long agreed = predictions.stream().filter(Prediction::agrees).count();
    Map<String, long[]> perDestination = new LinkedHashMap<>();
    for (Destination d : destinations) {
      perDestination.put(d.hostPort(), new long[2]);
    }
    for (Prediction p : predictions) {
      perDestination.computeIfAbsent(p.predicted(), k -> new long[2])[0]++;
      if (p.observed() != null) {
        perDestination.computeIfAbsent(p.observed(), k -> new long[2])[1]++;
      }
    }
    List<Prediction> disagreements = predictions.stream().filter(p -> !p.agrees()).toList();
    if (format == Format.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", "sipaudit.simulation/2");
      doc.put("algorithm", "kamailio:" + alg);
      doc.put("algorithmName", KamailioAlgorithms.name(alg));
      doc.put("set", setId);
      doc.put("callCount", predictions.size());
      doc.put("agreement", predictions.isEmpty() ? null : (double) agreed / predictions.size());
      doc.put("agreed", agreed);
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
        calls.add(c);
      }
      doc.put("calls", calls);
      if (!whatIf.isEmpty()) {
        List<Map<String, Object>> w = new ArrayList<>();
        for (WhatIf x : whatIf) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("algorithm", x.algorithm());
          m.put("algorithmName", x.name());
          m.put("picks", x.picks());
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
    out.printf("Kamailio alg %d (%s) over set %d of %s, %d destinations%n", alg, KamailioAlgorithms.name(alg), setId,
        dispatcher, destinations.size());
    out.printf("%d calls replayed; the balancer's first pick agreed with the algorithm for %d (%.1f%%)%n%n",
        predictions.size(), agreed, predictions.isEmpty() ? 0.0 : 100.0 * agreed / predictions.size());
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
      for (WhatIf x : whatIf) {
        out.printf(" %12s", x.algorithm());
      }
      out.println();
      for (Destination d : destinations) {
        out.printf("  %-24s", d.hostPort());
        for (WhatIf x : whatIf) {
          long n = x.picks().getOrDefault(d.hostPort(), 0L);
          out.printf(" %12s", String.format(java.util.Locale.ROOT, "%d (%.0f%%)", n,
              x.calls() == 0 ? 0.0 : 100.0 * n / x.calls()));
        }
        out.println();
      }
      out.printf("  %-24s", "no destination");
      whatIf.forEach(x -> out.printf(" %12d", x.noDestination()));
      out.println();
      out.printf("  %-24s", "agrees with the balancer");
      whatIf.forEach(x -> out.printf(" %12s", String.format(java.util.Locale.ROOT, "%.1f%%",
          x.calls() == 0 ? 0.0 : 100.0 * x.agreed() / x.calls())));
      out.println();
    }

    out.flush();
  }
}
