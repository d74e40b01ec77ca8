package io.sipaudit.cli;

import io.sipaudit.attribution.Analysis;
import io.sipaudit.attribution.BackendSummary;
import io.sipaudit.attribution.CallOutcome;
import io.sipaudit.attribution.Node;
import io.sipaudit.attribution.NodeRole;
import io.sipaudit.attribution.Percentiles;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.sip.SipMethod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The text summary of {@code sipaudit analyze}: topology, calls and outcomes, the per-backend table, and a
 * short list of what looks odd. Meant to be read in ten seconds.
 */
final class AnalysisText {
  private final PrintWriter out;
  private final Map<String, String> labels;

  AnalysisText(PrintWriter out, Map<String, String> labels) {
    this.out = out;
    this.labels = labels;
  }

  void print(List<Path> inputs, Analysis a, Map<SipMethod, Long> orphans, SipIngest.Result r,
      @Nullable String firstMalformed, long groups, long heuristic) {
    out.printf("sipaudit analysis of %s%n%n", inputs.size() == 1 ? inputs.get(0) : inputs.size() + " inputs");
    out.println("Topology");
    for (Node n : a.nodes()) {
      out.printf("  %-9s %-24s %s%n", n.role().id(), n.address(), evidence(n));
    }
    out.println();
    out.printf("Calls: %,d%s%n", a.calls(), outcomes(a.outcomes()));
    out.printf("  caller's post-dial delay %s; setup time %s%n", p(a.pdd()), p(a.setup()));
    io.sipaudit.attribution.Rfc6076 k = a.rfc6076();
    out.printf("  RFC 6076: SER %s, SEER %s, ISA %s, SCR %s; SRD p50 %s ms%n", pct(k.ser()), pct(k.seer()),
        pct(k.isa()), pct(k.scr()), k.srd().p50() == null ? "n/a" : k.srd().p50());
    out.println();
    List<BackendSummary> backends = a.backends();
    if (!backends.isEmpty()) {
      int width = 22;
      for (BackendSummary b : backends) {
        width = Math.max(width, name(b).length());
      }
      out.printf("  %-" + width + "s %7s %8s %7s %6s %8s %6s %5s %6s  %-17s %-17s %4s%n", "backend", "offered", "attempts",
          "handled", "share", "answered", "failed", "fo-in", "fo-out", "PDD ms p50/p95", "setup ms p50/p95", "peak");
      for (BackendSummary b : backends) {
        out.printf("  %-" + width + "s %7d %8d %7d %5.1f%% %8d %6d %5d %6d  %-17s %-17s %4d%n", name(b), b.offered(),
            b.attempts(), b.handled(), b.share() * 100, b.answered(), b.failed(), b.failoversIn(), b.failoversOut(),
            pair(b.pdd()), pair(b.setup()), b.peakConcurrent());
      }
      out.println();
    }
    List<String> notes = notes(a, orphans, r, firstMalformed);
    if (groups > 0) {
      notes.add(groups + " calls have several legs with different Call-IDs (B2BUA/SBC)"
          + (heuristic > 0 ? ", " + heuristic + " of them tied only by caller and callee" : "")
          + "; each is counted once, on the leg that crossed the balancer; --format json lists them under"
          + " callGroups");
    }
    if (!notes.isEmpty()) {
      out.println("Worth a look");
      notes.forEach(n -> out.println("  - " + n));
    }
    out.flush();
  }

  private static List<String> notes(Analysis a, Map<SipMethod, Long> orphans, SipIngest.Result r,
      @Nullable String firstMalformed) {
    List<String> notes = new ArrayList<>();
    Map<CallOutcome, Long> o = a.outcomes();
    if (o.get(CallOutcome.FAILED_OVER_ANSWERED) > 0) {
      notes.add(o.get(CallOutcome.FAILED_OVER_ANSWERED) + " calls were answered only after failing over from their"
          + " first backend");
    }
    long lost = o.get(CallOutcome.TIMEOUT) + o.get(CallOutcome.FAILED_ALL) + o.get(CallOutcome.REJECTED);
    if (lost > 0) {
      notes.add(lost + " calls failed at the backends (timeout " + o.get(CallOutcome.TIMEOUT) + ", every backend failed "
          + o.get(CallOutcome.FAILED_ALL) + ", rejected " + o.get(CallOutcome.REJECTED) + ")");
    }
    if (o.get(CallOutcome.REJECTED_BY_BALANCER) > 0) {
      notes.add(o.get(CallOutcome.REJECTED_BY_BALANCER) + " calls were rejected by the balancer itself (no backend tried)");
    }
    for (BackendSummary b : a.backends()) {
      long timeouts = b.statuses().getOrDefault("timeout", 0L);
      if (timeouts > 0) {
        notes.add(b.backend() + " let " + timeouts + " INVITEs time out");
      }
    }
    if (a.pinningViolations() > 0) {
      notes.add(a.pinningViolations() + " in-dialog requests went to another backend than the one that answered"
          + " (dialog pinning broken)");
    }
    if (o.get(CallOutcome.UNKNOWN) > 0) {
      notes.add(o.get(CallOutcome.UNKNOWN) + " calls had no final answer before the capture ended");
    }
    long orphanCount = orphans.values().stream().mapToLong(Long::longValue).sum();
    if (orphanCount > 0) {
      notes.add(orphanCount + " requests belong to calls whose INVITE is not in the capture " + orphans);
    }
    if (r.sip().malformedMessages() > 0) {
      notes.add(r.sip().malformedMessages() + " SIP messages could not be read and were left out"
          + (firstMalformed == null ? "" : "; the first: " + firstMalformed));
    }
    for (InputError e : r.errors()) {
      notes.add("input: " + e.message());
    }
    if (r.net().tlsConnections().size() > 0) {
      notes.add(r.net().tlsConnections().size() + " TLS connections could not be analysed (encrypted)");
    }
    return notes;
  }

  private static String evidence(Node n) {
    StringJoiner j = new StringJoiner(", ");
    if (n.callsBalanced() > 0) {
      j.add("balanced " + n.callsBalanced() + " calls");
    }
    if (n.callsOffered() > 0) {
      j.add("offered " + n.callsOffered() + " calls");
    }
    if (n.callsStarted() > 0) {
      j.add("started " + n.callsStarted() + " calls");
    }
    if (n.callsBridged() > 0) {
      j.add("bridged " + n.callsBridged() + " calls to a new leg");
    }
    if (n.probesSent() > 0) {
      j.add("sent " + n.probesSent() + " OPTIONS");
    }
    if (n.probesReceived() > 0 && n.role() != NodeRole.BALANCER) {
      j.add("probed " + n.probesReceived() + " times");
    }
    return j.toString();
  }

  private static String outcomes(Map<CallOutcome, Long> o) {
    StringJoiner j = new StringJoiner(", ", " — ", "");
    j.setEmptyValue("");
    o.forEach((k, v) -> {
      if (v > 0) {
        j.add(k.label() + " " + v);
      }
    });
    return j.toString();
  }

  private static String p(Percentiles p) {
    return p.count() == 0 ? "n/a" : "p50 " + p.p50() + " ms, p95 " + p.p95() + " ms, max " + p.max() + " ms";
  }

  private String name(BackendSummary b) {
    String label = labels.get(b.backend().toString());
    return label == null ? b.backend().toString() : b.backend() + " (" + label + ")";
  }

  private static String pct(@org.jspecify.annotations.Nullable Double v) {
    return v == null ? "n/a" : String.format("%.1f%%", v);
  }

  private static String pair(Percentiles p) {
    return p.count() == 0 ? "-" : p.p50() + "/" + p.p95();
  }
}
