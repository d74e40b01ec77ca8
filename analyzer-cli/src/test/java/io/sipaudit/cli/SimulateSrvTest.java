package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --srv}: judged by the lab samples' truth.csv, which Kamailio's own log of its sends gave. */
final class SimulateSrvTest {

  private static Path sample(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/lab"))) {
        return p.resolve("samples/" + name);
      }
    }
    throw new IllegalStateException("no samples/");
  }

  /** truth.csv: Call-ID -> [first pick, final pick]. */
  private static Map<String, String[]> truth(Path dir) throws Exception {
    Map<String, String[]> out = new HashMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("truth.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      out.put(f[0], new String[] {f[1], f[2]});
    }
    return out;
  }

  private static JsonNode simulate(Path dir, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("simulate", "-q", "--format", "json",
        "--kamailio-cfg", dir.resolve("balancer.cfg").toString(),
        "--define-file", dir.resolve("balancer.defines").toString()));
    args.addAll(List.of(extra));
    args.add(dir.resolve("capture.pcap").toString());
    CommandRun run = CommandRun.sipaudit(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void withoutSrvLbKamailiosFirstPickAndFailoverPickArePredictedForEveryCall() throws Exception {
    // srv-failover-lb0: dns_srv_lb=0, use_dns_failover=on, no blocklist (use_dst_blocklist is off by default, so
    // even while a.voice.lab was dead every call tried it first and moved on to b after fr_timer)
    Path dir = sample("srv-failover-lb0");
    JsonNode doc = simulate(dir, "--srv", dir.resolve("srv.zone").toString());
    Map<String, String[]> truth = truth(dir);
    assertEquals(truth.size(), doc.get("callCount").asInt());
    int failovers = 0;
    for (JsonNode c : doc.get("calls")) {
      String[] t = truth.get(c.get("callId").asText());
      assertEquals(t[0], c.get("predicted").get("firstPick").asText(), c.toString());
      if (!t[1].equals(t[0])) {
        failovers++;
        assertEquals(t[1], c.get("predicted").get("failover").get(0).asText(), c.toString());
      }
    }
    assertEquals(28, failovers, "truth.csv: calls 14-41 went on to .122");
    assertEquals(60, doc.get("agreed").asInt());
    assertEquals(28, doc.get("failoverChecked").asInt());
    assertEquals(28, doc.get("failoverAgreed").asInt());
    assertEquals("srv:kamailio", doc.get("algorithm").asText());
  }

  @Test
  void withTheDstBlocklistCallsSkipTheDeadTargetUntilItsEntryExpires() throws Exception {
    // srv-blocklist-lb0: as srv-failover-lb0 with use_dst_blocklist=on, dst_blocklist_expire=2. Kamailio's log
    // (truth.csv) shows 30 calls sent straight to .122 while .121 was blocked, and .121 tried again (and timing
    // out, 12 failovers) each time the 2 s entry had expired
    Path dir = sample("srv-blocklist-lb0");
    JsonNode doc = simulate(dir, "--srv", dir.resolve("srv.zone").toString());
    Map<String, String[]> truth = truth(dir);
    int straightToB = 0;
    int failovers = 0;
    for (JsonNode c : doc.get("calls")) {
      String[] t = truth.get(c.get("callId").asText());
      assertEquals(t[0], c.get("predicted").get("firstPick").asText(), c.toString());
      straightToB += t[0].equals("127.0.1.122:5060") ? 1 : 0;
      if (!t[1].equals(t[0])) {
        failovers++;
        assertEquals(t[1], c.get("predicted").get("failover").get(0).asText(), c.toString());
      }
    }
    assertEquals(30, straightToB);
    assertEquals(12, failovers);
    assertEquals(60, doc.get("agreed").asInt());
    assertEquals(12, doc.get("blocklistEntries").asInt());
    // without the blocklist (what srv-failover-lb0 ran) those 30 calls would have been predicted on .121
    JsonNode off = simulate(dir, "--srv", dir.resolve("srv.zone").toString(), "--health", "none");
    assertEquals(30, off.get("agreed").asInt());
  }

  @Test
  void theCapturesOwnSrvAnswersGiveTheSamePredictionsAsTheZoneFile() throws Exception {
    Path dir = sample("srv-failover-lb0");
    JsonNode fromZone = simulate(dir, "--srv", dir.resolve("srv.zone").toString());
    JsonNode fromCapture = simulate(dir);   // neither --srv nor --dispatcher: the capture's answers
    assertEquals("capture", fromCapture.get("srvSource").asText());
    for (int i = 0; i < fromZone.get("calls").size(); i++) {
      assertEquals(fromZone.get("calls").get(i).get("predicted"), fromCapture.get("calls").get(i).get("predicted"));
    }
    assertTrue(fromCapture.get("dns").get("responses").asLong() >= 60);
  }

  @Test
  void withSrvLbTheObservedFirstPicksFitTheZonesWeights() throws Exception {
    // srv-weighted-lb1: 60/30/10 at priority 10, observed 63/25/12: chi-square 1.38 with 2 df, p = 0.50
    Path dir = sample("srv-weighted-lb1");
    JsonNode doc = simulate(dir, "--srv", dir.resolve("srv.zone").toString());
    JsonNode fit = doc.get("goodnessOfFit");
    assertEquals(1.38, fit.get("statistic").asDouble(), 0.01);
    assertEquals(2, fit.get("degreesOfFreedom").asInt());
    assertTrue(fit.get("pValue").asDouble() > 0.01, fit.toString());
    assertTrue(doc.get("random").asBoolean());
    Map<String, String[]> truth = truth(dir);
    long be1 = truth.values().stream().filter(t -> t[0].equals("127.0.1.111:5060")).count();
    for (JsonNode row : doc.get("distribution")) {
      if (row.get("backend").asText().equals("127.0.1.111:5060")) {
        assertEquals(be1, row.get("observed").asLong());
        assertEquals(60.0, row.get("expected").asDouble(), 1e-9);
      }
      if (row.get("target").asText().equals("backup.pool.lab")) {
        assertEquals(0, row.get("expected").asDouble(), 1e-9, "priority 20 is never first while 10 answers");
      }
    }
  }

  @Test
  void aWrongWeightSetIsRejected(@TempDir Path tmp) throws Exception {
    Path dir = sample("srv-weighted-lb1");
    String zone = Files.readString(dir.resolve("srv.zone"));
    // the weights the wrong way round (10/30/60): expected 10/30/60 against observed 63/25/12
    Path reversed = tmp.resolve("reversed.zone");
    Files.writeString(reversed, zone.replace(" 60 5060 be1", " 10 5060 be1").replace(" 10 5060 be3", " 60 5060 be3"));
    assertTrue(simulate(dir, "--srv", reversed.toString()).get("goodnessOfFit").get("pValue").asDouble() < 0.01);
    // equal weights: expected 33.3 each; chi-square (63-33.3)^2/33.3 + (25-33.3)^2/33.3 + (12-33.3)^2/33.3 = 42.1
    Path equal = tmp.resolve("equal.zone");
    Files.writeString(equal, zone.replace(" 60 5060 be1", " 1 5060 be1").replace(" 30 5060 be2", " 1 5060 be2")
        .replace(" 10 5060 be3", " 1 5060 be3"));
    JsonNode fit = simulate(dir, "--srv", equal.toString()).get("goodnessOfFit");
    assertEquals(42.1, fit.get("statistic").asDouble(), 0.1);
    assertTrue(fit.get("pValue").asDouble() < 0.01);
  }

  @Test
  void withoutSrvLbTheWeightedSampleIsRejected() throws Exception {
    // Kamailio with dns_srv_lb=0 would send every call to be1 (60 is the heaviest at priority 10): 37 calls
    // elsewhere are impossible, p = 0
    Path dir = sample("srv-weighted-lb1");
    JsonNode doc = simulate(dir, "--srv", dir.resolve("srv.zone").toString(), "--define", "DNS_SRV_LB=0");
    assertEquals(0.0, doc.get("goodnessOfFit").get("pValue").asDouble());
    assertEquals(63, doc.get("agreed").asInt());
  }

  @Test
  void theSameSeedGivesTheSamePredictions() throws Exception {
    Path dir = sample("srv-weighted-lb1");
    JsonNode a = simulate(dir, "--seed", "5");
    JsonNode b = simulate(dir, "--seed", "5");
    assertEquals(a.get("calls"), b.get("calls"));
  }

  @Test
  void dispatcherAndSrvTogetherAreAUsageError() {
    Path dir = sample("srv-failover-lb0");
    CommandRun run = CommandRun.sipaudit("simulate", "--srv", dir.resolve("srv.zone").toString(), "--dispatcher",
        sample("rr-alg4").resolve("dispatcher.list").toString(), "--algorithm", "4",
        dir.resolve("capture.pcap").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("two balancers"), run.err());
  }

  @Test
  void aCaptureWithoutSrvAnswersAndNoListIsAUsageErrorSayingWhatToGive() {
    CommandRun run = CommandRun.sipaudit("simulate", "-q", sample("rr-alg4").resolve("capture.pcap").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--dispatcher FILE --algorithm kamailio:N, or --srv ZONE"), run.err());
  }
}
