package io.sipaudit.report;

import io.sipaudit.attribution.BackendSummary;
import io.sipaudit.attribution.CallOutcome;
import io.sipaudit.attribution.Node;
import io.sipaudit.attribution.NodeRole;
import io.sipaudit.attribution.Percentiles;
import io.sipaudit.audit.DistributionReport;
import io.sipaudit.audit.Evidence;
import io.sipaudit.audit.Finding;
import io.sipaudit.audit.Verdict;
import io.sipaudit.health.DownInterval;
import io.sipaudit.health.ProbeSummary;
import io.sipaudit.ladder.LadderMessage;
import io.sipaudit.net.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link ReportData} as one self-contained XHTML page: inline CSS, inline SVG charts and ladders, and in
 * {@link Mode#HTML} one small inline script (allowed by hash in the page's Content-Security-Policy, so nothing
 * else can run). The same markup, without the script, is what {@link PdfReport} lays out on pages.
 *
 * <p>Every string that came from the input (Call-IDs, header values, message text) is written through
 * {@link Html#text}; ids through {@link Html#id}.
 *
 * <p>Example: {@code new HtmlReport(Mode.HTML).write(data, writer)}.
 */
public final class HtmlReport {

  /** Where the page goes. */
  public enum Mode {
    /** A browser: interactive ladders, the script, the CSP. */
    HTML,
    /** The PDF renderer: no script, page headers and footers, charts sized for A4. */
    PDF
  }

  /** Clients listed in the topology table; the rest are counted. */
  static final int MAX_CLIENTS = 20;

  static final String SCRIPT = "document.addEventListener('click',function(e){"
      + "var g=e.target.closest?e.target.closest('g.msg'):null;if(!g)return;"
      + "var d=document.getElementById('m-'+g.id);if(!d)return;"
      + "d.open=true;d.scrollIntoView({block:'nearest'});d.classList.add('hit');"
      + "setTimeout(function(){d.classList.remove('hit');},1200);});";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
      Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Mode mode;
  private final int chartWidth;
  private StringBuilder out = new StringBuilder();

  public HtmlReport(Mode mode) {
    this.mode = mode;
    this.chartWidth = mode == Mode.PDF ? 700 : 900;
  }

  /** Writes the page. */
  public void write(ReportData d, Writer w) throws IOException {
    w.write(render(d));
    w.flush();
  }

  /** Returns the page. */
  public String render(ReportData d) {
    out = new StringBuilder(64 * 1024);
    Function<Endpoint, String> name = d::name;
    out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n");
    if (mode == Mode.HTML) {
      out.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
          + " 'unsafe-inline'; img-src data:; script-src 'sha256-").append(sha256(SCRIPT))
          .append("'; base-uri 'none'; form-action 'none'\"/>\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    }
    out.append("<meta name=\"generator\" content=\"sipaudit ").append(e(d.version())).append("\"/>\n")
        .append("<title>sipaudit report: ").append(e(String.join(", ", fileNames(d.inputs())))).append("</title>\n")
        .append("<style>").append(css()).append("</style>\n</head>\n<body>\n");
    header(d);
    verdict(d);
    summary(d);
    backends(d, name);
    simulation(d, name);
    overTime(d, name);
    health(d, name);
    findings(d);
    ladders(d);
    out.append("<footer><p>Made by sipaudit ").append(e(d.version())).append(" on ")
        .append(DATE_TIME.format(d.generated())).append(" UTC. All times are UTC.</p></footer>\n");
    if (mode == Mode.HTML) {
      out.append("<script>").append(SCRIPT).append("</script>\n");
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  // ---- sections

  private void header(ReportData d) {
    out.append("<header>\n<h1>SIP load-balancer audit</h1>\n<table class=\"facts\">\n");
    fact("Inputs", String.join(", ", d.inputs()));
    if (d.first() != null && d.last() != null) {
      fact("Time span", DATE_TIME.format(d.first()) + " to " + DATE_TIME.format(d.last()) + " UTC ("
          + duration(Duration.between(d.first(), d.last())) + ")");
    }
    fact("Expected distribution", d.configuration() != null ? d.configuration()
        : d.audit().distribution() != null ? d.audit().distribution().expectation()
        : "none (no call reached a backend)");
    fact("Calls", Long.toString(d.calls()));
    out.append("</table>\n");
    for (String n : d.notes()) {
      out.append("<p class=\"note\">").append(e(n)).append("</p>\n");
    }
    out.append("</header>\n");
  }

  private void fact(String k, String v) {
    out.append("<tr><th>").append(e(k)).append("</th><td>").append(e(v)).append("</td></tr>\n");
  }

  private void verdict(ReportData d) {
    Verdict v = d.verdict();
    long failed = v.checks().stream().filter(c -> !c.passed()).count();
    out.append("<section id=\"verdict\" class=\"verdict ").append(v.passed() ? "pass" : "fail").append("\">\n")
        .append("<h2>").append(v.passed() ? "PASS" : "FAIL").append(": ")
        .append(v.passed() ? "every check of the policy passed (" + v.checks().size() + ")"
            : failed + " of " + v.checks().size() + " checks failed").append("</h2>\n");
    if (failed > 0) {
      out.append("<ul class=\"checks\">\n");
      for (Verdict.Check c : v.checks()) {
        if (!c.passed()) {
          out.append("<li><code>").append(e(c.name())).append("</code> ").append(e(c.message())).append("</li>\n");
        }
      }
      out.append("</ul>\n");
    }
    List<Finding> top = d.audit().findings().stream().limit(3).toList();
    if (top.isEmpty()) {
      out.append("<p>No findings.</p>\n");
    } else {
      out.append("<p class=\"lead\">Most important findings:</p>\n<ol class=\"top\">\n");
      for (Finding f : top) {
        out.append("<li>").append(badge(f)).append(" <a href=\"#").append(findingId(d, f)).append("\">")
            .append(e(f.code().name())).append("</a> ").append(e(f.message())).append("</li>\n");
      }
      out.append("</ol>\n");
    }
    out.append("</section>\n");
  }

  private void summary(ReportData d) {
    out.append("<section id=\"calls\">\n<h2>Calls and topology</h2>\n<div class=\"cols\">\n<table class=\"grid\">\n"
        + "<thead><tr><th>outcome</th><th class=\"n\">calls</th><th class=\"n\">share</th></tr></thead>\n<tbody>\n");
    for (CallOutcome o : CallOutcome.values()) {
      long n = d.outcomes().getOrDefault(o, 0L);
      if (n > 0) {
        out.append("<tr><td>").append(e(o.label())).append("</td><td class=\"n\">").append(n)
            .append("</td><td class=\"n\">").append(pct(d.calls() == 0 ? 0 : (double) n / d.calls()))
            .append("</td></tr>\n");
      }
    }
    out.append("</tbody>\n</table>\n<table class=\"grid\">\n<tbody>\n");
    row2("PDD p50 / p95", ms(d.pdd().p50()) + " / " + ms(d.pdd().p95()));
    row2("setup p50 / p95", ms(d.setup().p50()) + " / " + ms(d.setup().p95()));
    row2("failovers", Long.toString(d.audit().failovers()));
    row2("calls lost", Long.toString(d.audit().lostCalls()));
    row2("calls sent to backends that answered nothing", Long.toString(d.audit().callsToDownBackends()));
    out.append("</tbody>\n</table>\n</div>\n");
    out.append("<table class=\"grid\" id=\"topology\">\n<thead><tr><th>role</th><th>node</th><th>evidence</th></tr>"
        + "</thead>\n<tbody>\n");
    List<Node> nodes = new ArrayList<>(d.nodes());
    nodes.sort(Comparator.comparing((Node n) -> n.role().ordinal()).thenComparing(n -> -n.callsStarted()));
    int clients = 0;
    long hiddenClients = 0;
    for (Node n : nodes) {
      if (n.role() == NodeRole.CLIENT && ++clients > MAX_CLIENTS) {
        hiddenClients++;
        continue;
      }
      out.append("<tr><td>").append(e(n.role().id())).append("</td><td>").append(e(n.role() == NodeRole.BACKEND
          ? d.name(n.address()) : n.address().toString())).append("</td><td>").append(e(evidence(n)))
          .append("</td></tr>\n");
    }
    if (hiddenClients > 0) {
      out.append("<tr><td>client</td><td colspan=\"2\">").append(hiddenClients)
          .append(" more clients</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  private static String evidence(Node n) {
    List<String> parts = new ArrayList<>();
    if (n.callsBalanced() > 0) {
      parts.add("balanced " + n.callsBalanced() + " calls");
    }
    if (n.callsOffered() > 0) {
      parts.add("offered " + n.callsOffered() + " calls");
    }
    if (n.callsStarted() > 0) {
      parts.add("started " + n.callsStarted() + " calls");
    }
    if (n.callsBridged() > 0) {
      parts.add("bridged " + n.callsBridged() + " calls to a new leg");
    }
    if (n.probesSent() > 0) {
      parts.add("sent " + n.probesSent() + " probes");
    }
    if (n.probesReceived() > 0) {
      parts.add("received " + n.probesReceived() + " probes");
    }
    return String.join(", ", parts);
  }

  private void row2(String k, String v) {
    out.append("<tr><th>").append(e(k)).append("</th><td class=\"n\">").append(e(v)).append("</td></tr>\n");
  }

  private void backends(ReportData d, Function<Endpoint, String> name) {
    DistributionReport dist = d.audit().distribution();
    out.append("<section id=\"backends\">\n<h2>Backends</h2>\n<div class=\"tablebox\">\n"
        + "<table class=\"grid\" id=\"backend-table\">\n<thead><tr><th>backend</th><th class=\"n\">offered</th>"
        + "<th class=\"n\">handled</th><th class=\"n\">share<sup>*</sup></th><th class=\"n\">expected<sup>*</sup>"
        + "</th><th class=\"n\">answered</th><th class=\"n\">failed</th><th class=\"n\">failovers in / out</th>"
        + "<th class=\"n\">PDD p50 / p95</th><th class=\"n\">setup p50 / p95</th><th class=\"n\">peak calls</th>"
        + "<th class=\"n\">down</th></tr></thead>\n<tbody>\n");
    Instant end = d.last() != null ? d.last() : d.generated();
    for (BackendSummary b : d.backends()) {
      DistributionReport.Row r = row(dist, b.backend());
      Duration down = Duration.ZERO;
      for (DownInterval di : d.audit().downIntervals()) {
        if (di.destination().equals(b.backend())) {
          down = down.plus(di.length(end));
        }
      }
      out.append("<tr data-backend=\"").append(e(b.backend().toString())).append("\"><td>")
          .append(e(name.apply(b.backend()))).append("</td><td class=\"n\">").append(b.offered())
          .append("</td><td class=\"n\">").append(b.handled()).append("</td><td class=\"n\">")
          .append(r == null ? "" : pct(r.observedShare())).append("</td><td class=\"n\">")
          .append(r == null ? "" : pct(r.expectedShare())).append("</td><td class=\"n\">").append(b.answered())
          .append("</td><td class=\"n\">").append(b.failed()).append("</td><td class=\"n\">").append(b.failoversIn())
          .append(" / ").append(b.failoversOut()).append("</td><td class=\"n\">").append(p5095(b.pdd()))
          .append("</td><td class=\"n\">").append(p5095(b.setup())).append("</td><td class=\"n\">")
          .append(b.peakConcurrent()).append("</td><td class=\"n\">")
          .append(down.isZero() ? "" : duration(down)).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</div>\n<p class=\"foot\"><sup>*</sup> Share of first picks among the ")
        .append(dist == null ? 0 : dist.tested()).append(" calls tested against the expectation: calls sent while a"
            + " backend was down are left out. Offered: calls for which it was the first pick; handled: calls it"
            + " ended up with.</p>\n");
    if (dist != null) {
      out.append("<p>").append(e(fitSentence(dist))).append("</p>\n");
      chart("Observed and expected share of first picks", Charts.share(dist, name), 300, "chart-share");
    }
    List<Endpoint> order = d.backends().stream().map(BackendSummary::backend).toList();
    if (d.pddCurves().values().stream().anyMatch(c -> c.count() > 0)) {
      chart("Post-dial delay per backend (INVITE to first 18x), cumulative",
          Charts.cdf(order, d.pddCurves(), name, "post-dial delay (ms)"), 260, "chart-pdd");
    }
    if (d.setupCurves().values().stream().anyMatch(c -> c.count() > 0)) {
      chart("Setup time per backend (INVITE to 200), cumulative",
          Charts.cdf(order, d.setupCurves(), name, "setup time (ms)"), 260, "chart-setup");
    }
    out.append("</section>\n");
  }

  private void simulation(ReportData d, Function<Endpoint, String> name) {
    DistributionReport dist = d.audit().distribution();
    if (dist == null || dist.agreement() == null) {
      return;
    }
    out.append("<section id=\"simulation\">\n<h2>Simulation</h2>\n<p>").append(e(String.format(Locale.ROOT,
        "%s predicted the balancer's first pick for %.1f%% of the %d calls tested; %d calls disagree.",
        dist.expectation(), dist.agreement() * 100, dist.tested(), dist.disagreed()))).append("</p>\n");
    if (!dist.disagreements().isEmpty()) {
      out.append("<table class=\"grid\" id=\"disagreement-table\">\n<thead><tr><th>time</th><th>Call-ID</th>"
          + "<th>the balancer picked</th><th>the simulation predicts</th></tr></thead>\n<tbody>\n");
      for (DistributionReport.Disagreement x : dist.disagreements()) {
        out.append("<tr><td>").append(time(x.time())).append("</td><td><code>").append(callLink(d, x.callId()))
            .append("</code></td><td>").append(e(name.apply(x.observed()))).append("</td><td>")
            .append(e(endpointName(d, x.predicted()))).append("</td></tr>\n");
      }
      out.append("</tbody>\n</table>\n");
      if (dist.disagreed() > dist.disagreements().size()) {
        out.append("<p class=\"foot\">The first ").append(dist.disagreements().size()).append(" of ")
            .append(dist.disagreed()).append(" disagreements, in arrival order.</p>\n");
      }
    }
    out.append("</section>\n");
  }

  static String fitSentence(DistributionReport dist) {
    var fit = dist.fit();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "Goodness of fit against %s over %d calls: chi-square %.2f, %d degrees of freedom, p = %s; largest"
            + " deviation %.1f share points; max/min ratio %s.", dist.expectation(), dist.tested(),
        fit.chiSquare(), fit.degreesOfFreedom(), pValue(fit.pValue()), fit.maxDeviation() * 100,
        Double.isFinite(fit.maxMinRatio()) ? String.format(Locale.ROOT, "%.2f", fit.maxMinRatio()) : "n/a"));
    if (dist.excluded() > 0) {
      s.append(' ').append(dist.excluded()).append(" calls sent while a backend was down were left out.");
    }
    if (dist.agreement() != null) {
      s.append(String.format(Locale.ROOT, " The simulated balancer picked the same backend for %.1f%% of calls.",
          dist.agreement() * 100));
    }
    return s.toString();
  }

  private static String pValue(double p) {
    return p < 0.0001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
  }

  private static DistributionReport.@Nullable Row row(@Nullable DistributionReport d, Endpoint b) {
    if (d == null) {
      return null;
    }
    for (DistributionReport.Row r : d.rows()) {
      if (r.backend().equals(b)) {
        return r;
      }
    }
    return null;
  }

  private void overTime(ReportData d, Function<Endpoint, String> name) {
    if (d.timeline().backends().isEmpty() || d.first() == null) {
      return;
    }
    out.append("<section id=\"time\">\n<h2>Over time</h2>\n");
    chart("Calls per backend (first picks)", Charts.picks(d.timeline(), name), 280, "chart-picks");
    chart("Answered calls in progress per backend", Charts.concurrent(d.timeline(), name), 280, "chart-concurrent");
    out.append("</section>\n");
  }

  private void health(ReportData d, Function<Endpoint, String> name) {
    out.append("<section id=\"health\">\n<h2>Health</h2>\n");
    if (d.first() != null && d.last() != null && !d.timeline().backends().isEmpty()) {
      chart("Backends answering (green), not answering (red), out of rotation in the balancer's view (grey bar),"
          + " failed probes (dots)", Charts.health(d.timeline(), d.first(),
          d.last(), d.audit().downIntervals(), d.stateChanges(), name), 60 + 36 * d.timeline().backends().size(),
          "chart-health");
    }
    List<DownInterval> down = d.audit().downIntervals();
    if (down.isEmpty()) {
      out.append("<p>No backend stopped answering.</p>\n");
    } else {
      out.append("<table class=\"grid\" id=\"down-table\">\n<thead><tr><th>backend</th><th>stopped answering</th>"
          + "<th>answered again</th><th class=\"n\">unanswered (probes)</th><th class=\"n\">calls sent to it</th>"
          + "<th>last call sent</th><th>back in rotation</th></tr></thead>\n<tbody>\n");
      for (DownInterval i : down) {
        out.append("<tr><td>").append(e(name.apply(i.destination()))).append("</td><td>").append(time(i.start()))
            .append("</td><td>").append(i.end() == null ? "not before the capture ended" : time(i.end()))
            .append("</td><td class=\"n\">").append(i.unanswered()).append(" (").append(i.unansweredProbes())
            .append(")</td><td class=\"n\">").append(i.callsSent()).append("</td><td>")
            .append(i.lastCallSent() == null ? "" : time(i.lastCallSent())).append("</td><td>")
            .append(i.backInRotation() == null ? "" : time(i.backInRotation())).append("</td></tr>\n");
      }
      out.append("</tbody>\n</table>\n");
    }
    stateTable(d, name);
    List<ProbeSummary> probes = d.audit().probes();
    if (probes.isEmpty()) {
      out.append("<p>No health-check probes were seen.</p>\n");
    } else {
      out.append("<table class=\"grid\" id=\"probe-table\">\n<thead><tr><th>prober &#8594; destination</th>"
          + "<th class=\"n\">sent</th><th class=\"n\">answered</th><th class=\"n\">timed out</th><th class=\"n\">"
          + "failed</th><th>reply codes</th><th class=\"n\">interval p50 / p95 / max</th><th class=\"n\">round trip"
          + " p50</th><th class=\"n\">gaps</th></tr></thead>\n<tbody>\n");
      for (ProbeSummary p : probes) {
        out.append("<tr><td>").append(e(p.prober() + " → " + name.apply(p.destination()) + " " + p.method()))
            .append("</td><td class=\"n\">").append(p.sent()).append("</td><td class=\"n\">").append(p.answered())
            .append("</td><td class=\"n\">").append(p.timedOut()).append("</td><td class=\"n\">").append(p.failed())
            .append("</td><td>").append(e(codes(p.replyCodes()))).append("</td><td class=\"n\">")
            .append(p.intervalMs() == null ? "" : p.intervalMs().median() + " / " + p.intervalMs().p95() + " / "
                + p.intervalMs().max() + " ms").append("</td><td class=\"n\">")
            .append(p.rttMs() == null ? "" : p.rttMs().median() + " ms").append("</td><td class=\"n\">")
            .append(p.gaps()).append("</td></tr>\n");
      }
      out.append("</tbody>\n</table>\n");
    }
    out.append("</section>\n");
  }

  /** Rows of the balancer's-view table; the rest are counted. */
  static final int MAX_STATE_CHANGES = 100;

  private void stateTable(ReportData d, Function<Endpoint, String> name) {
    if (d.stateChanges().isEmpty()) {
      return;
    }
    out.append("<p>The balancer's view: each backend's state as Kamailio's dispatcher would have held it"
        + " (A active, T trying, I inactive, P probing), replayed from the probes' results and the failure route's"
        + " marks with the configured thresholds and probing mode.</p>\n<table class=\"grid\" id=\"state-table\">\n"
        + "<thead><tr><th>time</th><th>backend</th><th>state</th><th>because</th></tr></thead>\n<tbody>\n");
    int n = 0;
    for (var c : d.stateChanges()) {
      if (n++ == MAX_STATE_CHANGES) {
        break;
      }
      out.append("<tr><td>").append(time(c.at())).append("</td><td>").append(e(endpointName(d, c.destination())))
          .append("</td><td>").append(e(c.from() + " → " + c.to())).append("</td><td>").append(e(c.cause()))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    if (d.stateChanges().size() > MAX_STATE_CHANGES) {
      out.append("<p class=\"foot\">The first ").append(MAX_STATE_CHANGES).append(" of ")
          .append(d.stateChanges().size()).append(" changes.</p>\n");
    }
  }

  private static String codes(Map<String, Long> codes) {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(codes).forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" ×")
        .append(v));
    return b.toString();
  }

  private void findings(ReportData d) {
    out.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (d.audit().findings().isEmpty()) {
      out.append("<p>No findings.</p>\n");
    }
    for (Finding f : d.audit().findings()) {
      out.append("<div class=\"finding ").append(f.severity().id()).append("\" id=\"").append(findingId(d, f))
          .append("\">\n<h3>").append(badge(f)).append(' ').append(e(f.code().name()));
      if (f.backend() != null) {
        out.append(" <span class=\"where\">").append(e(f.backend())).append("</span>");
      }
      out.append("</h3>\n<p>").append(e(f.message())).append("</p>\n");
      List<String> facts = new ArrayList<>();
      if (f.start() != null) {
        facts.add("from " + time(f.start()) + (f.end() != null ? " to " + time(f.end()) : ""));
      }
      if (f.count() != null) {
        facts.add(f.count() + (f.count() == 1 ? " call" : " calls"));
      }
      if (!facts.isEmpty()) {
        out.append("<p class=\"when\">").append(e(String.join("; ", facts))).append("</p>\n");
      }
      if (f.remedy() != null) {
        out.append("<p class=\"remedy\"><strong>Remedy:</strong> ").append(e(f.remedy())).append("</p>\n");
      }
      if (!f.evidence().isEmpty()) {
        out.append("<table class=\"grid evidence\">\n<thead><tr><th>time</th><th>Call-ID</th><th>frame</th>"
            + "<th>what</th></tr></thead>\n<tbody>\n");
        for (Evidence ev : f.evidence()) {
          out.append("<tr><td>").append(ev.time() == null ? "" : time(ev.time())).append("</td><td><code>")
              .append(ev.callId() == null ? "" : callLink(d, ev.callId())).append("</code></td><td>")
              .append(ev.frame() == null ? "" : e(ev.frame())).append("</td><td>").append(e(ev.note()))
              .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
      }
      out.append("</div>\n");
    }
    out.append("</section>\n");
  }

  private void ladders(ReportData d) {
    if (d.ladders().isEmpty()) {
      return;
    }
    out.append("<section id=\"ladders\">\n<h2>Call ladders</h2>\n");
    if (mode == Mode.HTML) {
      out.append("<p class=\"hint\">Click an arrow to see the whole message.</p>\n");
    }
    List<Endpoint> order = columnOrder(d);
    Map<Endpoint, String> labels = new java.util.HashMap<>();
    for (Node n : d.nodes()) {
      labels.put(n.address(), n.role() == NodeRole.BACKEND ? nodeLabel(d, n.address(), "backend")
          : n.role().id());
    }
    int i = 0;
    for (CallLadder l : d.ladders()) {
      String prefix = "l" + i++;
      out.append("<div class=\"ladder\" id=\"").append(prefix).append("\">\n<h3>")
          .append(e(String.join(" + ", l.ladder().callIds()))).append("</h3>\n<p>").append(e(l.reason()))
          .append(l.ladder().omitted() > 0 ? " (" + l.ladder().omitted() + " more messages not shown)" : "")
          .append("</p>\n<div class=\"svgbox\">").append(fit(LadderSvg.render(l.ladder(), order, labels, prefix)))
          .append("</div>\n");
      if (mode == Mode.HTML) {
        out.append("<div class=\"msgs\">\n");
        int k = 0;
        for (LadderMessage m : l.ladder().messages()) {
          out.append("<details id=\"m-").append(prefix).append('-').append(k++).append("\"><summary>")
              .append(TIME.format(m.ref().timestamp())).append(' ').append(e(m.src() + " → " + m.dst()))
              .append(' ').append(e(m.summary())).append(" <span class=\"ref\">").append(e(fileName(m.ref().source())))
              .append(" #").append(m.ref().frame()).append("</span></summary><pre>").append(e(m.text()))
              .append("</pre></details>\n");
        }
        out.append("</div>\n");
      }
      out.append("</div>\n");
    }
    out.append("</section>\n");
  }

  private static String endpointName(ReportData d, String address) {
    try {
      return d.name(Endpoint.parse(address));
    } catch (IllegalArgumentException notAnAddress) {
      return address;
    }
  }

  /** Returns the Call-ID, linked to its ladder when the report draws one. */
  private static String callLink(ReportData d, String callId) {
    for (int i = 0; i < d.ladders().size(); i++) {
      if (d.ladders().get(i).ladder().callIds().contains(callId)) {
        return "<a href=\"#l" + i + "\">" + e(callId) + "</a>";
      }
    }
    return e(callId);
  }

  private static String nodeLabel(ReportData d, Endpoint e, String role) {
    String label = d.labels().get(e.toString());
    return label == null || label.isBlank() ? role : label;
  }

  /** Clients, then B2BUAs, balancers and backends, each by address. */
  private static List<Endpoint> columnOrder(ReportData d) {
    LinkedHashSet<Endpoint> order = new LinkedHashSet<>();
    for (NodeRole r : List.of(NodeRole.CLIENT, NodeRole.B2BUA, NodeRole.BALANCER, NodeRole.BACKEND)) {
      d.nodes().stream().filter(n -> n.role() == r).map(Node::address).sorted().forEach(order::add);
    }
    return List.copyOf(order);
  }

  // ---- pieces

  /** In a PDF, scales an SVG wider than the page down to the chart width (its viewBox keeps the drawing). */
  private String fit(String svg) {
    if (mode != Mode.PDF) {
      return svg;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(<svg[^>]*?\\swidth=\")(\\d+)(\"[^>]*?\\sheight=\")"
        + "(\\d+)(\")").matcher(svg);
    if (!m.find()) {
      return svg;
    }
    int w = Integer.parseInt(m.group(2));
    int h = Integer.parseInt(m.group(4));
    if (w <= chartWidth) {
      return svg;
    }
    return m.group(1) + chartWidth + m.group(3) + Math.round((double) h * chartWidth / w) + m.group(5)
        + svg.substring(m.end());
  }

  private void chart(String title, org.jfree.chart.JFreeChart chart, int height, String id) {
    out.append("<figure class=\"chart\" id=\"").append(id).append("\">\n<figcaption>").append(e(title))
        .append("</figcaption>\n").append(Charts.svg(chart, chartWidth, height, id + "-svg")).append("\n</figure>\n");
  }

  private static String findingId(ReportData d, Finding f) {
    return "f" + d.audit().findings().indexOf(f);
  }

  private static String badge(Finding f) {
    return "<span class=\"badge " + f.severity().id() + "\">" + f.severity().id() + "</span>";
  }

  private static String e(@Nullable CharSequence s) {
    return s == null ? "" : Html.text(s);
  }

  private static String time(Instant t) {
    return TIME.format(t);
  }

  private static String ms(@Nullable Long v) {
    return v == null ? "–" : v + " ms";
  }

  private static String p5095(Percentiles p) {
    return p.count() == 0 ? "" : ms(p.p50()) + " / " + ms(p.p95());
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %d min", s / 3600, (s % 3600) / 60);
  }

  private static List<String> fileNames(List<String> inputs) {
    return inputs.stream().map(HtmlReport::fileName).toList();
  }

  private static String fileName(String path) {
    int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return i >= 0 ? path.substring(i + 1) : path;
  }

  static String sha256(String s) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private String css() {
    String base = """
        body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:13px;color:#222;margin:0 auto;\
        max-width:1100px;padding:16px 24px;line-height:1.4}
        h1{font-size:22px;margin:0 0 8px}
        h2{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:3px;margin:22px 0 10px}
        h3{font-size:14px;margin:12px 0 6px}
        table{border-collapse:collapse;margin:6px 0 10px}
        .grid th,.grid td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
        .grid thead th{background:#f2f4f7;font-weight:bold}
        .grid tbody tr:nth-child(even){background:#fafbfc}
        .tablebox{overflow-x:auto}
        .foot{color:#666;font-size:11px;margin-top:0}
        .facts th{text-align:left;padding:2px 14px 2px 0;color:#555;font-weight:normal}
        .facts td{padding:2px 0}
        td.n{text-align:right;white-space:nowrap}
        th.n{text-align:right}
        code,pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
        .verdict{border-radius:6px;padding:8px 14px;margin:12px 0}
        .verdict h2{border:none;margin:4px 0 6px}
        .verdict.pass{background:#e8f5e9;border:1px solid #81c784}
        .verdict.fail{background:#fdecea;border:1px solid #e57373}
        .badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:11px;color:#fff;\
        font-weight:bold;text-transform:uppercase}
        .badge.error{background:#c62828}.badge.warning{background:#ef6c00}.badge.info{background:#1565c0}
        .finding{border-left:4px solid #999;padding:2px 12px;margin:10px 0}
        .finding.error{border-color:#c62828}.finding.warning{border-color:#ef6c00}.finding.info{border-color:#1565c0}
        .where{font-weight:normal;color:#555}
        .remedy{background:#f6f8fa;padding:4px 8px}
        .note{color:#8a4b00}
        .cols{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
        figure.chart{margin:8px 0 14px}
        figcaption{font-weight:bold;margin-bottom:4px}
        svg{max-width:100%;height:auto}
        .ladder{margin:14px 0 22px}
        .msgs details{margin:1px 0}
        .msgs summary{cursor:pointer;font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
        .msgs pre{background:#f6f8fa;border:1px solid #ddd;padding:6px;white-space:pre-wrap;word-break:break-all}
        .msgs details.hit summary{background:#fff3c4}
        g.msg{cursor:pointer}
        .ref,.hint{color:#777}
        footer{color:#777;margin-top:28px;border-top:1px solid #ddd}
        """;
    if (mode == Mode.HTML) {
      return base + "@media print{body{max-width:none}.msgs,.hint{display:none}section{break-inside:auto}"
          + "figure,tr,.finding{break-inside:avoid}}\n";
    }
    return base + """
        @page{size:A4;margin:18mm 12mm 16mm 12mm;\
        @top-left{content:"sipaudit: SIP load-balancer audit";font-family:"DejaVu Sans";font-size:8pt;color:#777}\
        @bottom-right{content:"page " counter(page) " of " counter(pages);font-family:"DejaVu Sans";font-size:8pt;\
        color:#777}}
        body{max-width:none;padding:0;font-size:9pt}
        .grid{-fs-table-paginate:paginate;font-size:8pt}
        tr,figure,.finding,.verdict{page-break-inside:avoid}
        .cols{display:block}
        .grid th,.grid td{padding:2px 4px}
        .foot{font-size:7pt}
        h2,h3,figcaption,.ladder p{page-break-after:avoid}
        .svgbox{page-break-inside:avoid}
        """;
  }
}
