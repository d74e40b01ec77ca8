package io.sipaudit.cli;

import io.sipaudit.attribution.Attributor;
import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.Verdict;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.net.Endpoint;
import io.sipaudit.report.CsvExport;
import io.sipaudit.report.ReportData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipaudit report capture.pcap -o report.html}: the distribution report people hand around, as one
 * self-contained HTML file or a PDF, with CSV exports on request.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a report to hand around: the verdict and the most important findings at the top, inputs and time"
          + " span, topology, the per-backend table (offered, handled, observed and expected share, answered,"
          + " failed, failovers, PDD and setup time, down time), charts (share, calls and concurrent calls over"
          + " time, health timeline, delays), probes, findings with evidence and remedies, and call ladders of the"
          + " calls that matter (failovers, lost calls, a few normal ones).",
      "HTML is one self-contained file (no external fonts, scripts or images); PDF has the same content on A4"
          + " pages. The format follows -o's extension (.pdf or anything else for HTML) unless --format says."
          + " Exit codes: 0 written, 2 usage, 65 an input is damaged (the report covers what came before),"
          + " 66 an input is missing."
    })
final class ReportCommand implements Callable<Integer> {

  enum Format { html, pdf }

  @Spec CommandSpec spec;

  @Mixin CaptureInputs inputs;

  @Mixin NodeOptions nodes;

  @Mixin AuditOptions audit;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
      description = "Where to write the report (report.html or report.pdf). Repeatable: -o report.html -o report.pdf"
          + " writes both from one reading of the inputs.")
  List<Path> outputs;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "html or pdf, for every -o (default: from each -o's extension).")
  @Nullable Format format;

  @Option(names = "--csv-dir", paramLabel = "DIR",
      description = "Also write calls.csv, attempts.csv, backends.csv, probes.csv, down.csv and findings.csv to DIR.")
  @Nullable Path csvDir;

  @Override
  public Integer call() throws Exception {
    List<Endpoint> given = nodes.balancers(spec);
    List<Endpoint> backends = nodes.backends(spec);
    var policy = audit.policy();
    var expectation = audit.expectation(spec);
    AuditPipeline pipeline = new AuditPipeline(audit, policy, expectation);
    ReportMaker maker = new ReportMaker();
    Attributor attributor = new Attributor(given, backends);
    attributor.knowBackends(audit.configured);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = inputs.progress(err);
    SipIngest.Result result;
    try (CsvExport csv = csvDir == null ? null : CsvExport.open(csvDir)) {
      result = pipeline.run(inputs, bar, attributor, c -> {
        maker.call(c);
        if (csv != null) {
          csv.accept(c);
        }
      });
      AuditResult r = pipeline.audit(backends);
      Verdict verdict = Verdict.of(r, policy);
      if (csv != null) {
        csv.finish(pipeline.analysis.backends(), r, audit.labels);
      }
      ReportData data = maker.data(inputs, audit, pipeline, r, verdict, result.errors());
      List<String> written = new ArrayList<>();
      for (Path output : outputs) {
        boolean pdf = pdf(output);
        ReportMaker.write(data, pdf, output, out);
        written.add(output + " (" + (pdf ? "PDF" : "HTML") + ")");
      }
      out.println("wrote " + String.join(", ", written) + " (" + data.calls() + " calls, " + r.findings().size()
          + " findings, verdict " + (verdict.passed() ? "pass" : "fail") + ")"
          + (csvDir == null ? "" : " and CSV files in " + csvDir));
    }
    out.flush();
    for (InputError e : result.errors()) {
      err.println("sipaudit: " + e.message());
    }
    err.flush();
    return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERR;
  }

  private boolean pdf(Path output) {
    return format != null ? format == Format.pdf
        : output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
  }
}
