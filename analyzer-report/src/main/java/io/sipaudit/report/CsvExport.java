package io.sipaudit.report;

import io.sipaudit.attribution.Attempt;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.attribution.BackendSummary;
import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.DistributionReport;
import io.sipaudit.audit.Evidence;
import io.sipaudit.audit.Finding;
import io.sipaudit.health.DownInterval;
import io.sipaudit.health.ProbeSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * CSV exports into a directory ({@code --csv-dir}): {@code calls.csv} and {@code attempts.csv} are written as
 * calls stream past (one row each, nothing kept); {@code backends.csv}, {@code probes.csv}, {@code down.csv} and
 * {@code findings.csv} at the end. RFC 4180 with a header row, LF line ends, UTF-8, times ISO-8601 UTC.
 *
 * <p>Example {@code calls.csv} row: {@code 1-3296@127.0.1.100,2026-11-24T04:47:38.210Z,...,127.0.1.21:5060,
 * 127.0.1.22:5060,2,failed_over_answered,200,true,...}.
 */
public final class CsvExport implements Consumer<AttributedCall>, AutoCloseable {

  /** The columns of {@code calls.csv} (also {@code analyze --format csv}). */
  public static final String[] CALL_COLUMNS = {"call_id", "start", "from", "to", "request_uri", "client", "balancer",
      "first_pick", "backend", "attempts", "outcome", "final_status", "failed_over", "pdd_ms", "setup_ms",
      "duration_ms", "failover_ms", "complete"};

  /** The columns of {@code attempts.csv}. */
  public static final String[] ATTEMPT_COLUMNS = {"call_id", "attempt", "backend", "sent", "outcome", "status",
      "pdd_ms", "setup_ms", "round"};

  private final Path dir;
  private final CSVPrinter calls;
  private final CSVPrinter attempts;

  private CsvExport(Path dir, CSVPrinter calls, CSVPrinter attempts) {
    this.dir = dir;
    this.calls = calls;
    this.attempts = attempts;
  }

  /** Returns the format: RFC 4180, LF, with {@code header}. */
  public static CSVFormat format(String... header) {
    return CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader(header).get();
  }

  /** Creates {@code dir} if needed and opens the streamed files. */
  public static CsvExport open(Path dir) throws IOException {
    Files.createDirectories(dir);
    CSVPrinter c = format(CALL_COLUMNS).print(Files.newBufferedWriter(dir.resolve("calls.csv"), StandardCharsets.UTF_8));
    CSVPrinter a;
    try {
      a = format(ATTEMPT_COLUMNS).print(Files.newBufferedWriter(dir.resolve("attempts.csv"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      c.close();
      throw e;
    }
    return new CsvExport(dir, c, a);
  }

  /** Returns one {@code calls.csv} row. */
  public static List<Object> callRow(AttributedCall c) {
    return List.of(c.call().callId(), c.call().start(), s(c.call().from()), s(c.call().to()), s(c.call().requestUri()),
        s(c.client()), s(c.balancer()), s(c.firstPick()), s(c.backend()), c.attempts().size(), c.outcome().id(),
        c.finalStatus(), c.failedOver(), s(c.pddMs()), s(c.setupMs()), s(c.durationMs()), s(c.failoverMs()),
        c.call().complete());
  }

  /** Returns the {@code attempts.csv} rows of one call. */
  public static List<List<Object>> attemptRows(AttributedCall c) {
    List<List<Object>> rows = new ArrayList<>();
    int i = 1;
    for (Attempt a : c.attempts()) {
      rows.add(List.of(c.call().callId(), i++, a.backend(), a.sent(), a.outcome().id(), a.status(), s(a.pddMs()),
          s(a.setupMs()), a.round()));
    }
    return rows;
  }

  @Override
  public void accept(AttributedCall c) {
    try {
      calls.printRecord(callRow(c));
      for (List<Object> r : attemptRows(c)) {
        attempts.printRecord(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the summaries and closes every file. */
  public void finish(List<BackendSummary> backends, AuditResult audit, Map<String, String> labels) throws IOException {
    close();
    DistributionReport dist = audit.distribution();
    try (CSVPrinter p = printer("backends.csv", "backend", "name", "offered", "attempts", "handled", "share",
        "expected_share", "answered", "failed", "failovers_in", "failovers_out", "pdd_p50_ms", "pdd_p95_ms",
        "setup_p50_ms", "setup_p95_ms", "peak_concurrent", "mean_concurrent")) {
      for (BackendSummary b : backends) {
        Double expected = null;
        if (dist != null) {
          for (DistributionReport.Row r : dist.rows()) {
            if (r.backend().equals(b.backend())) {
              expected = r.expectedShare();
            }
          }
        }
        p.printRecord(b.backend(), s(labels.get(b.backend().toString())), b.offered(), b.attempts(), b.handled(),
            b.share(), s(expected), b.answered(), b.failed(), b.failoversIn(), b.failoversOut(), s(b.pdd().p50()),
            s(b.pdd().p95()), s(b.setup().p50()), s(b.setup().p95()), b.peakConcurrent(), b.meanConcurrent());
      }
    }
    try (CSVPrinter p = printer("probes.csv", "prober", "destination", "method", "sent", "answered", "timed_out",
        "failed", "reply_codes", "max_consecutive_failures", "first", "last", "interval_p50_ms", "interval_p95_ms",
        "interval_max_ms", "rtt_p50_ms", "gaps")) {
      for (ProbeSummary s : audit.probes()) {
        StringBuilder codes = new StringBuilder();
        new java.util.TreeMap<>(s.replyCodes()).forEach((k, v) -> codes.append(codes.length() == 0 ? "" : " ")
            .append(k).append('=').append(v));
        p.printRecord(s.prober(), s.destination(), s.method(), s.sent(), s.answered(), s.timedOut(), s.failed(),
            codes, s.maxConsecutiveFailures(), s.first(), s.last(),
            s.intervalMs() == null ? "" : s.intervalMs().median(), s.intervalMs() == null ? "" : s.intervalMs().p95(),
            s.intervalMs() == null ? "" : s.intervalMs().max(), s.rttMs() == null ? "" : s.rttMs().median(),
            s.gaps());
      }
    }
    try (CSVPrinter p = printer("down.csv", "backend", "start", "end", "first_unanswered_frame", "unanswered",
        "unanswered_probes", "calls_sent", "first_call_sent", "last_call_sent", "back_in_rotation")) {
      for (DownInterval d : audit.downIntervals()) {
        p.printRecord(d.destination(), d.start(), s(d.end()), d.firstUnanswered().source() + "#"
            + d.firstUnanswered().frame(), d.unanswered(), d.unansweredProbes(), d.callsSent(), s(d.firstCallSent()),
            s(d.lastCallSent()), s(d.backInRotation()));
      }
    }
    try (CSVPrinter p = printer("findings.csv", "code", "severity", "backend", "start", "end", "count", "message",
        "remedy", "evidence")) {
      for (Finding f : audit.findings()) {
        StringBuilder ev = new StringBuilder();
        for (Evidence e : f.evidence()) {
          ev.append(ev.length() == 0 ? "" : "; ").append(e.callId() != null ? e.callId() : e.frame() != null
              ? e.frame() : "").append(e.time() != null ? " @" + e.time() : "").append(' ').append(e.note());
        }
        p.printRecord(f.code().name(), f.severity().id(), s(f.backend()), s(f.start()), s(f.end()), s(f.count()),
            f.message(), s(f.remedy()), ev.toString().trim());
      }
    }
  }

  private CSVPrinter printer(String name, String... header) throws IOException {
    return format(header).print(Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    try {
      calls.close();
    } finally {
      attempts.close();
    }
  }

  private static String s(@Nullable Object o) {
    return o == null ? "" : o.toString();
  }
}
