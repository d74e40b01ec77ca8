package io.sipaudit.cli;

import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.Verdict;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ladder.Ladder;
import io.sipaudit.ladder.LadderCollector;
import io.sipaudit.net.Endpoint;
import io.sipaudit.report.CallLadder;
import io.sipaudit.report.HtmlReport;
import io.sipaudit.report.LadderPicker;
import io.sipaudit.report.PdfReport;
import io.sipaudit.report.ReportData;
import io.sipaudit.report.Timeline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The report's side of a run, shared by {@code report}, {@code analyze --format html|pdf} and
 * {@code check --format html|pdf}: it sees every attributed call (to choose ladders), then gathers the
 * {@link ReportData}, reading the inputs a second time for the chosen calls' messages, and writes HTML or PDF.
 */
final class ReportMaker {
  /** Messages per ladder and characters per message kept for the report. */
  static final int LADDER_MESSAGES = 60;
  static final int MESSAGE_CHARS = 6000;
  /** Ladders of calls the simulation would have sent elsewhere. */
  static final int DISAGREEMENT_LADDERS = 2;

  final LadderPicker picker = new LadderPicker();

  void call(AttributedCall c) {
    picker.accept(c);
  }

  /** Gathers the report after the audit. */
  ReportData data(CaptureInputs inputs, AuditOptions audit, AuditPipeline pipeline, AuditResult result,
      Verdict verdict, List<InputError> errors) {
    List<String> notes = new ArrayList<>();
    for (InputError e : errors) {
      notes.add("Input error: " + e.message() + " The report covers what was read before it.");
    }
    Instant first = pipeline.health.first();
    Instant last = pipeline.health.last();
    Set<Endpoint> backends = new TreeSet<>();
    pipeline.analysis.backends().forEach(b -> backends.add(b.backend()));
    Timeline timeline = first == null || last == null
        ? Timeline.of(Instant.EPOCH, Instant.EPOCH, List.of(), Map.of(), Map.of(), Map.of())
        : Timeline.of(first, last, backends, pipeline.ledger.firstPicksPerSecond(),
            pipeline.analysis.concurrencyChanges(), pipeline.health.failedProbesPerSecond());
    Map<String, String> chosen = new LinkedHashMap<>();
    if (result.distribution() != null) {
      // the calls where the configured algorithm and the balancer disagree come first
      result.distribution().disagreements().stream().limit(DISAGREEMENT_LADDERS).forEach(x -> chosen.put(x.callId(),
          "The simulation (" + result.distribution().expectation() + ") predicts " + x.predicted()
              + "; the balancer picked " + x.observed() + "."));
    }
    picker.chosen().forEach((id, why) -> {
      if (chosen.size() < LadderPicker.MAX) {
        chosen.putIfAbsent(id, why);
      }
    });
    List<CallLadder> ladders = ladders(inputs, chosen, notes);
    List<String> inputNames = inputs.names();
    return new ReportData(VersionProvider.projectVersion(), Instant.now(), inputNames, audit.describe(), first, last,
        pipeline.analysis.calls(), pipeline.analysis.outcomes(), pipeline.analysis.pdd(), pipeline.analysis.setup(),
        pipeline.analysis.nodes(), pipeline.analysis.backends(), pipeline.analysis.pddCurves(),
        pipeline.analysis.setupCurves(), audit.labels, result, verdict, timeline, pipeline.stateChanges(), ladders,
        notes);
  }

  /** Reads the inputs again, keeping only the chosen calls' messages. */
  private List<CallLadder> ladders(CaptureInputs inputs, Map<String, String> chosen, List<String> notes) {
    if (chosen.isEmpty()) {
      return List.of();
    }
    if (inputs.files.stream().anyMatch(p -> p.toString().equals("-"))) {
      notes.add("Call ladders are left out: standard input cannot be read a second time; give a file.");
      return List.of();
    }
    Map<String, String> keys = new LinkedHashMap<>();
    chosen.keySet().forEach(id -> keys.put(id, id));
    LadderCollector collector = new LadderCollector(keys, LADDER_MESSAGES, MESSAGE_CHARS);
    inputs.dialogIngest(new ProgressBar(new PrintWriter(Writer.nullWriter()), 0, false)).run(inputs.files, collector);
    List<CallLadder> out = new ArrayList<>();
    Map<String, Ladder> ladders = collector.ladders();
    chosen.forEach((id, reason) -> {
      Ladder l = ladders.get(id);
      if (l != null && !l.messages().isEmpty()) {
        out.add(new CallLadder(reason, l));
      }
    });
    return out;
  }

  /** Writes {@code data} as HTML or PDF to {@code file}, or to standard output when it is null. */
  static void write(ReportData data, boolean pdf, @Nullable Path file, PrintWriter out) throws IOException {
    if (file != null && file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    if (pdf) {
      if (file == null) {
        out.flush();
        OutputStream stdout = System.out;
        new PdfReport().write(data, stdout);
        stdout.flush();
      } else {
        try (OutputStream os = Files.newOutputStream(file)) {
          new PdfReport().write(data, os);
        }
      }
    } else if (file == null) {
      new HtmlReport(HtmlReport.Mode.HTML).write(data, out);
    } else {
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        new HtmlReport(HtmlReport.Mode.HTML).write(data, w);
      }
    }
  }
}
