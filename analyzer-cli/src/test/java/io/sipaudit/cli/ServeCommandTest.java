package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipaudit.cli.serve.ServeOptions;
import io.sipaudit.cli.serve.SipAuditServer;
import io.sipaudit.cli.serve.WorkerPool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sipaudit serve} over HTTP on loopback: every kind of input gives the calls Kamailio logged (truth.csv),
 * configuration shapes the expectation, bad input gets 4xx with the reader's message, the limits hold (413 before
 * the body is read, 503 with Retry-After when every worker is busy), and every answer carries the security headers.
 */
final class ServeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static SipAuditServer server;

  @BeforeAll
  static void start() throws IOException {
    server = start(ServeOptions.defaults(0).withWorkers(2, Duration.ofSeconds(60)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static SipAuditServer start(ServeOptions options) throws IOException {
    return SipAuditServer.start(options, ServeCommand.inProcess(), new PrintStream(LOG, true, StandardCharsets.UTF_8),
        VersionProvider.projectVersion());
  }

  static Path sample(String name) {
    return ReportCommandTest.samples().resolve(name);
  }

  static long truthRows(String name) throws IOException {
    return Files.readAllLines(sample(name).resolve("truth.csv")).size() - 1;
  }

  static HttpResponse<String> post(SipAuditServer s, String path, String contentType, HttpRequest.BodyPublisher body,
      String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(s.uri().resolve(path)).timeout(Duration.ofMinutes(2))
        .header("Content-Type", contentType).POST(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> postFile(SipAuditServer s, String path, Path file) throws Exception {
    return post(s, path, "application/octet-stream", HttpRequest.BodyPublishers.ofFile(file));
  }

  static HttpResponse<String> get(SipAuditServer s, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(s.uri().resolve(path)).timeout(Duration.ofMinutes(1)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  private static byte[] gzip(Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      Files.copy(file, gz);
    }
    return out.toByteArray();
  }

  // ---- every kind of input

  @Test
  void aLabCaptureAsTheRawBodyGivesOneCallPerRowOfKamailiosTruth() throws Exception {
    HttpResponse<String> r = postFile(server, "/api/analyze?name=failover.pcap",
        sample("priority-alg8-failover").resolve("capture.pcap"));

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode doc = json(r);
    assertEquals("sipaudit.analysis/1", doc.get("schema").asText());
    assertEquals(truthRows("priority-alg8-failover"), doc.get("calls").size());
    assertEquals("failover.pcap", doc.at("/inputs/0").asText(), "the name sent, not the server's path");
    assertFalse(r.body().contains(server.root().toString()));
  }

  @Test
  void aGzippedCaptureInAMultipartFormGivesOneCallPerRowOfKamailiosTruth() throws Exception {
    Multipart form = new Multipart().file("file", "rr.pcap.gz", gzip(sample("rr-alg4").resolve("capture.pcap")));

    HttpResponse<String> r = post(server, "/api/analyze", form.contentType(), form.publisher());

    assertEquals(200, r.statusCode(), r.body());
    assertEquals(truthRows("rr-alg4"), json(r).get("calls").size());
    assertEquals("rr.pcap.gz", json(r).at("/inputs/0").asText());
  }

  @Test
  void aPastedLabTraceGivesOneCallPerRowOfKamailiosTruth() throws Exception {
    String trace = LabTrace.sngrep(sample("rr-alg4").resolve("capture.pcap"));
    Multipart form = new Multipart().field("text", trace).file("file", "", new byte[0]).field("algorithm", "");

    HttpResponse<String> pasted = post(server, "/api/analyze", form.contentType(), form.publisher());
    HttpResponse<String> raw = post(server, "/api/analyze", "text/plain; charset=utf-8",
        HttpRequest.BodyPublishers.ofString(trace));

    assertEquals(200, pasted.statusCode(), pasted.body());
    assertEquals(truthRows("rr-alg4"), json(pasted).get("calls").size());
    assertEquals("pasted text", json(pasted).at("/inputs/0").asText());
    assertEquals(200, raw.statusCode(), raw.body());
    assertEquals(truthRows("rr-alg4"), json(raw).get("calls").size());
  }

  @Test
  void everyTextTraceFixtureGetsTheAnalysisTheCommandLineGives() throws Exception {
    Path fixtures = ReportCommandTest.samples().getParent().resolve("analyzer-core/src/test/resources/textlog");
    List<Path> traces;
    try (Stream<Path> s = Files.list(fixtures)) {
      traces = s.sorted().toList();
    }
    assertTrue(traces.size() >= 10, traces.toString());
    for (Path trace : traces) {
      CommandRun cli = CommandRun.sipaudit("analyze", "--format", "json", "-q", trace.toString());
      Multipart form = new Multipart().file("file", trace.getFileName().toString(), Files.readAllBytes(trace));

      HttpResponse<String> r = post(server, "/api/analyze", form.contentType(), form.publisher());

      String what = trace.getFileName() + ": " + r.body().substring(0, Math.min(400, r.body().length()));
      assertEquals(cli.exitCode() == 0 ? 200 : 422, r.statusCode(), what);
      JsonNode served = r.statusCode() == 200 ? json(r) : json(r).get("analysis");
      JsonNode local = JSON.readTree(cli.out());
      assertEquals(local.get("calls").size(), served.get("calls").size(), what);
      assertEquals(local.get("summary"), served.get("summary"), what);
    }
  }

  @Test
  void aDispatcherListInTheFormGivesTheConfiguredExpectation() throws Exception {
    Path dir = sample("priority-alg8-failover");
    Multipart form = new Multipart().file("file", "capture.pcap", Files.readAllBytes(dir.resolve("capture.pcap")))
        .file("dispatcher", "dispatcher.list", Files.readAllBytes(dir.resolve("dispatcher.list")))
        .field("algorithm", "kamailio:8");

    HttpResponse<String> r = post(server, "/api/analyze", form.contentType(), form.publisher());

    assertEquals(200, r.statusCode(), r.body());
    JsonNode doc = json(r);
    assertEquals("Kamailio algorithm 8 replayed over dispatcher.list set 2",
        doc.at("/distribution/expectation").asText());
    List<String> configured = new ArrayList<>();
    doc.get("backends").forEach(b -> configured.add(b.get("address").asText() + " " + b.get("configured").asText()));
    assertEquals(List.of("127.0.1.21:5060 set 2, primary", "127.0.1.22:5060 set 2, secondary",
        "127.0.1.23:5060 set 2, tertiary"), configured);
  }

  @Test
  void checkAnswersTheVerdictWithStatus200EvenWhenACheckFails() throws Exception {
    Path dir = sample("rr-alg4-kill");
    Multipart form = new Multipart().file("file", "kill.pcap", Files.readAllBytes(dir.resolve("capture.pcap")))
        .field("dispatcher", Files.readString(dir.resolve("dispatcher.list")))
        .file("kamailio_cfg", "balancer.cfg", Files.readAllBytes(dir.resolve("balancer.cfg")))
        .field("defines", Files.readString(dir.resolve("balancer.defines")));

    HttpResponse<String> r = post(server, "/api/check", form.contentType(), form.publisher());

    assertEquals(200, r.statusCode(), r.body());
    JsonNode doc = json(r);
    assertEquals("sipaudit.check/1", doc.get("schema").asText());
    assertEquals("fail", doc.at("/verdict/result").asText(), "a backend was killed");
    assertEquals(truthRows("rr-alg4-kill"), doc.get("calls").asLong());
  }

  // ---- bad input

  @Test
  void garbageGets422WithTheReadersMessageAndTheServerGoesOnServing() throws Exception {
    byte[] garbage = new byte[50_000];
    new Random(9).nextBytes(garbage);

    HttpResponse<String> r = post(server, "/api/analyze?name=noise.bin", "application/octet-stream",
        HttpRequest.BodyPublishers.ofByteArray(garbage));

    assertEquals(422, r.statusCode(), r.body());
    JsonNode doc = json(r);
    assertTrue(doc.get("error").asText().contains("malformed"), r.body());
    assertTrue(doc.at("/messages/0").asText().startsWith("noise.bin line 1: "), r.body());
    assertEquals(0, doc.at("/analysis/summary/calls").asInt());
    assertFalse(r.body().contains(server.root().toString()) || r.body().contains("Exception"), r.body());
    assertEquals(200, postFile(server, "/api/analyze", sample("rr-alg4").resolve("capture.pcap")).statusCode());
  }

  @Test
  void aTruncatedCaptureGets422NamingTheOffsetWithTheAnalysisOfWhatCameBefore() throws Exception {
    byte[] whole = Files.readAllBytes(sample("priority-alg8-failover").resolve("capture.pcap"));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);

    HttpResponse<String> r = post(server, "/api/analyze?name=cut.pcap", "application/vnd.tcpdump.pcap",
        HttpRequest.BodyPublishers.ofByteArray(cut));

    assertEquals(422, r.statusCode(), r.body());
    JsonNode doc = json(r);
    assertTrue(doc.at("/messages/0").asText().matches("cut\\.pcap at offset \\d+: .*"), r.body());
    long calls = doc.at("/analysis/summary/calls").asLong();
    assertTrue(calls > 10 && calls < truthRows("priority-alg8-failover"), "the calls before the cut: " + calls);
  }

  @Test
  void aConfigurationSipauditRefusesGets400SayingWhy() throws Exception {
    Multipart noList = new Multipart().file("file", "rr.pcap", Files.readAllBytes(sample("rr-alg4")
        .resolve("capture.pcap"))).field("algorithm", "kamailio:4");
    Multipart badAlgorithm = new Multipart().field("text", "x").field("algorithm", "round-robin");
    Multipart unknownField = new Multipart().field("text", "x").field("path", "/etc/passwd");
    Multipart nothing = new Multipart().field("text", "").file("file", "", new byte[0]);

    HttpResponse<String> a = post(server, "/api/analyze", noList.contentType(), noList.publisher());
    HttpResponse<String> b = post(server, "/api/analyze", badAlgorithm.contentType(), badAlgorithm.publisher());
    HttpResponse<String> c = post(server, "/api/analyze", unknownField.contentType(), unknownField.publisher());
    HttpResponse<String> d = post(server, "/api/analyze", nothing.contentType(), nothing.publisher());
    HttpResponse<String> e = post(server, "/api/analyze", "text/plain", HttpRequest.BodyPublishers.noBody());

    assertEquals(400, a.statusCode(), a.body());
    assertEquals("--algorithm needs --dispatcher (the destinations)", json(a).at("/messages/0").asText());
    assertEquals(400, b.statusCode(), b.body());
    assertTrue(json(b).get("error").asText().contains("expected kamailio:N"), b.body());
    assertEquals(400, c.statusCode(), c.body());
    assertTrue(json(c).get("error").asText().startsWith("unknown form field 'path'"), c.body());
    assertEquals(400, d.statusCode(), d.body());
    assertTrue(json(d).get("error").asText().startsWith("nothing to analyse"), d.body());
    assertEquals(400, e.statusCode(), e.body());
  }

  // ---- limits

  @Test
  void anOversizeBodyGets413BeforeItIsRead() throws Exception {
    try (SipAuditServer small = start(ServeOptions.defaults(0).withMaxUpload(1 << 20))) {
      long declared = 512L << 20;
      long started = System.nanoTime();
      String answer;
      try (Socket socket = new Socket("127.0.0.1", small.port())) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1:" + small.port()
            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + declared + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[64 * 1024]);
        out.flush();
        // 64 KiB of 512 MiB sent: the answer comes now, or never if the server waited for the rest
        answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      }
      assertEquals("HTTP/1.1 413", answer);
      assertTrue(System.nanoTime() - started < 5_000_000_000L, "answered at once");

      byte[] twoMegabytes = new byte[2 << 20];
      HttpResponse<String> chunked = post(small, "/api/analyze", "application/octet-stream",
          HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(twoMegabytes)));
      assertEquals(413, chunked.statusCode(), "no Content-Length: counted while read");
      assertTrue(json(chunked).get("error").asText().contains("limit of 1 MB"), chunked.body());
      Multipart form = new Multipart().file("file", "big.pcap", twoMegabytes);
      assertEquals(413, post(small, "/api/analyze", form.contentType(), form.publisher()).statusCode());
      assertEquals(200, postFile(small, "/api/analyze", sample("rr-alg4").resolve("capture.pcap")).statusCode(),
          "still serving");
    }
  }

  /**
   * The client is still sending when the limit is reached: the server reads and drops the rest (up to 64 MiB), so
   * that its 413 is not lost in a connection reset. Thirty tries, as a reset is a race.
   */
  @Test
  void aRefusedUploadStillBeingSentGetsIts413EveryTime() throws Exception {
    try (SipAuditServer small = start(ServeOptions.defaults(0).withMaxUpload(1 << 20))) {
      byte[] threeMegabytes = new byte[3 << 20];
      for (int i = 0; i < 30; i++) {
        HttpResponse<String> streamed = post(small, "/api/analyze", "application/octet-stream",
            HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(threeMegabytes)));
        assertEquals(413, streamed.statusCode(), "try " + i + ", no Content-Length");
        HttpResponse<String> declared = post(small, "/api/analyze", "application/octet-stream",
            HttpRequest.BodyPublishers.ofByteArray(threeMegabytes));
        assertEquals(413, declared.statusCode(), "try " + i + ", Content-Length");
      }
    }
  }

  @Test
  void eightConcurrentUploadsAllSucceed() throws Exception {
    List<String> names = List.of("rr-alg4", "priority-alg8-failover", "hash-callid-alg0", "rr-alg4-kill",
        "weight-alg9", "tcp-rr-alg4", "srv-weighted-lb1", "netns-frag-alg4");
    ExecutorService pool = Executors.newFixedThreadPool(names.size());
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (String name : names) {
        Callable<String> upload = () -> {
          HttpResponse<String> r = postFile(server, "/api/analyze", sample(name).resolve("capture.pcap"));
          return name + " " + r.statusCode() + " " + (r.statusCode() == 200 ? json(r).get("calls").size() : r.body());
        };
        answers.add(pool.submit(upload));
      }
      for (int i = 0; i < names.size(); i++) {
        assertEquals(names.get(i) + " 200 " + truthRows(names.get(i)), answers.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void whenEveryWorkerIsBusyARequestWaitsThen503WithRetryAfter() throws Exception {
    try (SipAuditServer one = start(ServeOptions.defaults(0).withWorkers(1, Duration.ofMillis(400)))) {
      Path capture = sample("rr-alg4").resolve("capture.pcap");
      long waited;
      HttpResponse<String> busy;
      try (WorkerPool.Lease held = one.workers().acquire(Duration.ZERO).orElseThrow()) {
        long started = System.nanoTime();
        busy = postFile(one, "/api/analyze", capture);
        waited = (System.nanoTime() - started) / 1_000_000;
      }
      assertEquals(503, busy.statusCode(), busy.body());
      assertEquals("10", busy.headers().firstValue("Retry-After").orElse(""));
      assertTrue(waited >= 400, "waited " + waited + " ms for a worker first");
      assertEquals(200, postFile(one, "/api/analyze", capture).statusCode(), "a worker is free again");
      assertEquals(0, one.workers().busy());
    }
  }

  // ---- the page and its results

  @Test
  void theFormAnswersWithARedirectToTheReportAndItsDownloadsAreTheSameAnalysis() throws Exception {
    Path dir = sample("priority-alg8-failover");
    Multipart form = new Multipart().file("file", "failover.pcap", Files.readAllBytes(dir.resolve("capture.pcap")));

    HttpResponse<String> r = post(server, "/analyze", form.contentType(), form.publisher(), "Accept", "text/html");

    assertEquals(303, r.statusCode(), r.body());
    String base = r.headers().firstValue("Location").orElseThrow();
    assertTrue(base.matches("/r/[0-9a-f]{32}"), base);
    HttpResponse<String> page = get(server, base);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"backend-table\""));
    assertTrue(page.body().contains("<nav id=\"downloads\""));
    assertTrue(page.body().contains("<title>sipaudit report: failover.pcap</title>"));
    String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.matches("default-src 'none'; .*script-src 'sha256-[A-Za-z0-9+/=]+'.*; frame-ancestors 'none'"),
        policy);
    JsonNode analysis = JSON.readTree(get(server, base + "/analysis.json").body());
    assertEquals(truthRows("priority-alg8-failover"), analysis.get("calls").size());
    String calls = get(server, base + "/csv/calls.csv").body();
    assertEquals(truthRows("priority-alg8-failover"), calls.lines().count() - 1);
    HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(server.uri().resolve(base + "/report.pdf")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("%PDF-", new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII));
    assertTrue(pdf.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename="));
    assertEquals(404, get(server, base + "/csv/passwd").statusCode());
    assertEquals(404, get(server, base + "/csv/..%2F..%2Fanalysis.json").statusCode());
    assertEquals(404, get(server, "/r/0123456789abcdef0123456789abcdef").statusCode());
    assertEquals(404, get(server, "/r/..%2F..%2Fetc").statusCode());
  }

  @Test
  void theFormsAnalysisCanBeFollowedByItsProgressTokenWhileItRunsAndAfter() throws Exception {
    Path dir = sample("priority-alg8-failover");
    Multipart form = new Multipart().file("file", "failover.pcap", Files.readAllBytes(dir.resolve("capture.pcap")));
    String token = "0123456789abcdef0123456789abcdef".replace('0', 'a');
    assertEquals(404, get(server, "/api/progress/" + token).statusCode(), "unknown before the upload");
    assertEquals(404, get(server, "/api/progress/not-a-token").statusCode());
    java.util.List<JsonNode> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread poller = new Thread(() -> {
      while (running.get()) {
        try {
          HttpResponse<String> p = get(server, "/api/progress/" + token);
          if (p.statusCode() == 200) {
            seen.add(JSON.readTree(p.body()));
          }
          Thread.sleep(20);
        } catch (Exception e) {
          return;
        }
      }
    });
    poller.start();
    HttpResponse<String> r = post(server, "/analyze?progress=" + token, form.contentType(), form.publisher(),
        "Accept", "application/json");
    running.set(false);
    poller.join();
    assertEquals(200, r.statusCode(), r.body());
    JsonNode end = JSON.readTree(get(server, "/api/progress/" + token).body());
    assertTrue(end.get("done").asBoolean(), end.toString());
    assertEquals(100, end.get("percent").asInt());
    assertTrue(end.get("frames").asLong() > 0, "the readings reported their frames: " + end);
    assertTrue(end.get("pass").asInt() >= 2, "the report and the JSON read the input again: " + end);
    assertTrue(seen.stream().anyMatch(v -> !v.get("done").asBoolean()), "polled while it ran: " + seen);
    int pass = 0;
    for (JsonNode v : seen) {
      assertTrue(v.get("pass").asInt() >= pass, "passes only go forward: " + seen);
      pass = v.get("pass").asInt();
    }
  }

  @Test
  void theFormAnswersJsonToThePagesScriptAndAPartialReportForADamagedCapture() throws Exception {
    byte[] whole = Files.readAllBytes(sample("rr-alg4").resolve("capture.pcap"));
    Multipart cut = new Multipart().file("file", "cut.pcap", java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
    Multipart garbage = new Multipart().file("file", "noise.txt", "no SIP here\n".getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> partial = post(server, "/analyze", cut.contentType(), cut.publisher(),
        "Accept", "application/json");
    HttpResponse<String> none = post(server, "/analyze", garbage.contentType(), garbage.publisher(),
        "Accept", "application/json");
    HttpResponse<String> page = post(server, "/analyze", garbage.contentType(), garbage.publisher(),
        "Accept", "text/html");

    assertEquals(422, partial.statusCode(), partial.body());
    assertTrue(json(partial).at("/messages/0").asText().startsWith("cut.pcap at offset "), partial.body());
    String report = json(partial).get("report").asText();
    assertTrue(get(server, report).body().contains("Input error: cut.pcap at offset "), "the report says so");
    assertEquals(422, none.statusCode(), none.body());
    assertFalse(json(none).has("report"), "nothing was read: no report");
    assertEquals("noise.txt line 1: no SIP message found in 1 line(s) (expected: a SIP text trace, see"
        + " docs/inputs.md, or a pcap/pcapng capture)", json(none).at("/messages/0").asText());
    assertEquals(422, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("<li>noise.txt line 1: no SIP message found"), page.body());
  }

  @Test
  void aHostileFileNameIsShownEscapedAndNeverUsedAsAPath() throws Exception {
    String name = "<img src=x onerror=alert(1)>.pcap";
    Multipart form = new Multipart().file("file", "../../" + name,
        Files.readAllBytes(sample("rr-alg4").resolve("capture.pcap")));

    HttpResponse<String> r = post(server, "/analyze", form.contentType(), form.publisher(), "Accept",
        "application/json");

    assertEquals(200, r.statusCode(), r.body());
    String page = get(server, json(r).get("report").asText()).body();
    assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;.pcap"), "escaped");
    assertFalse(page.contains("<img src=x"), "never markup");
    assertFalse(Files.exists(server.root().resolve(name)) || Files.exists(server.root().getParent().resolve(name)));
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    List<HttpResponse<String>> answers = List.of(get(server, "/"), get(server, "/app.js"), get(server, "/nowhere"),
        postFile(server, "/api/analyze", sample("rr-alg4").resolve("capture.pcap")));
    for (HttpResponse<String> r : answers) {
      String what = r.request().uri().getPath() + " " + r.statusCode();
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), what);
      assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), what);
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), what);
      assertFalse(r.headers().firstValue("Server").isPresent(), what);
    }
    String page = answers.get(0).headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(page.contains("script-src 'self';"), page);
    assertTrue(page.matches(".*style-src 'sha256-[A-Za-z0-9+/=]+';.*"), page);
    assertFalse(page.contains("unsafe"), page);
    assertTrue(answers.get(0).body().contains("<script src=\"/app.js\" defer></script>"));
    assertFalse(answers.get(0).body().contains("<script>"), "no inline script");
    assertEquals("text/javascript; charset=utf-8", answers.get(1).headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void aPostFromAnotherSitesPageIsRefused() throws Exception {
    HttpResponse<String> r = post(server, "/api/analyze", "text/plain", HttpRequest.BodyPublishers.ofString("x"),
        "Origin", "http://evil.example");
    assertEquals(403, r.statusCode(), r.body());
  }

  @Test
  void uploadsAreDeletedAfterEachAnalysisAndEverythingWhenTheServerStops() throws Exception {
    SipAuditServer own = start(ServeOptions.defaults(0));
    Path root = own.root();
    try {
      Multipart form = new Multipart().file("file", "rr.pcap", Files.readAllBytes(sample("rr-alg4")
          .resolve("capture.pcap")));
      assertEquals(200, post(own, "/analyze", form.contentType(), form.publisher(), "Accept", "application/json")
          .statusCode());
      assertEquals(422, post(own, "/api/analyze", "text/plain", HttpRequest.BodyPublishers.ofString("junk"))
          .statusCode());
      assertEquals(List.of(), list(root.resolve("uploads")));
      assertEquals(List.of(), list(root.resolve("parts")));
      assertEquals(1, list(root.resolve("results")).size(), "the form's report stays for --keep");
    } finally {
      own.close();
    }
    assertFalse(Files.exists(root));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  // ---- the command

  @Test
  void badOptionsAreUsageErrorsAndATakenPortExits69() throws Exception {
    CommandRun size = CommandRun.sipaudit("serve", "--max-upload", "lots");
    assertEquals(2, size.exitCode());
    assertTrue(size.err().contains("'lots' is not a size"), size.err());
    assertEquals(2, CommandRun.sipaudit("serve", "--workers", "0").exitCode());
    CommandRun taken = CommandRun.sipaudit("serve", "--port", Integer.toString(server.port()));
    assertEquals(69, taken.exitCode(), taken.err());
    assertTrue(taken.err().startsWith("sipaudit: cannot listen on 127.0.0.1:" + server.port()), taken.err());
  }
}
