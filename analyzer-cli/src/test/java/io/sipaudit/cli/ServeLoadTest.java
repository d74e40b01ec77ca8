package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipaudit.cli.serve.ServeOptions;
import io.sipaudit.cli.serve.SipAuditServer;
import io.sipaudit.report.testing.Artifacts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A bounded load test on loopback: 20 uploads of a lab capture at once, to the JSON API and to the page's form, all
 * answered 200 with one call per row of Kamailio's truth. The wall times and this JVM's peak RSS go to
 * {@code target/report-artifacts/ServeLoadTest/load.txt}; docs/performance.md has the figures of a separate
 * {@code ./sipaudit serve} process, measured by {@code benchmarks/serve-load.sh}.
 */
final class ServeLoadTest {
  private static final int UPLOADS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void twentyUploadsAtOnceAllSucceed() throws Exception {
    Path capture = ServeCommandTest.sample("priority-alg8-failover").resolve("capture.pcap");
    long truth = ServeCommandTest.truthRows("priority-alg8-failover");
    // A long queue wait: the point here is that every answer is right under load; the default is measured apart.
    ServeOptions options = ServeOptions.defaults(0).withWorkers(ServeOptions.defaults(0).workers(),
        Duration.ofMinutes(3));
    StringBuilder figures = new StringBuilder();
    ExecutorService clients = Executors.newFixedThreadPool(UPLOADS);
    try (SipAuditServer server = SipAuditServer.start(options, ServeCommand.inProcess(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), VersionProvider.projectVersion())) {
      for (String path : List.of("/api/analyze", "/analyze")) {
        long started = System.nanoTime();
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
          answers.add(clients.submit(() -> {
            Multipart form = new Multipart().file("file", "failover.pcap", Files.readAllBytes(capture));
            HttpResponse<String> r = ServeCommandTest.post(server, path, form.contentType(), form.publisher(),
                "Accept", "application/json");
            if (r.statusCode() != 200) {
              return r.statusCode() + " " + r.body();
            }
            JsonNode doc = JSON.readTree(r.body());
            if (path.equals("/analyze")) {
              doc = JSON.readTree(ServeCommandTest.get(server, doc.get("analysis").asText()).body());
            }
            return "200 " + doc.get("calls").size();
          }));
        }
        for (Future<String> answer : answers) {
          assertEquals("200 " + truth, answer.get(), path);
        }
        figures.append(String.format("%d uploads at once to %s: %.1f s wall, %d worker(s)%n", UPLOADS, path,
            (System.nanoTime() - started) / 1e9, options.workers()));
      }
    } finally {
      clients.shutdownNow();
    }
    figures.append("peak RSS of this test JVM: ").append(peakRss()).append('\n');
    Files.writeString(Artifacts.dir(ServeLoadTest.class).resolve("load.txt"), figures);
  }

  private static String peakRss() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown (no /proc)";
    }
    return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
        .map(l -> l.substring(6).strip()).findFirst().orElse("unknown");
  }
}
