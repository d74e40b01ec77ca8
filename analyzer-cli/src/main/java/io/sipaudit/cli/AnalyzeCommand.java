package io.sipaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sipaudit.attribution.Analysis;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.attribution.Attributor;
import io.sipaudit.attribution.BackendSummary;
import io.sipaudit.attribution.Node;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.net.Endpoint;
import io.sipaudit.report.CsvExport;
import io.sipaudit.sip.SipMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sipaudit analyze capture.pcap}: which backend handled each call, which were tried first, and how each
 * backend did.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild the calls of capture files and attribute each to a backend: the balancer, the ordered attempts"
          + " (backend, time, outcome), the backend that finally handled the call, failover, outcome, post-dial"
          + " delay, setup time and duration. Then a per-backend table (offered, handled, share, answered,"
          + " failed, failovers in and out, status codes, PDD and setup percentiles, peak concurrent calls)"
          + " and the topology found (balancers, backends, clients).",
      "The audit's findings follow (backends down, calls sent to them, failover, lost calls, distribution skew,"
          + " probes; docs/findings.md), checked against --dispatcher/--srv/--kamailio-cfg when given; 'check'"
          + " turns them into a pass/fail verdict.",
      "Text is a summary; JSON (schema sipaudit.analysis/1, docs/analysis.md) adds every call; CSV lists the"
          + " calls. Exit code 65 when a file is damaged part way through (the analysis covers what came before)."
    })
final class AnalyzeCommand implements Callable<Integer> {

  enum Format { text, json, csv, html, pdf }

  @Spec CommandSpec spec;

  @Mixin CaptureInputs inputs;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "text (default), json, csv, or html/pdf (the report of 'sipaudit report').")
  Format format = Format.text;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "With --format html or pdf: write the report to FILE instead of standard output.")
  @Nullable Path output;

  @Mixin NodeOptions nodes;

  @Mixin AuditOptions audit;

  @Option(names = "--calls-out", paramLabel = "FILE", description = "Also write every call to FILE as CSV.")
  @Nullable Path callsOut;

  @Option(names = "--attempts-out", paramLabel = "FILE", description = "Also write every attempt to FILE as CSV.")
  @Nullable Path attemptsOut;

  @Option(names = "--no-calls", description = "JSON: leave out the calls array (summary only).")
  boolean noCalls;

  @Option(names = "--correlate-header", paramLabel = "NAME",
      description = "Also tie B2BUA legs by this header's value (X-CID, X-Call-ID, Session-ID and"
          + " P-Charging-Vector icid are always used). Repeatable.")
  List<String> correlateHeaders = new ArrayList<>();

  @Option(names = "--correlate-by-parties",
      description = "Also tie legs with the same caller and callee starting within 2-4 s (a heuristic, marked so).")
  boolean correlateByParties;

  @Override
  public Integer call() throws Exception {
    List<Endpoint> given = nodes.balancers(spec);
    List<Endpoint> backends = nodes.backends(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Attributor attributor = new Attributor(given, backends);
    attributor.knowBackends(audit.configured);
    io.sipaudit.audit.AuditPolicy policy = audit.policy();
    io.sipaudit.audit.Expectation expectation = audit.expectation(spec);
    AuditPipeline pipeline = new AuditPipeline(audit, policy, expectation);
    boolean report = format == Format.html || format == Format.pdf;
    if (output != null && !report) {
      throw new ParameterException(spec.commandLine(), "-o is for --format html or pdf; use --calls-out for CSV");
    }
    ReportMaker maker = report ? new ReportMaker() : null;
    Analysis analysis = pipeline.analysis;
    Map<String, String> labels = audit.labels;
    JsonGenerator json = format == Format.json ? new JsonFactory().createGenerator(out) : null;
    ProgressBar bar = inputs.progress(err);
    SipIngest.Result result;
    try (CallCsv calls = CallCsv.open(format == Format.csv ? out : null, callsOut);
        AttemptCsv attempts = AttemptCsv.open(attemptsOut);
        GroupSpill groups = GroupSpill.open(json != null)) {
      if (json != null) {
        json.writeStartObject();
        json.writeStringField("schema", "sipaudit.analysis/1");
        json.writeArrayFieldStart("inputs");
        for (String name : inputs.names()) {
          json.writeString(name);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("calls");
      }
      result = pipeline.run(inputs, bar, attributor, correlateHeaders, correlateByParties, u -> {
        if (maker != null) {
          maker.call(u.call());
        }
        Long group = u.group() == null ? null : groups.add(u);
        try {
          for (AttributedCall c : u.legs()) {
            if (json != null && !noCalls) {
              CallJson.call(json, c, group);
            }
            calls.write(c, group);
            attempts.write(c);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      io.sipaudit.audit.AuditResult audited = pipeline.audit(backends);
      if (json != null) {
        json.writeEndArray();
        writeSummary(json, analysis, pipeline.orphans, result, labels);
        groups.writeTo(json);
        AuditOutput.json(json, audited);
        AuditOutput.stateTimeline(json, pipeline.stateChanges());
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
      } else if (maker != null) {
        ReportMaker.write(maker.data(inputs, audit, pipeline, audited,
            io.sipaudit.audit.Verdict.of(audited, policy), result.errors()), format == Format.pdf, output, out);
      } else if (format == Format.text) {
        new AnalysisText(out, labels).print(inputs.files, analysis, pipeline.orphans, result, pipeline.firstMalformed,
            groups.groups(), groups.heuristic());
        out.println();
        AuditOutput.text(out, audited);
      }
    }
    out.flush();
    for (InputError e : result.errors()) {
      err.println("sipaudit: " + e.message());
    }
    err.flush();
    return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERR;
  }

  private static void writeSummary(JsonGenerator g, Analysis a, Map<SipMethod, Long> orphans, SipIngest.Result r,
      Map<String, String> labels) throws IOException {
    g.writeObjectFieldStart("summary");
    g.writeNumberField("calls", a.calls());
    g.writeObjectFieldStart("outcomes");
    for (var e : a.outcomes().entrySet()) {
      g.writeNumberField(e.getKey().id(), e.getValue());
    }
    g.writeEndObject();
    CallJson.percentiles(g, "pddMs", a.pdd());
    CallJson.percentiles(g, "setupMs", a.setup());
    g.writeNumberField("pinningViolations", a.pinningViolations());
    CallJson.rfc6076(g, a.rfc6076());
    g.writeObjectFieldStart("orphanRequests");
    for (var e : new java.util.TreeMap<>(orphans).entrySet()) {
      g.writeNumberField(e.getKey().name(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("malformedMessages", r.sip().malformedMessages());
    g.writeEndObject();
    g.writeArrayFieldStart("nodes");
    for (Node n : a.nodes()) {
      CallJson.node(g, n);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("backends");
    for (BackendSummary b : a.backends()) {
      CallJson.backend(g, b, labels.get(b.backend().toString()));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("errors");
    for (InputError e : r.errors()) {
      g.writeStartObject();
      g.writeStringField("file", e.source());
      g.writeStringField("message", e.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Calls as CSV, to stdout and/or a file. */
  private static final class CallCsv implements AutoCloseable {
    private final List<CSVPrinter> printers;
    private final @Nullable Writer file;

    private CallCsv(List<CSVPrinter> printers, @Nullable Writer file) {
      this.printers = printers;
      this.file = file;
    }

    static CallCsv open(@Nullable PrintWriter stdout, @Nullable Path path) throws IOException {
      List<CSVPrinter> printers = new ArrayList<>();
      // one row per leg, as the JSON's calls[]; legs of one B2BUA/SBC call share a group (empty: a call alone)
      String[] columns = java.util.Arrays.copyOf(CsvExport.CALL_COLUMNS, CsvExport.CALL_COLUMNS.length + 1);
      columns[columns.length - 1] = "group";
      CSVFormat f = CsvExport.format(columns);
      if (stdout != null) {
        printers.add(f.print(stdout));
      }
      Writer w = path == null ? null : Files.newBufferedWriter(path, StandardCharsets.UTF_8);
      if (w != null) {
        printers.add(f.print(w));
      }
      return new CallCsv(printers, w);
    }

    void write(AttributedCall c, @Nullable Long group) throws IOException {
      List<Object> row = new ArrayList<>(CsvExport.callRow(c));
      row.add(group == null ? "" : group);
      for (CSVPrinter p : printers) {
        p.printRecord(row);
      }
    }

    @Override
    public void close() throws IOException {
      for (CSVPrinter p : printers) {
        p.flush();
      }
      if (file != null) {
        file.close();
      }
    }
  }

  /** Attempts as CSV. */
  private static final class AttemptCsv implements AutoCloseable {
    private final @Nullable CSVPrinter printer;

    private AttemptCsv(@Nullable CSVPrinter printer) {
      this.printer = printer;
    }

    static AttemptCsv open(@Nullable Path path) throws IOException {
      return new AttemptCsv(path == null ? null : CsvExport.format(CsvExport.ATTEMPT_COLUMNS)
          .print(Files.newBufferedWriter(path, StandardCharsets.UTF_8)));
    }

    void write(AttributedCall c) throws IOException {
      if (printer == null) {
        return;
      }
      for (List<Object> row : CsvExport.attemptRows(c)) {
        printer.printRecord(row);
      }
    }

    @Override
    public void close() throws IOException {
      if (printer != null) {
        printer.close();
      }
    }
  }
}
