package io.sipaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sipaudit.attribution.Attempt;
import io.sipaudit.attribution.AttemptOutcome;
import io.sipaudit.attribution.Attributor;
import io.sipaudit.audit.GoodnessOfFit;
import io.sipaudit.config.SrvSetup;
import io.sipaudit.config.SrvZone;
import io.sipaudit.dialog.CallAssembler;
import io.sipaudit.dns.DnsAnswers;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import io.sipaudit.simulate.srv.DstBlocklist;
import io.sipaudit.simulate.srv.SrvBehaviour;
import io.sipaudit.simulate.srv.SrvReplay;
import io.sipaudit.simulate.srv.SrvTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code sipaudit simulate capture.pcap --srv srv.zone [--srv-behaviour kamailio] [--kamailio-cfg ...]}: the calls
 * replayed through an SRV behaviour ({@link SrvBehaviour}) over the zone's records (or the SRV answers the capture
 * holds), the predicted first pick and failover list beside the balancer's, and for the random behaviours a
 * chi-square test of the observed first picks against the exact expected ones.
 *
 * <p>The options are a mixin of {@code simulate}; {@link #wanted} says whether this mode runs.
 */
final class SrvSimulation {

  @Option(names = "--srv", paramLabel = "ZONE",
      description = "Replay by DNS SRV instead of a dispatcher list: a zone file with the SRV records (and the"
          + " targets' A/AAAA records) the balancer resolved.")
  @Nullable Path zoneFile;

  @Option(names = "--srv-service", paramLabel = "NAME",
      description = "The SRV name to replay, e.g. _sip._udp.voice.lab (needed when the zone or the capture holds"
          + " several).")
  @Nullable String service;

  @Option(names = "--srv-from-capture",
      description = "Take the SRV records from the DNS answers in the capture (UDP/TCP port 53) instead of a zone"
          + " file. This is also what happens when neither --srv nor --dispatcher is given and the capture holds"
          + " SRV answers.")
  boolean fromCapture;

  @Option(names = {"--srv-behaviour", "--srv-behavior"}, paramLabel = "NAME", defaultValue = "kamailio",
      description = "Whose SRV selection to replay: kamailio (default; dns_srv_lb and use_dns_failover from"
          + " --kamailio-cfg, Kamailio's defaults without it), rfc2782, opensips, resiprocate, pjsip, jain-sip,"
          + " client-cache (one RFC 2782 draw kept for the TTL).")
  String behaviourName;

  /** Seed of the random draws of the weighted behaviours (simulate's --seed, default 1). */
  long seed = 1;

  /** Returns whether {@code simulate} runs in SRV mode: an SRV source is given, or no dispatcher list. */
  boolean wanted(CommandSpec spec, @Nullable Path dispatcher) {
    if (dispatcher != null && (zoneFile != null || fromCapture)) {
      throw new ParameterException(spec.commandLine(), "--dispatcher and --srv"
          + (fromCapture ? "-from-capture" : "") + " describe two balancers: give one");
    }
    if (zoneFile != null && fromCapture) {
      throw new ParameterException(spec.commandLine(), "--srv and --srv-from-capture are two sources: give one");
    }
    return dispatcher == null;
  }

  /** What the capture showed of one call beyond its arrival. */
  private record Observed(List<String> tries, @Nullable String backend) {}

  int run(CommandSpec spec, CaptureInputs inputs, KamailioCfgOptions cfg, NodeOptions nodes, boolean observedHealth,
      boolean json, List<String> compare) throws Exception {
    if (!compare.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--compare replays dispatcher algorithms; with SRV, run"
          + " again with another --srv-behaviour");
    }
    SrvBehaviour behaviour;
    try {
      behaviour = SrvBehaviour.parse(behaviourName);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--srv-behaviour: " + e.getMessage());
    }
    SrvZone fileZone = zoneFile == null ? null : SrvZone.read(zoneFile);
    if (fileZone != null && fileZone.records().isEmpty()) {
      throw new ParameterException(spec.commandLine(), zoneFile + " has no SRV records");
    }
    SrvSetup setup = behaviour == SrvBehaviour.KAMAILIO ? cfg.srvSetup() : SrvSetup.DEFAULTS;

    Attributor attributor = new Attributor(nodes.balancers(spec), nodes.backends(spec));
    List<CallArrival> arrivals = new ArrayList<>();
    Map<String, Observed> observed = new HashMap<>();
    DstBlocklist blocklist = behaviour == SrvBehaviour.KAMAILIO && setup.useDstBlocklist() && observedHealth
        ? new DstBlocklist(Duration.ofSeconds(setup.blocklistExpireSeconds())) : null;
    CallAssembler assembler = new CallAssembler(c -> {
      var a = attributor.attribute(c);
      if (a.balancer() == null) {
        return;
      }
      arrivals.add(CallArrival.of(a));
      List<String> tries = a.attempts().stream().map(x -> x.backend().toString()).toList();
      observed.put(a.call().callId(), new Observed(tries, a.backend() == null ? null : a.backend().toString()));
      if (blocklist != null) {
        List<Attempt> attempts = a.attempts();
        for (int k = 0; k < attempts.size(); k++) {
          Attempt t = attempts.get(k);
          // tm blocklists an INVITE whose fr_timer ran out without any reply (a 18x makes fr_inv_timer apply)
          if (t.outcome() == AttemptOutcome.TIMEOUT && t.pddMs() == null) {
            Instant at = k + 1 < attempts.size() ? attempts.get(k + 1).sent()
                : t.sent().plusMillis(setup.frTimer());
            blocklist.add(at, t.backend().toString());
          }
        }
      }
    });
    DnsAnswers dns = new DnsAnswers();
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = inputs.progress(err);
    SipIngest.Result result = inputs.dialogIngest(bar).watch(dns).run(inputs.checked(), assembler);
    assembler.finish();
    bar.done();
    arrivals.sort(Comparator.comparing(CallArrival::time));

    SrvZone zone = fileZone;
    String sourceKind = "zone";
    if (zone == null) {
      if (!dns.hasSrv()) {
        throw new ParameterException(spec.commandLine(), fromCapture
            ? "the capture holds no SRV answers (" + dns.responses() + " DNS responses, " + dns.malformed()
                + " malformed): give the records with --srv ZONE"
            : "give --dispatcher FILE --algorithm kamailio:N, or --srv ZONE (the capture holds no SRV answers to"
                + " take instead)");
      }
      zone = dns.zone(String.join(", ", inputs.names()) + " (DNS answers)");
      sourceKind = "capture";
    }
    String name = service(spec, zone);
    List<SrvTarget> targets = SrvTarget.of(zone.records(name));
    SrvReplay replay;
    try {
      replay = new SrvReplay(targets, behaviour, setup, seed, blocklist);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), zone.source() + ", " + name + ": " + e.getMessage());
    }
    List<Prediction> predictions = new ArrayList<>(arrivals.size());
    for (CallArrival a : arrivals) {
      predictions.add(replay.next(a));
    }
    List<String> notes = notes(setup, behaviour, dns, name, replay, blocklist, sourceKind);
    Map<String, Object> doc = document(behaviour, setup, zone, name, sourceKind, replay, predictions, observed, dns,
        blocklist, notes);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } else {
      SrvSimulationText.print(out, doc, predictions, observed.entrySet().stream()
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().tries())));
    }
    out.flush();
    for (InputError e : result.errors()) {
      err.println("sipaudit: " + e.message());
    }
    err.flush();
    return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERR;
  }

  private String service(CommandSpec spec, SrvZone zone) {
    List<String> services = zone.services();
    if (service != null) {
      String s = service.toLowerCase(Locale.ROOT);
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
      if (!services.contains(s)) {
        throw new ParameterException(spec.commandLine(), "--srv-service " + service + " is not in " + zone.source()
            + " (SRV names: " + services + ")");
      }
      return s;
    }
    if (services.size() > 1) {
      throw new ParameterException(spec.commandLine(), zone.source() + " has several SRV names " + services
          + ": choose one with --srv-service");
    }
    return services.get(0);
  }

  private static List<String> notes(SrvSetup setup, SrvBehaviour behaviour, DnsAnswers dns, String service,
      SrvReplay replay, @Nullable DstBlocklist blocklist, String sourceKind) {
    List<String> notes = new ArrayList<>();
    if (behaviour == SrvBehaviour.KAMAILIO && setup.dnsSrvLb() && !setup.useDnsFailover()) {
      notes.add("dns_srv_lb is on but use_dns_failover is off: Kamailio then keeps the fixed order");
    }
    if (behaviour == SrvBehaviour.KAMAILIO && setup.dnsTryNaptr()) {
      notes.add("dns_try_naptr is on: NAPTR records are not modelled; the SRV name replayed is " + service);
    }
    if (blocklist != null) {
      notes.add("dst blocklist on (" + setup.blocklistExpireSeconds() + " s): " + blocklist.size()
          + " unanswered INVITE(s) in the capture blocked their address");
    }
    if (dns.answerSets(service) > 1) {
      notes.add("the capture's answers for " + service + " changed " + (dns.answerSets(service) - 1)
          + " time(s): all records seen are replayed as one set");
    }
    if (dns.malformed() > 0) {
      notes.add(dns.malformed() + " malformed DNS message(s), first: " + dns.firstProblem());
    }
    if (dns.truncated() > 0) {
      notes.add(dns.truncated() + " truncated DNS answer(s) (TC) left out");
    }
    if (replay.unmatched() > 0) {
      notes.add(replay.unmatched() + " call(s) went first to an address none of the SRV targets has");
    }
    if (replay.random()) {
      notes.add("the order is drawn at random (seed given by --seed): single calls agree only by chance;"
          + " the goodness of fit decides");
    }
    if (behaviour.cachesPerTtl()) {
      notes.add("one draw per TTL window (" + replay.draws() + " windows) is counted in the fit");
    }
    if ("capture".equals(sourceKind)) {
      notes.add("records taken from " + dns.responses() + " DNS responses in the capture");
    }
    return notes;
  }

  private Map<String, Object> document(SrvBehaviour behaviour, SrvSetup setup, SrvZone zone, String name,
      String sourceKind, SrvReplay replay, List<Prediction> predictions, Map<String, Observed> observed,
      DnsAnswers dns, @Nullable DstBlocklist blocklist, List<String> notes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", "sipaudit.simulation/2");
    doc.put("algorithm", "srv:" + behaviour.id());
    doc.put("algorithmName", behaviour.describe(setup));
    doc.put("service", name);
    doc.put("srvSource", sourceKind);
    doc.put("source", zone.source());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("dnsSrvLb", setup.dnsSrvLb());
    settings.put("useDnsFailover", setup.useDnsFailover());
    settings.put("dnsTryNaptr", setup.dnsTryNaptr());
    settings.put("useDstBlocklist", setup.useDstBlocklist());
    settings.put("dstBlocklistExpire", setup.blocklistExpireSeconds());
    settings.put("frTimer", setup.frTimer());
    settings.put("failoverOn", behaviour.failoverOn());
    settings.put("seed", seed);
    doc.put("settings", settings);
    List<SrvTarget> targets = replay.targets();
    List<Map<String, Object>> records = new ArrayList<>();
    for (SrvTarget t : targets) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("target", t.target());
      r.put("priority", t.priority());
      r.put("weight", t.weight());
      r.put("hostPorts", t.hostPorts());
      r.put("ttl", t.ttl() < 0 ? null : t.ttl());
      records.add(r);
    }
    doc.put("records", records);
    long agreed = predictions.stream().filter(Prediction::agrees).count();
    doc.put("callCount", predictions.size());
    doc.put("agreement", predictions.isEmpty() ? null : (double) agreed / predictions.size());
    doc.put("agreed", agreed);
    doc.put("random", replay.random());
    doc.put("chanceAgreement", replay.draws() == 0 ? null
        : Math.round(replay.chanceAgreements() / replay.draws() * 1000) / 1000.0);
    long failoverChecked = 0;
    long failoverAgreed = 0;
    List<Map<String, Object>> calls = new ArrayList<>();
    Map<String, Long> predictedCounts = new HashMap<>();
    for (Prediction p : predictions) {
      predictedCounts.merge(p.predicted(), 1L, Long::sum);
      Observed o = observed.get(p.call().callId());
      List<String> later = o == null || o.tries().size() < 2 ? List.of() : o.tries().subList(1, o.tries().size());
      Boolean failoverAgrees = null;
      if (!later.isEmpty() && p.agrees()) {
        failoverChecked++;
        failoverAgrees = !p.failover().isEmpty() && p.failover().get(0).equals(later.get(0));
        failoverAgreed += failoverAgrees ? 1 : 0;
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("callId", p.call().callId());
      c.put("time", p.call().time().toString());
      Map<String, Object> obs = new LinkedHashMap<>();
      obs.put("firstPick", p.observed());
      obs.put("failover", later);
      obs.put("final", o == null ? null : o.backend());
      c.put("observed", obs);
      Map<String, Object> pred = new LinkedHashMap<>();
      pred.put("firstPick", p.predicted());
      pred.put("failover", p.failover());
      c.put("predicted", pred);
      c.put("agree", p.agrees());
      c.put("failoverAgree", failoverAgrees);
      calls.add(c);
    }
    doc.put("failoverChecked", failoverChecked);
    doc.put("failoverAgreed", failoverAgreed);
    double[] expected = replay.expectedFirstPicks();
    long[] seen = replay.observedFirstPicks();
    List<Map<String, Object>> dist = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      SrvTarget t = targets.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      String hp = t.hostPorts().isEmpty() ? t.target() : t.hostPorts().get(0);
      row.put("backend", hp);
      row.put("target", t.target());
      row.put("priority", t.priority());
      row.put("weight", t.weight());
      row.put("observed", seen[i]);
      row.put("predicted", t.hostPorts().stream().mapToLong(x -> predictedCounts.getOrDefault(x, 0L)).sum());
      row.put("expected", Math.round(expected[i] * 1000) / 1000.0);
      dist.add(row);
    }
    doc.put("distribution", dist);
    doc.put("goodnessOfFit", fit(expected, seen, replay.draws()));
    doc.put("calls", calls);
    if (dns.responses() + dns.queries() + dns.malformed() > 0) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("responses", dns.responses());
      d.put("queries", dns.queries());
      d.put("malformed", dns.malformed());
      d.put("truncated", dns.truncated());
      d.put("errors", dns.errors());
      d.put("answerSets", dns.answerSets(name));
      doc.put("dns", d);
    }
    doc.put("blocklistEntries", blocklist == null ? null : blocklist.size());
    doc.put("notes", notes);
    return doc;
  }

  private static @Nullable Map<String, Object> fit(double[] expected, long[] observed, long draws) {
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    if (n == 0) {
      return null;
    }
    GoodnessOfFit.Fit f = GoodnessOfFit.test(expected, observed);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test", "chi-square");
    m.put("statistic", Double.isFinite(f.chiSquare()) ? f.chiSquare() : null);
    m.put("degreesOfFreedom", f.degreesOfFreedom());
    m.put("pValue", f.pValue());
    m.put("draws", draws);
    return m;
  }
}
