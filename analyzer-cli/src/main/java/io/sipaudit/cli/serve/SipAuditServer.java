package io.sipaudit.cli.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The {@code sipaudit serve} web app: the upload page, the report of each analysis with its downloads, and the JSON
 * API, on an embedded Jetty (through Javalin).
 *
 * <p>Routes: {@code GET /} the upload page, {@code GET /app.js} its script, {@code POST /analyze} (the page's form:
 * 303 to the report, or JSON {@code {"id","report",...}} when the request accepts JSON), {@code GET /r/ID} the
 * report with a bar of download links, {@code GET /r/ID/report.pdf|report.html|analysis.json|csv/NAME.csv},
 * {@code POST /api/analyze} (the JSON of {@code sipaudit analyze --format json}) and {@code POST /api/check} (the
 * JSON of {@code sipaudit check --format json}, with the verdict).
 *
 * <p>Example: {@code try (SipAuditServer s = SipAuditServer.start(ServeOptions.defaults(0), cli, System.err)) {
 * s.uri() }} is {@code http://127.0.0.1:41234/}.
 */
public final class SipAuditServer implements AutoCloseable {
  /** The CSV files of a report, the only names {@code /r/ID/csv/NAME} answers. */
  static final List<String> CSV_FILES =
      List.of("calls.csv", "attempts.csv", "backends.csv", "probes.csv", "down.csv", "findings.csv");
  /** What a client is told to wait when every worker is busy, in seconds. */
  static final int RETRY_AFTER = 10;
  /** The most of a refused upload that is read and dropped so that the 413 answer arrives: 64 MiB. */
  static final long DRAIN = 64L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServeOptions options;
  private final Path root;
  private final Path uploads;
  private final UploadReader reader;
  private final ResultStore results;
  private final WorkerPool workers;
  private final Analyst analyst;
  private final ProgressBoard board = new ProgressBoard();
  private final Pages pages;
  private final PrintStream log;
  private final ScheduledExecutorService janitor;
  private final Javalin app;
  private ServerConnector connector;

  private SipAuditServer(ServeOptions options, Cli cli, PrintStream log, String version) throws IOException {
    this.options = options;
    this.log = log;
    // Files.createTempDirectory makes it rwx------ on POSIX: other users cannot read the uploads.
    this.root = Files.createTempDirectory("sipaudit-serve-");
    this.uploads = Files.createDirectory(root.resolve("uploads"));
    this.reader = new UploadReader(options.maxUpload(), Files.createDirectory(root.resolve("parts")));
    this.results = new ResultStore(Files.createDirectory(root.resolve("results")), options.keep(),
        options.maxResults(), Clock.systemUTC());
    this.workers = new WorkerPool(options.workers());
    this.analyst = new Analyst(cli);
    this.pages = new Pages(options.maxUpload(), options.keep(), version);
    this.janitor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sipaudit-serve-janitor");
      t.setDaemon(true);
      return t;
    });
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.modifyHttpConfiguration(http -> {
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
      });
      // Pasted traces are multipart fields without a file name, which Jetty counts as form content.
      config.jetty.modifyServletContextHandler(h -> h.setMaxFormContentSize(
          (int) Math.min(Integer.MAX_VALUE, options.maxUpload())));
      config.jetty.addConnector((server, http) -> {
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.bind());
        connector.setPort(options.port());
        return connector;
      });
      config.requestLogger.http((ctx, ms) -> this.log.printf(Locale.ROOT, "sipaudit serve: %s %s %d (%.0f ms)%n",
          ctx.method(), ctx.path(), ctx.statusCode(), ms));
      config.routes.before(this::guard);
      config.routes.get("/", ctx -> page(ctx, pages.index()));
      config.routes.get("/app.js", ctx -> {
        ctx.contentType("text/javascript; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.result(pages.script());
      });
      // Browsers ask for it on every page; no icon, and no 404 in their console.
      config.routes.get("/favicon.ico", ctx -> ctx.status(204));
      config.routes.post("/analyze", this::analyzeForm);
      config.routes.get("/api/progress/{token}", ctx -> {
        Map<String, Object> view = ProgressBoard.valid(ctx.pathParam("token")) ? board.view(ctx.pathParam("token"))
            : null;
        if (view == null) {
          throw new HttpProblem(404, "no analysis with that progress token", List.of(), null, null);
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        ctx.result(json(view));
      });
      config.routes.post("/api/analyze", ctx -> api(ctx, "analyze", "analysis"));
      config.routes.post("/api/check", ctx -> api(ctx, "check", "check"));
      config.routes.get("/r/{id}", this::report);
      config.routes.get("/r/{id}/report.pdf", ctx -> download(ctx, "report.pdf", "application/pdf"));
      config.routes.get("/r/{id}/report.html", ctx -> download(ctx, "report.html", "text/html; charset=utf-8"));
      config.routes.get("/r/{id}/analysis.json", ctx -> download(ctx, "analysis.json", "application/json"));
      config.routes.get("/r/{id}/csv/{name}", ctx -> {
        String name = ctx.pathParam("name");
        if (!CSV_FILES.contains(name)) {
          throw new HttpProblem(404, "no such CSV file (expected one of " + String.join(", ", CSV_FILES) + ")");
        }
        download(ctx, "csv/" + name, "text/csv; charset=utf-8");
      });
      config.routes.exception(HttpProblem.class, (e, ctx) -> problem(ctx, e));
      config.routes.exception(Exception.class, (e, ctx) -> {
        this.log.println("sipaudit serve: internal error on " + ctx.method() + " " + ctx.path() + ": " + e);
        e.printStackTrace(this.log);
        problem(ctx, new HttpProblem(500, "internal error; the server's log has the details"));
      });
    });
  }

  /**
   * Starts a server; close it to stop it and delete every upload and result.
   *
   * @param cli runs sipaudit commands in this process
   * @param log where the request log and internal errors go, e.g. {@code System.err}
   * @param version shown in the page's footer
   */
  public static SipAuditServer start(ServeOptions options, Cli cli, PrintStream log, String version)
      throws IOException {
    SipAuditServer s = new SipAuditServer(options, cli, log, version);
    try {
      s.app.start();
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    s.janitor.scheduleWithFixedDelay(s::expire, 1, 1, TimeUnit.MINUTES);
    return s;
  }

  /** The port the server listens on (the free one picked when the options said 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The URL to open, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
    return URI.create("http://" + (host.equals("0.0.0.0") || host.equals("[::]") ? "127.0.0.1" : host) + ":"
        + port() + "/");
  }

  /** The analysis workers: how many are busy (tests hold them to see the server turn requests away). */
  public WorkerPool workers() {
    return workers;
  }

  /** The private directory of this server's uploads, multipart parts and results; deleted by {@link #close()}. */
  public Path root() {
    return root;
  }

  @Override
  public void close() {
    janitor.shutdownNow();
    try {
      app.stop();
    } finally {
      results.close();
      ResultStore.deleteTree(root);
    }
  }

  private void expire() {
    try {
      results.expire();
    } catch (RuntimeException e) {
      log.println("sipaudit serve: cleaning up: " + e.getMessage());
    }
  }

  // ---- every request

  /** Security headers on every answer; POSTs only from this server's own pages (or from no page: curl). */
  private void guard(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Content-Security-Policy", Pages.NONE_POLICY);
    if (ctx.method() == HandlerType.POST) {
      String origin = ctx.header("Origin");
      String host = ctx.header("Host");
      if (origin != null && (host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host)))) {
        throw new HttpProblem(403, "cross-origin request refused: post from this server's own page");
      }
    }
  }

  private void page(Context ctx, String html) {
    ctx.header("Content-Security-Policy", pages.policy());
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(html);
  }

  private void problem(Context ctx, HttpProblem p) {
    ctx.status(p.status());
    ctx.header("Cache-Control", "no-store");
    if (p.status() == 413 && !drained(ctx.req())) {
      // The rest of the body is too large to read only to drop it: answer now and close.
      ctx.header("Connection", "close");
    }
    if (p.retryAfterSeconds() != null) {
      ctx.header("Retry-After", Integer.toString(p.retryAfterSeconds()));
    }
    String report = p.partial() == null ? null : "/r/" + p.partial();
    if (wantsJson(ctx)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", p.status());
      body.put("error", p.error());
      body.put("messages", p.messages());
      if (report != null) {
        body.put("report", report);
      }
      ctx.contentType("application/json");
      ctx.result(json(body));
    } else {
      ctx.header("Content-Security-Policy", pages.policy());
      ctx.contentType("text/html; charset=utf-8");
      ctx.result(pages.error(p, report == null ? "/" : report));
    }
  }

  /**
   * Reads and drops what is left of a refused body, when that is at most {@link #DRAIN} bytes (a body without a
   * declared length included); returns whether the body was read to its end. Closing with unread bytes makes the
   * kernel reset the connection, and a client still sending (a browser, Java's HttpClient) then often loses the
   * answer: a "connection reset" instead of the 413 page.
   */
  private static boolean drained(HttpServletRequest request) {
    if (request.getContentLengthLong() > DRAIN) {
      return false;
    }
    try {
      InputStream in = request.getInputStream();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
        if (total > DRAIN) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean wantsJson(Context ctx) {
    String accept = ctx.header("Accept");
    return ctx.path().startsWith("/api/") || (accept != null && accept.contains("application/json")
        && !accept.contains("text/html"));
  }

  // ---- analyses

  /** An upload ready for analysis, holding a worker; closing frees the worker and deletes the upload. */
  private record Job(Submission submission, WorkerPool.Lease lease) implements AutoCloseable {
    @Override
    public void close() {
      try {
        lease.close();
      } finally {
        ResultStore.deleteTree(submission.dir());
      }
    }
  }

  /** Reads the upload into a fresh private directory, then waits for a worker. */
  private Job receive(Context ctx) throws IOException {
    reader.checkDeclaredLength(ctx.req());
    Path dir = Files.createDirectory(uploads.resolve(java.util.UUID.randomUUID().toString()));
    try {
      Submission s = reader.read(ctx.req(), dir);
      WorkerPool.Lease lease = workers.acquire(options.queueWait()).orElseThrow(() -> new HttpProblem(503,
          "all " + options.workers() + " analysis workers are busy; try again in a few seconds", List.of(),
          RETRY_AFTER, null));
      return new Job(s, lease);
    } catch (IOException | RuntimeException e) {
      ResultStore.deleteTree(dir);
      throw e;
    }
  }

  /** The page's form: report, PDF, CSV and JSON of one analysis, kept under a random id. */
  private void analyzeForm(Context ctx) throws IOException {
    ProgressBoard.Entry progress = board.start(ctx.queryParam("progress"));
    boolean done = false;
    try {
      analyzeForm(ctx, progress);
      done = true;
    } finally {
      board.end(progress, done ? "done" : "failed");
    }
  }

  private void analyzeForm(Context ctx, ProgressBoard.@org.jspecify.annotations.Nullable Entry progress)
      throws IOException {
    ResultStore.Stored r;
    try (Job job = receive(ctx);
        io.sipaudit.cli.IngestWatch watch = io.sipaudit.cli.IngestWatch.open(progress == null ? (f, o) -> { }
            : progress::read)) {
      if (progress != null) {
        long total = 0;
        for (Submission.Input in : job.submission().inputs()) {
          total += Files.size(in.file());
        }
        progress.totalBytes = total;
        progress.stage = "analysing";
      }
      r = results.create();
      boolean published = false;
      try {
        Analyst.Outcome report = analyst.report(job.submission(), r.dir());
        refuse(report);
        Analyst.Outcome json = analyst.json("analyze", job.submission(), r.dir().resolve("analysis.json"));
        refuse(json);
        if (report.exitCode() == Cli.DATA_ERR || json.exitCode() == Cli.DATA_ERR) {
          List<String> messages = new ArrayList<>(report.messages());
          json.messages().stream().filter(m -> !messages.contains(m)).forEach(messages::add);
          boolean someCalls = calls(r.dir().resolve("analysis.json")) > 0;
          if (someCalls) {
            results.publish(r);
            published = true;
          }
          throw new HttpProblem(422, "the input is malformed or damaged"
              + (someCalls ? "; the report covers what was read before the damage" : ""), messages, null,
              someCalls ? r.id() : null);
        }
        results.publish(r);
        published = true;
      } finally {
        if (!published) {
          results.discard(r);
        }
      }
    }
    String base = "/r/" + r.id();
    if (wantsJson(ctx)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", r.id());
      body.put("report", base);
      body.put("pdf", base + "/report.pdf");
      body.put("html", base + "/report.html");
      body.put("analysis", base + "/analysis.json");
      Map<String, String> csv = new LinkedHashMap<>();
      CSV_FILES.forEach(n -> csv.put(n.replace(".csv", ""), base + "/csv/" + n));
      body.put("csv", csv);
      ctx.contentType("application/json");
      ctx.result(json(body));
    } else {
      ctx.redirect(base, io.javalin.http.HttpStatus.SEE_OTHER);
    }
  }

  /** The JSON API: {@code analyze} or {@code check} with {@code --format json}; 422 keeps the partial JSON. */
  private void api(Context ctx, String command, String field) throws IOException {
    try (Job job = receive(ctx)) {
      Path out = job.submission().dir().resolve(command + ".json");
      Analyst.Outcome o = analyst.json(command, job.submission(), out);
      refuse(o);
      ctx.header("Cache-Control", "no-store");
      ctx.contentType("application/json");
      if (o.exitCode() == Cli.DATA_ERR) {
        ctx.status(422);
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("status", 422);
        head.put("error", "the input is malformed or damaged; '" + field + "' covers what was read before the damage");
        head.put("messages", o.messages());
        String open = json(head);
        // {"status":422,...,"messages":[...],"FIELD": <the command's JSON, copied as it is> }
        try (OutputStream body = ctx.outputStream()) {
          body.write((open.substring(0, open.length() - 1) + ",\"" + field + "\":").getBytes(StandardCharsets.UTF_8));
          Files.copy(out, body);
          body.write('}');
        }
        return;
      }
      ctx.status(200);
      try (OutputStream body = ctx.outputStream()) {
        Files.copy(out, body);
      }
    }
  }

  /** Turns a refused configuration into 400 and anything but success, a verdict or damage into 500. */
  private void refuse(Analyst.Outcome o) {
    switch (o.exitCode()) {
      case Cli.OK, Cli.FINDINGS, Cli.DATA_ERR -> { }
      case Cli.USAGE -> throw new HttpProblem(400, "sipaudit refused the request", o.messages(), null, null);
      default -> {
        log.println("sipaudit serve: a command ended with exit code " + o.exitCode() + ": " + o.messages());
        throw new HttpProblem(500, "the analysis failed (exit code " + o.exitCode()
            + "); the server's log has the details");
      }
    }
  }

  /** Returns {@code summary.calls} of an analysis JSON, reading past the calls without keeping them. */
  static long calls(Path analysis) {
    try (JsonParser p = JSON.getFactory().createParser(analysis.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return 0;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("summary") && p.currentToken() == JsonToken.START_OBJECT) {
          JsonNode calls = JSON.<JsonNode>readTree(p).get("calls");
          return calls != null && calls.isNumber() ? calls.asLong() : 0;
        }
        p.skipChildren();
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  // ---- results

  private ResultStore.Stored stored(Context ctx) {
    return results.find(ctx.pathParam("id")).orElseThrow(() -> new HttpProblem(404, "no such report: it was"
        + " deleted (reports are kept for " + options.keep().toMinutes() + " minutes) or never existed"));
  }

  private void report(Context ctx) throws IOException {
    ResultStore.Stored r = stored(ctx);
    String html = Files.readString(r.dir().resolve("report.html"), StandardCharsets.UTF_8);
    List<String> csv = CSV_FILES.stream().filter(n -> Files.exists(r.dir().resolve("csv").resolve(n))).toList();
    ctx.header("Content-Security-Policy", Pages.reportPolicy(html));
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(Pages.withDownloads(html, "/r/" + r.id(), csv));
  }

  private void download(Context ctx, String file, String type) throws IOException {
    ResultStore.Stored r = stored(ctx);
    Path p = r.dir().resolve(file);
    if (!Files.isRegularFile(p)) {
      throw new HttpProblem(404, "this analysis has no " + file);
    }
    String name = "sipaudit-" + r.id().substring(0, 8) + "-" + file.replace('/', '-');
    ctx.header("Cache-Control", "no-store");
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.contentType(type);
    ctx.result(Files.newInputStream(p));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
