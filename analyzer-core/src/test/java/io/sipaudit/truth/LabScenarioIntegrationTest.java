package io.sipaudit.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs one short lab scenario end to end (real Kamailio balancer and backends, real SIPp, tcpdump) and checks
 * that the capture and the ground truth agree: every call in the truth has its INVITE in the capture, and the
 * balancer's INVITEs went to the destinations the truth names, in order.
 *
 * <p>Needs root and the Debian packages kamailio, sip-tester, tcpdump and tshark. Without them the test is
 * skipped on a developer's machine and fails under CI (environment variable {@code CI} set), where
 * {@code .ci/run} installs them.
 */
final class LabScenarioIntegrationTest {
  private static final String BALANCER = "127.0.2.1";
  private static final String CLIENT = "127.0.2.100";
  private static final String KILLED = "127.0.2.12:5060";

  @TempDir static Path out;
  private static Path repo;
  private static List<CallTruth> truth;
  private static List<Attempt> attempts;

  @BeforeAll
  static void runScenario() throws Exception {
    requireTools("kamailio", "sipp", "tcpdump", "tshark", "ss", "setsid");
    repo = repoRoot();
    Path scenario = Path.of(LabScenarioIntegrationTest.class.getResource("/lab/it-rr-kill.env").toURI());
    Path log = out.resolve("run.log");
    Process p = new ProcessBuilder("bash", repo.resolve("samples/lab/run-scenario.sh").toString(),
        "--no-truth", "--out", out.toString(), scenario.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroy();
      p.waitFor(15, TimeUnit.SECONDS);
      fail("lab scenario did not finish in 180 s:\n" + Files.readString(log));
    }
    assertEquals(0, p.exitValue(), () -> "run-scenario.sh failed:\n" + read(log));
    GroundTruthBuilder builder = new GroundTruthBuilder();
    try (BufferedReader r = Files.newBufferedReader(out.resolve("lbtruth.log"))) {
      TruthLogParser.parse(r, builder);
    }
    truth = builder.calls();
    attempts = builder.attempts();
  }

  @Test
  void scenarioProducesCaptureAndOneTruthRowPerCall() throws IOException {
    assertTrue(Files.size(out.resolve("capture.pcap")) > 24, "capture.pcap is empty");
    assertEquals(24, truth.size(), "calls in the truth");
    assertTrue(Files.readString(out.resolve("dispatcher.list")).contains("sip:127.0.2.11:5060"));
  }

  @Test
  void everyTruthCallHasItsInitialInviteInTheCapture() throws Exception {
    Set<String> captured = new TreeSet<>();
    for (String[] row : tshark("sip.Method == \"INVITE\" && sip.CSeq.seq == 1 && ip.src == " + CLIENT, "sip.Call-ID")) {
      captured.add(row[0]);
    }
    Set<String> expected = truth.stream().map(CallTruth::callId).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, captured);
  }

  @Test
  void balancerSentEachInviteWhereTheTruthSays() throws Exception {
    Map<String, List<String>> sentTo = new LinkedHashMap<>();
    for (String[] row : tshark("sip.Method == \"INVITE\" && sip.CSeq.seq == 1 && ip.src == " + BALANCER,
        "sip.Call-ID", "ip.dst", "udp.dstport")) {
      List<String> dsts = sentTo.computeIfAbsent(row[0], k -> new ArrayList<>());
      String dst = row[1] + ":" + row[2];
      if (dsts.isEmpty() || !dsts.get(dsts.size() - 1).equals(dst)) {
        dsts.add(dst);   // a retransmission to the same destination is not a new attempt
      }
    }
    for (CallTruth call : truth) {
      List<String> dsts = sentTo.get(call.callId());
      assertFalse(dsts == null || dsts.isEmpty(), "no INVITE from the balancer for " + call.callId());
      assertEquals(call.firstPick(), dsts.get(0), "first pick of " + call.callId());
      assertEquals(call.finalPick(), dsts.get(dsts.size() - 1), "final pick of " + call.callId());
      List<String> tried = attempts.stream().filter(a -> a.callId().equals(call.callId()))
          .map(Attempt::destination).toList();
      assertEquals(tried, dsts, "attempts of " + call.callId());
    }
  }

  @Test
  void killedBackendCausesFailoverAndIsNotTheFinalPickAfterwards() {
    List<CallTruth> failedOver = truth.stream().filter(CallTruth::failedOver).toList();
    assertFalse(failedOver.isEmpty(), "no call failed over although " + KILLED + " was killed");
    for (CallTruth c : failedOver) {
      assertEquals(KILLED, c.firstPick(), "a failover starts at the killed backend");
      assertEquals(Outcome.ANSWERED, c.outcome());
    }
    assertTrue(attempts.stream().anyMatch(a -> a.destination().equals(KILLED) && a.code().equals("408")),
        "the killed backend's attempts time out (408)");
  }

  private static List<String[]> tshark(String filter, String... fields) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", out.resolve("capture.pcap").toString(),
        "-Y", "!icmp && (" + filter + ")", "-T", "fields", "-E", "separator=\t"));
    for (String f : fields) {
      cmd.add("-e");
      cmd.add(f);
    }
    Path stdout = out.resolve("tshark.out");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectOutput(stdout.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark hung");
    assertEquals(0, p.exitValue(), "tshark failed");
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  private static void requireTools(String... tools) {
    List<String> missing = new ArrayList<>();
    for (String tool : tools) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    String reason = (missing.isEmpty() ? "" : "missing " + missing + " (Debian packages kamailio, sip-tester, tcpdump, tshark); ")
        + (root ? "" : "needs root (tcpdump on lo)");
    if (reason.isEmpty()) {
      return;
    }
    if (System.getenv("CI") != null) {
      fail("lab integration test cannot run under CI: " + reason);
    }
    assumeTrue(false, "lab integration test skipped: " + reason);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
  }

  private static Path repoRoot() {
    return io.sipaudit.testing.Repo.root();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
