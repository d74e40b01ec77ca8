package io.sipaudit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.DistributionReport;
import io.sipaudit.audit.Evidence;
import io.sipaudit.audit.Finding;
import io.sipaudit.audit.GoodnessOfFit;
import io.sipaudit.audit.Verdict;
import io.sipaudit.health.DownInterval;
import io.sipaudit.health.ProbeSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes an audit's findings, distribution test, health and verdict as JSON fields or text. */
final class AuditOutput {
  private AuditOutput() {}

  /** Writes the fields {@code findings}, {@code distribution} and {@code health} into the current JSON object. */
  /** The balancer's view of its backends: one entry per change of state. */
  static void stateTimeline(JsonGenerator g, List<io.sipaudit.simulate.HealthModel.StateChange> changes)
      throws IOException {
    g.writeArrayFieldStart("stateTimeline");
    for (var c : changes) {
      g.writeStartObject();
      g.writeStringField("at", c.at().toString());
      g.writeStringField("backend", c.destination());
      g.writeStringField("from", c.from());
      g.writeStringField("to", c.to());
      g.writeStringField("cause", c.cause());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void json(JsonGenerator g, AuditResult r) throws IOException {
    g.writeArrayFieldStart("findings");
    for (Finding f : r.findings()) {
      finding(g, f);
    }
    g.writeEndArray();
    g.writeFieldName("distribution");
    if (r.distribution() == null) {
      g.writeNull();
    } else {
      distribution(g, r.distribution());
    }
    g.writeObjectFieldStart("health");
    g.writeArrayFieldStart("downIntervals");
    for (DownInterval d : r.downIntervals()) {
      g.writeStartObject();
      g.writeStringField("backend", d.destination().toString());
      time(g, "start", d.start());
      time(g, "end", d.end());
      g.writeNumberField("unanswered", d.unanswered());
      g.writeNumberField("unansweredProbes", d.unansweredProbes());
      g.writeNumberField("callsSent", d.callsSent());
      time(g, "lastCallSent", d.lastCallSent());
      time(g, "backInRotation", d.backInRotation());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("probes");
    for (ProbeSummary p : r.probes()) {
      g.writeStartObject();
      g.writeStringField("prober", p.prober().toString());
      g.writeStringField("destination", p.destination().toString());
      g.writeStringField("method", p.method());
      g.writeNumberField("sent", p.sent());
      g.writeNumberField("answered", p.answered());
      g.writeNumberField("timedOut", p.timedOut());
      g.writeNumberField("failed", p.failed());
      g.writeNumberField("maxConsecutiveFailures", p.maxConsecutiveFailures());
      g.writeObjectFieldStart("replyCodes");
      for (Map.Entry<String, Long> e : new java.util.TreeMap<>(p.replyCodes()).entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      stats(g, "intervalMs", p.intervalMs());
      stats(g, "rttMs", p.rttMs());
      g.writeNumberField("gaps", p.gaps());
      time(g, "first", p.first());
      time(g, "last", p.last());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void verdict(JsonGenerator g, Verdict v) throws IOException {
    g.writeObjectFieldStart("verdict");
    g.writeStringField("result", v.passed() ? "pass" : "fail");
    g.writeArrayFieldStart("checks");
    for (Verdict.Check c : v.checks()) {
      g.writeStartObject();
      g.writeStringField("name", c.name());
      g.writeBooleanField("passed", c.passed());
      g.writeStringField("message", c.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void finding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", f.code().name());
    g.writeStringField("severity", f.severity().id());
    g.writeStringField("backend", f.backend());
    time(g, "start", f.start());
    time(g, "end", f.end());
    if (f.count() == null) {
      g.writeNullField("count");
    } else {
      g.writeNumberField("count", f.count());
    }
    g.writeStringField("message", f.message());
    g.writeArrayFieldStart("evidence");
    for (Evidence e : f.evidence()) {
      g.writeStartObject();
      if (e.callId() != null) {
        g.writeStringField("callId", e.callId());
      }
      if (e.frame() != null) {
        g.writeStringField("frame", e.frame());
      }
      if (e.time() != null) {
        g.writeStringField("time", e.time().toString());
      }
      g.writeStringField("note", e.note());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("remedy", f.remedy());
    g.writeFieldName("details");
    value(g, f.details());
    g.writeEndObject();
  }

  /** Writes maps, lists, numbers, booleans and strings (anything else as its string) as JSON values. */
  static void value(JsonGenerator g, @Nullable Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        value(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeString(d.toString());
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof Number n) {
      g.writeNumber(n.longValue());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(v.toString());
    }
  }

  private static void distribution(JsonGenerator g, DistributionReport d) throws IOException {
    g.writeStartObject();
    g.writeStringField("expectation", d.expectation());
    g.writeNumberField("tested", d.tested());
    g.writeNumberField("excluded", d.excluded());
    fit(g, "goodnessOfFit", d.fit());
    if (d.agreement() != null) {
      g.writeNumberField("agreement", d.agreement());
      g.writeNumberField("disagreed", d.disagreed());
      g.writeArrayFieldStart("disagreements");
      for (var x : d.disagreements()) {
        g.writeStartObject();
        g.writeStringField("callId", x.callId());
        g.writeStringField("time", x.time().toString());
        g.writeStringField("observed", x.observed().toString());
        g.writeStringField("predicted", x.predicted());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeArrayFieldStart("backends");
    for (DistributionReport.Row r : d.rows()) {
      g.writeStartObject();
      g.writeStringField("backend", r.backend().toString());
      g.writeNumberField("observed", r.observed());
      g.writeNumberField("expected", round(r.expected()));
      g.writeNumberField("observedShare", round(r.observedShare()));
      g.writeNumberField("expectedShare", round(r.expectedShare()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("windowsTested", d.windowsTested());
    if (d.worstWindow() != null) {
      g.writeObjectFieldStart("worstWindow");
      time(g, "start", d.worstWindow().start());
      time(g, "end", d.worstWindow().end());
      fit(g, "goodnessOfFit", d.worstWindow().fit());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void fit(JsonGenerator g, String name, GoodnessOfFit.Fit f) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("test", "chi-square");
    g.writeNumberField("calls", f.calls());
    number(g, "statistic", f.chiSquare());
    g.writeNumberField("degreesOfFreedom", f.degreesOfFreedom());
    number(g, "pValue", f.pValue());
    number(g, "maxDeviation", round(f.maxDeviation()));
    number(g, "maxMinRatio", f.maxMinRatio());
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(name, v);
    } else {
      g.writeNullField(name);   // infinite: a backend expected to get calls got none, or the reverse
    }
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  private static void stats(JsonGenerator g, String name, ProbeSummary.@Nullable Stats s) throws IOException {
    if (s == null) {
      g.writeNullField(name);
      return;
    }
    g.writeObjectFieldStart(name);
    g.writeNumberField("p50", s.median());
    g.writeNumberField("p5", s.p5());
    g.writeNumberField("p95", s.p95());
    g.writeNumberField("max", s.max());
    g.writeEndObject();
  }

  private static void time(JsonGenerator g, String name, @Nullable Instant t) throws IOException {
    if (t == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, t.toString());
    }
  }

  /** Prints the findings for people, most severe first. */
  static void text(PrintWriter out, AuditResult r) {
    if (r.findings().isEmpty()) {
      out.println("Findings: none");
    } else {
      out.println("Findings");
      for (Finding f : r.findings()) {
        out.printf("  %-7s %-24s %s%n", f.severity().id(), f.code(), f.message());
        if (f.remedy() != null) {
          out.printf("  %-7s %-24s remedy: %s%n", "", "", f.remedy());
        }
      }
    }
    DistributionReport d = r.distribution();
    if (d != null) {
      out.printf(Locale.ROOT, "Distribution against %s: %d calls tested%s, chi-square %.2f, p = %.3g%s%n",
          d.expectation(), d.tested(), d.excluded() > 0 ? " (" + d.excluded() + " sent while a backend was out of"
              + " rotation left out)" : "", d.fit().chiSquare(), d.fit().pValue(),
          d.agreement() == null ? "" : String.format(Locale.ROOT, ", %.1f%% of calls where the replay predicted",
              d.agreement() * 100));
    }
  }

  /** Prints the verdict for people. */
  static void text(PrintWriter out, Verdict v) {
    long failed = v.checks().stream().filter(c -> !c.passed()).count();
    out.println(v.passed() ? "PASS: all " + v.checks().size() + " checks passed"
        : "FAIL: " + failed + " of " + v.checks().size() + " checks failed");
    for (Verdict.Check c : v.checks()) {
      out.printf("  %-4s %-36s %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.message());
    }
  }
}
