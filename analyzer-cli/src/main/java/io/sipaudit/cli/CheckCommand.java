package io.sipaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sipaudit.attribution.Attributor;
import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.Verdict;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.net.Endpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sipaudit check capture.pcap --dispatcher dispatcher.list --algorithm kamailio:4}: the audit as a CI
 * gate. Exit 0 when every check of the policy passes, 1 when one fails.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Audit a capture and judge it by a policy: backends that went down, calls sent to them, failover, lost"
          + " calls, distribution skew against the configuration (goodness-of-fit test), health-check probes and"
          + " dialog pinning become findings (docs/findings.md); the policy's thresholds become checks.",
      "Exit codes: 0 every check passed, 1 a check failed, 2 usage, 65 an input (capture, configuration, policy,"
          + " baseline) is damaged or malformed, 66 an input is missing."
    })
final class CheckCommand implements Callable<Integer> {

  enum Format { text, json, junit, html, pdf }

  @Spec CommandSpec spec;

  @Mixin CaptureInputs inputs;

  @Mixin AuditOptions audit;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "text (default), json, junit (JUnit XML), or html/pdf (the report of 'sipaudit report').")
  Format format = Format.text;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "With --format html or pdf: write the report to FILE instead of standard output.")
  @Nullable Path output;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "The JSON of an earlier 'check --format json': fail only on regressions against it.")
  @Nullable Path baseline;

  @Mixin NodeOptions nodes;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    List<Endpoint> given = nodes.balancers(spec);
    List<Endpoint> backends = nodes.backends(spec);
    var policy = audit.policy();
    var expectation = audit.expectation(spec);
    Baseline base = baseline == null ? null : Baseline.read(baseline);
    AuditPipeline pipeline = new AuditPipeline(audit, policy, expectation);
    Attributor attributor = new Attributor(given, backends);
    attributor.knowBackends(audit.configured);
    if (output != null && format != Format.html && format != Format.pdf) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o is for --format html or pdf");
    }
    ReportMaker maker = format == Format.html || format == Format.pdf ? new ReportMaker() : null;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SipIngest.Result result = pipeline.run(inputs, inputs.progress(err), attributor,
        c -> {
          if (maker != null) {
            maker.call(c);
          }
        });
    AuditResult r = pipeline.audit(backends);
    Verdict verdict = Verdict.of(r, policy);
    if (base != null) {
      verdict = base.judge(verdict, r);
    }
    switch (format) {
      case json -> {
        JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("schema", "sipaudit.check/1");
        g.writeArrayFieldStart("inputs");
        for (String name : inputs.names()) {
          g.writeString(name);
        }
        g.writeEndArray();
        g.writeNumberField("calls", r.calls());
        AuditOutput.verdict(g, verdict);
        AuditOutput.json(g, r);
        AuditOutput.stateTimeline(g, pipeline.stateChanges());
        g.writeEndObject();
        g.flush();
        out.println();
      }
      case junit -> JunitReport.write(out, verdict, r, (System.nanoTime() - started) / 1e9);
      case html, pdf -> ReportMaker.write(maker.data(inputs, audit, pipeline, r, verdict, result.errors()),
          format == Format.pdf, output, out);
      default -> {
        AuditOutput.text(out, verdict);
        out.println();
        AuditOutput.text(out, r);
      }
    }
    out.flush();
    for (InputError e : result.errors()) {
      err.println("sipaudit: " + e.message());
    }
    err.flush();
    if (!result.errors().isEmpty()) {
      return ExitCodes.DATA_ERR;
    }
    return verdict.passed() ? ExitCodes.OK : ExitCodes.FINDINGS;
  }
}
