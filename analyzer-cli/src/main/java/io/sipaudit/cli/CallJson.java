package io.sipaudit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sipaudit.attribution.Attempt;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.attribution.BackendSummary;
import io.sipaudit.attribution.Node;
import io.sipaudit.attribution.Percentiles;
import io.sipaudit.dialog.InviteHop;
import io.sipaudit.net.Endpoint;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Writes the objects of the {@code sipaudit.analysis/1} JSON document (see docs/analysis.md). */
final class CallJson {
  private CallJson() {
  }

  /** Writes one leg; {@code group} is the number of its entry in {@code callGroups}, null for a lone call. */
  static void call(JsonGenerator g, AttributedCall c, @Nullable Long group) throws IOException {
    g.writeStartObject();
    g.writeStringField("callId", c.call().callId());
    g.writeStringField("start", c.call().start().toString());
    g.writeStringField("from", c.call().from());
    g.writeStringField("to", c.call().to());
    g.writeStringField("requestUri", c.call().requestUri());
    endpoint(g, "client", c.client());
    endpoint(g, "balancer", c.balancer());
    endpoint(g, "firstPick", c.firstPick());
    endpoint(g, "backend", c.backend());
    g.writeStringField("outcome", c.outcome().id());
    g.writeNumberField("finalStatus", c.finalStatus());
    g.writeBooleanField("failedOver", c.failedOver());
    number(g, "pddMs", c.pddMs());
    number(g, "setupMs", c.setupMs());
    number(g, "durationMs", c.durationMs());
    number(g, "failoverMs", c.failoverMs());
    number(g, "srdMs", c.srdMs());
    number(g, "sddMs", c.sddMs());
    g.writeArrayFieldStart("attempts");
    for (Attempt a : c.attempts()) {
      g.writeStartObject();
      g.writeStringField("backend", a.backend().toString());
      g.writeStringField("sent", a.sent().toString());
      g.writeStringField("outcome", a.outcome().id());
      g.writeNumberField("status", a.status());
      number(g, "pddMs", a.pddMs());
      number(g, "setupMs", a.setupMs());
      number(g, "srdMs", a.srdMs());
      g.writeNumberField("round", a.round());
      g.writeBooleanField("parallel", a.parallel());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("legs");
    for (InviteHop h : c.call().hops()) {
      g.writeStartObject();
      g.writeStringField("src", h.src().toString());
      g.writeStringField("dst", h.dst().toString());
      g.writeStringField("transport", h.transport().name());
      g.writeStringField("sent", h.sent().toString());
      g.writeNumberField("status", h.finalCode());
      g.writeNumberField("retransmissions", h.retransmissions());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("pinningViolations");
    for (String v : c.pinningViolations()) {
      g.writeString(v);
    }
    g.writeEndArray();
    g.writeBooleanField("complete", c.call().complete());
    g.writeStringField("file", c.call().source());
    g.writeNumberField("frame", c.call().firstFrame());
    number(g, "group", group);
    g.writeEndObject();
    g.writeRaw('\n');
  }

  static void node(JsonGenerator g, Node n) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", n.address().toString());
    g.writeStringField("role", n.role().id());
    g.writeNumberField("callsBalanced", n.callsBalanced());
    g.writeNumberField("callsOffered", n.callsOffered());
    g.writeNumberField("callsStarted", n.callsStarted());
    g.writeNumberField("callsBridged", n.callsBridged());
    g.writeNumberField("probesSent", n.probesSent());
    g.writeNumberField("probesReceived", n.probesReceived());
    g.writeEndObject();
  }

  static void backend(JsonGenerator g, BackendSummary b, @Nullable String label) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", b.backend().toString());
    if (label != null) {
      g.writeStringField("configured", label);
    }
    g.writeNumberField("offered", b.offered());
    g.writeNumberField("attempts", b.attempts());
    g.writeNumberField("handled", b.handled());
    g.writeNumberField("share", Math.round(b.share() * 10000) / 10000.0);
    g.writeNumberField("answered", b.answered());
    g.writeNumberField("failed", b.failed());
    g.writeNumberField("failoversIn", b.failoversIn());
    g.writeNumberField("failoversOut", b.failoversOut());
    g.writeObjectFieldStart("statuses");
    for (var e : new java.util.TreeMap<>(b.statuses()).entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    percentiles(g, "pddMs", b.pdd());
    percentiles(g, "setupMs", b.setup());
    g.writeNumberField("peakConcurrent", b.peakConcurrent());
    g.writeNumberField("meanConcurrent", Math.round(b.meanConcurrent() * 100) / 100.0);
    rfc6076(g, b.rfc6076());
    g.writeEndObject();
  }

  static void rfc6076(JsonGenerator g, io.sipaudit.attribution.Rfc6076 r) throws IOException {
    g.writeObjectFieldStart("rfc6076");
    g.writeNumberField("invites", r.invites());
    ratio(g, "ser", r.ser());
    ratio(g, "seer", r.seer());
    ratio(g, "isa", r.isa());
    ratio(g, "scr", r.scr());
    percentiles(g, "srdMs", r.srd());
    percentiles(g, "sddMs", r.sdd());
    percentiles(g, "sdtMs", r.sdt());
    g.writeEndObject();
  }

  private static void ratio(JsonGenerator g, String name, @Nullable Double v) throws IOException {
    if (v == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }

  static void percentiles(JsonGenerator g, String name, Percentiles p) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("count", p.count());
    number(g, "p50", p.p50());
    number(g, "p95", p.p95());
    number(g, "max", p.max());
    g.writeEndObject();
  }

  static void endpoint(JsonGenerator g, String name, @Nullable Endpoint e) throws IOException {
    if (e == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, e.toString());
    }
  }

  private static void number(JsonGenerator g, String name, @Nullable Long v) throws IOException {
    if (v == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }
}
