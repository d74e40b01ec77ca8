package io.sipaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipStats;
import io.sipaudit.net.NetCounter;
import io.sipaudit.net.NetStats;
import io.sipaudit.textlog.TextTraceStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipaudit stats capture.pcap}: SIP statistics as {@code tshark -q -z sip,stat} prints them, plus what
 * tshark lacks (transports, malformed messages, reassembly, TCP gaps, TLS, tunnels, unknown link types).
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "SIP statistics of captures and text traces, in the terms of 'tshark -q -z sip,stat' (messages, resent"
          + " messages, requests per method, responses per status code), plus transports, malformed and truncated"
          + " messages, keep-alives, IP fragments reassembled, TCP streams and gaps, TLS connections skipped,"
          + " tunnels, unknown link types, and for text traces the formats found, noise skipped and repairs.",
      "Exit code 65 when a file is damaged part way through: the statistics cover everything before the damage"
          + " (for a text trace: everything but the damaged lines, named in the errors)."
    })
final class StatsCommand implements Callable<Integer> {

  enum Format { text, json }

  @Spec CommandSpec spec;

  @Mixin CaptureInputs inputs;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  Format format = Format.text;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SipStats stats = new SipStats();
    ProgressBar bar = inputs.progress(err);
    SipIngest.Result result = inputs.ingest(bar).run(inputs.checked(), stats);
    bar.done();
    if (format == Format.json) {
      out.println(json(toJson(stats, result)));
    } else {
      printText(out, stats, result);
    }
    out.flush();
    for (InputError e : result.errors()) {
      err.println("sipaudit: " + e.message());
    }
    err.flush();
    return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERR;
  }

  static Map<String, Object> toJson(SipStats s, SipIngest.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messages", s.messages());
    m.put("resent", s.resent());
    m.put("requests", s.requests());
    Map<String, Long> responses = new LinkedHashMap<>();
    s.responses().forEach((code, n) -> responses.put(Integer.toString(code), n));
    m.put("responses", responses);
    m.put("malformed", s.malformed());
    m.put("truncated", r.sip().truncatedMessages());
    m.put("malformedHeaders", r.sip().malformedHeaders());
    m.put("decoderFailures", r.sip().decoderFailures());
    m.put("keepalives", r.sip().keepalives());
    m.put("nonSipDatagrams", r.sip().nonSipDatagrams());
    m.put("nonSipStreamBytes", r.sip().nonSipStreamBytes());
    m.put("droppedStreamBytes", r.sip().droppedStreamBytes());
    Map<String, Long> transports = new LinkedHashMap<>();
    s.transports().forEach((t, n) -> transports.put(t.name(), n));
    m.put("transports", transports);
    Map<String, Object> net = new LinkedHashMap<>();
    NetStats ns = r.net();
    for (NetCounter c : NetCounter.values()) {
      net.put(camel(c.name()), ns.get(c));
    }
    net.put("tunnels", ns.tunnels());
    net.put("unknownLinkTypes", ns.unknownLinkTypes());
    net.put("notDecoded", ns.notDecoded());
    net.put("malformedPackets", ns.malformed());
    net.put("tlsConnections", ns.tlsConnections().stream().map(Object::toString).toList());
    m.put("network", net);
    TextTraceStats t = r.text();
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("lines", t.lines());
    text.put("messages", t.messages());
    text.put("noiseLines", t.noiseLines());
    text.put("skippedLines", t.skippedLines());
    text.put("keepalives", t.keepalives());
    text.put("repairedMessages", t.repairedMessages());
    text.put("cutMessages", t.cutMessages());
    text.put("inferredMessages", t.inferredMessages());
    Map<String, Long> formats = new LinkedHashMap<>();
    t.records().forEach((f, n) -> formats.put(f.cliName(), n));
    text.put("formats", formats);
    m.put("text", text);
    m.put("errors", r.errors().stream().map(e -> Map.of("file", e.source(), "message", e.message())).toList());
    return m;
  }

  /**
   * Writes maps, lists, numbers and strings as indented JSON, as Jackson's {@code ObjectMapper} with
   * {@code INDENT_OUTPUT} does, with the streaming generator alone: setting up data binding cost a short run about
   * 0.1 s, more than counting the README sample.
   */
  static String json(Object value) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      AuditOutput.value(g, value);
    }
    return w.toString();
  }

  private static String camel(String constant) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : constant.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  private static void printText(PrintWriter out, SipStats s, SipIngest.Result r) {
    String rule = "===================================================================";
    out.println(rule);
    out.println("SIP Statistics");
    out.println();
    out.printf("Number of SIP messages: %d%n", s.messages());
    out.printf("Number of resent SIP messages: %d%n", s.resent());
    out.println();
    out.println("* SIP Status Codes in reply packets");
    s.responses().forEach((code, n) ->
        out.printf("  SIP %d %-18s: %5d Packets%n", code, s.reasonPhrases().get(code), n));
    out.println();
    out.println("* List of SIP Request methods");
    s.requests().forEach((method, n) -> out.printf("  %-15s : %5d Packets%n", method, n));
    out.println();
    out.println("* Beyond tshark");
    s.transports().forEach((t, n) -> out.printf("  %-44s %,d%n", "messages over " + t, n));
    line(out, "malformed messages (not counted above)", s.malformed());
    line(out, "truncated messages (Content-Length > data)", r.sip().truncatedMessages());
    line(out, "messages read despite a bad Content-Length", r.sip().malformedHeaders());
    line(out, "CRLF keep-alives", r.sip().keepalives());
    line(out, "non-SIP datagrams", r.sip().nonSipDatagrams());
    line(out, "non-SIP TCP bytes skipped", r.sip().nonSipStreamBytes());
    line(out, "partial SIP bytes dropped at TCP gaps", r.sip().droppedStreamBytes());
    NetStats ns = r.net();
    for (NetCounter c : NetCounter.values()) {
      line(out, c.label(), ns.get(c));
    }
    tally(out, "tunnel", ns.tunnels());
    tally(out, "unknown link type", ns.unknownLinkTypes());
    tally(out, "not decoded", ns.notDecoded());
    tally(out, "malformed packet", ns.malformed());
    ns.tlsConnections().forEach(f -> out.printf("  TLS, not analysable: %s%n", f));
    TextTraceStats t = r.text();
    line(out, "text trace lines", t.lines());
    t.records().forEach((f, n) -> out.printf("  %-44s %,d%n", "text records: " + f.cliName(), n));
    line(out, "text lines skipped as noise", t.noiseLines());
    line(out, "text lines skipped as damage (see errors)", t.skippedLines());
    line(out, "text keep-alives (empty records)", t.keepalives());
    line(out, "text messages repaired (hard wraps, ...)", t.repairedMessages());
    line(out, "text messages cut before Content-Length", t.cutMessages());
    line(out, "text messages with inferred values", t.inferredMessages());
    r.errors().forEach(e -> out.printf("  input error: %s%n", e.message()));
    out.println(rule);
  }

  private static void line(PrintWriter out, String label, long n) {
    if (n > 0) {
      out.printf("  %-44s %,d%n", label, n);
    }
  }

  private static void tally(PrintWriter out, String what, Map<String, Long> counts) {
    counts.forEach((k, n) -> out.printf("  %-44s %,d%n", what + ": " + k, n));
  }
}
