package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SimulateCommandTest {

  private static Path sample(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/lab"))) {
        return p.resolve("samples/" + name);
      }
    }
    throw new IllegalStateException("no samples/");
  }

  @Test
  void hashFromUriReplayAgreesWithEveryCallOfItsLabCapture() throws Exception {
    Path dir = sample("hash-from-alg1");
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:1", dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals(3, doc.get("set").asInt(), "the only set in the list");
    assertEquals(80, doc.get("callCount").asInt());
    assertEquals(80, doc.get("calls").size());
    assertEquals(80, doc.get("agreed").asInt());
    assertEquals(1.0, doc.get("agreement").asDouble());
  }

  /** Kamailio's log of one lab sample: Call-ID -> [first pick, final pick]. */
  private static java.util.Map<String, String[]> truth(Path dir) throws Exception {
    java.util.Map<String, String[]> out = new java.util.HashMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("truth.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      out.put(f[0], new String[] {f[1], f[2]});
    }
    return out;
  }

  @Test
  void eachCallShowsTheBalancersFinalPickAndTheFailoverListThatKamailioWalked() throws Exception {
    Path dir = sample("priority-alg8-failover");
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:8", dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    var truth = truth(dir);
    int failedOverAsPredicted = 0;
    for (JsonNode c : doc.get("calls")) {
      String[] t = truth.get(c.get("callId").asText());
      assertEquals(t[0], c.get("observed").get("firstPick").asText());
      assertEquals(t[1], c.get("observed").get("final").asText());
      JsonNode failover = c.get("predicted").get("failover");
      assertEquals(2, failover.size(), "alg 8 over three destinations: the two others, in priority order");
      if (c.get("agree").asBoolean() && !t[0].equals(t[1])) {
        assertEquals(t[1], failover.get(0).asText(), "ds_next_dst took the next destination in priority order");
        failedOverAsPredicted++;
      }
    }
    assertTrue(failedOverAsPredicted > 0, "the kill made calls fail over");
  }

  /** Lab samples of the algorithms replayed call by call, with their ALG from scenario.env. */
  private static List<Path> exactLabSamples() throws Exception {
    List<Path> out = new java.util.ArrayList<>();
    try (var dirs = Files.list(sample("rr-alg4").getParent())) {
      for (Path d : dirs.sorted().toList()) {
        // 9 and 11 learn their table from the first 100 calls and predict the rest; 6 is random (tested by its
        // distribution). IN_DIALOG=dispatch samples are replayed with --in-dialog select.
        if (Files.exists(d.resolve("truth.csv")) && Files.exists(d.resolve("dispatcher.list"))
            && List.of("0", "1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "13").contains(alg(d))) {
          out.add(d);
        }
      }
    }
    return out;
  }

  private static String alg(Path dir) throws Exception {
    for (String line : Files.readAllLines(dir.resolve("scenario.env"))) {
      if (line.startsWith("ALG=")) {
        return line.substring(4).replace("\"", "").trim();
      }
    }
    return "";
  }

  @org.junit.jupiter.api.TestFactory
  java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> withItsOwnConfigurationTheReplayPredictsEveryFirstPickKamailioLogged()
      throws Exception {
    return exactLabSamples().stream().map(dir -> org.junit.jupiter.api.DynamicTest.dynamicTest(
        dir.getFileName().toString(), () -> {
          String inDialog = Files.readString(dir.resolve("scenario.env")).contains("IN_DIALOG=dispatch") ? "select"
              : "route";
          CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
              dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:" + alg(dir), "--kamailio-cfg",
              dir.resolve("balancer.cfg").toString(), "--define-file", dir.resolve("balancer.defines").toString(),
              "--in-dialog", inDialog, dir.resolve("capture.pcap").toString());
          assertEquals(0, run.exitCode(), run.err());
          JsonNode doc = new ObjectMapper().readTree(run.out());
          var truth = truth(dir);
          int failedOver = 0;
          for (JsonNode c : doc.get("calls")) {
            String[] t = truth.get(c.get("callId").asText());
            String predicted = c.get("predicted").get("firstPick").asText();
            assertEquals(t[0].isEmpty() ? "none" : t[0], predicted, c.toString());
            if (alg(dir).equals("12") && !t[1].isEmpty() && !t[0].equals(t[1])) {
              // parallel forking: the branch that answered is one of the predicted branches
              List<String> branches = new java.util.ArrayList<>();
              c.get("predicted").get("failover").forEach(b -> branches.add(b.asText()));
              assertTrue(branches.contains(t[1]), "the answering branch among " + branches + ": " + c);
            } else if (!t[0].isEmpty() && !t[1].isEmpty() && !t[0].equals(t[1])) {
              assertEquals(t[1], c.get("predicted").get("failover").get(0).asText(),
                  "ds_next_dst's next destination: " + c);
              failedOver++;
            }
          }
          assertEquals(truth.size(), doc.get("calls").size());
        }));
  }

  @Test
  void whatIfShowsHowOtherAlgorithmsWouldHaveSpreadTheSameCallsBesideWhatKamailioDid() throws Exception {
    Path dir = sample("hash-callid-alg0-kill");
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:0", "--compare", "kamailio:4",
        "--compare", "kamailio:8", "--kamailio-cfg", dir.resolve("balancer.cfg").toString(), "--define-file",
        dir.resolve("balancer.defines").toString(), dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode whatIf = new ObjectMapper().readTree(run.out()).get("whatIf");
    assertEquals(List.of("kamailio:0", "kamailio:4", "kamailio:8"),
        List.of(whatIf.get(0).get("algorithm").asText(), whatIf.get(1).get("algorithm").asText(),
            whatIf.get(2).get("algorithm").asText()));
    java.util.Map<String, Long> kamailio = new java.util.HashMap<>();
    truth(dir).values().forEach(t -> kamailio.merge(t[0], 1L, Long::sum));
    long max0 = 0;
    long max4 = 0;
    long total4 = 0;
    for (var e : kamailio.entrySet()) {
      assertEquals((long) e.getValue(), whatIf.get(0).get("picks").get(e.getKey()).asLong(), "alg 0 is what Kamailio did");
      max0 = Math.max(max0, whatIf.get(0).get("picks").get(e.getKey()).asLong());
      max4 = Math.max(max4, whatIf.get(1).get("picks").get(e.getKey()).asLong());
      total4 += whatIf.get(1).get("picks").get(e.getKey()).asLong();
    }
    assertEquals(160, total4);
    assertTrue(max4 < max0, "round robin spreads the hash's hot spot: " + whatIf);
    assertEquals(160, whatIf.get(2).get("picks").get("127.0.5.14:5060").asLong(), "alg 8: the highest priority");
  }

  @Test
  void withoutTheHealthReplayAKilledBackendKeepsGettingPredictedCalls() throws Exception {
    Path dir = sample("rr-alg4-kill");
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--health", "none", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:4", dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(new ObjectMapper().readTree(run.out()).get("agreement").asDouble() < 0.9, run.out());
  }

  @Test
  void anotherAlgorithmOnTheSameTrafficDisagrees() {
    Path dir = sample("rr-alg4");
    CommandRun run = CommandRun.sipaudit("simulate", "--dispatcher", dir.resolve("dispatcher.list").toString(),
        "--algorithm", "0", dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("First disagreements"), run.out());
  }

  @Test
  void weightAlgorithmsPredictTheCountsOfEveryHundredCalls() throws Exception {
    for (String[] s : new String[][] {{"weight-alg9", "9"}, {"rweight-alg11", "11"}}) {
      Path dir = sample(s[0]);
      CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
          dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:" + s[1], dir.resolve("capture.pcap").toString());
      assertEquals(0, run.exitCode(), run.err());
      JsonNode doc = new ObjectMapper().readTree(run.out());
      assertEquals(100, doc.get("callCount").asInt());
      assertTrue(doc.get("countsAsPredicted").asBoolean(), s[0] + ": " + doc.get("distribution"));
      assertTrue(doc.get("goodnessOfFit").get("pValue").asDouble() > 0.01, doc.get("goodnessOfFit").toString());
    }
  }

  @Test
  void theWeightTableLearntFromTheFirstHundredCallsPredictsEveryLaterCallKamailioMade() throws Exception {
    Path dir = sample("weight-alg9-long");
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:9", dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals(300, doc.get("callCount").asInt());
    assertEquals(100, doc.get("learnedCalls").asInt());
    assertEquals(200, doc.get("agreed").asInt(), "Kamailio's table repeats with period 100");
    assertTrue(doc.get("countsAsPredicted").asBoolean());
  }

  @Test
  void randomSelectionIsJudgedByItsDistributionAndAWrongSetIsRejected() throws Exception {
    Path dir = sample("random-alg6");
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:6", dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals(300, doc.get("callCount").asInt());
    assertTrue(doc.get("random").asBoolean());
    assertTrue(doc.get("goodnessOfFit").get("pValue").asDouble() > 0.01, doc.get("goodnessOfFit").toString());
    // the first backend listed twice: alg 6 would then send it half the calls (rand() % 4 over 4 entries)
    Path wrong = Files.createTempFile("dispatcher", ".list");
    String list = Files.readString(dir.resolve("dispatcher.list"));
    Files.writeString(wrong, list + list.lines().findFirst().orElseThrow() + "\n");
    run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher", wrong.toString(), "--algorithm",
        "kamailio:6", dir.resolve("capture.pcap").toString());
    doc = new ObjectMapper().readTree(run.out());
    assertTrue(doc.get("goodnessOfFit").get("pValue").asDouble() < 0.01, doc.get("goodnessOfFit").toString());
  }

  @Test
  void whatIfOtherWeightsSpreadsTheSameCallsByThoseWeights() throws Exception {
    Path dir = sample("weight-alg9-long");   // 300 calls; the set's order is .253, .252, .251 (reverse file order)
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:9", "--weights",
        "127.0.1.251:5060=20,127.0.1.252:5060=30,127.0.1.253:5060=50", "--weights", "100/0/0",
        dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode whatIf = new ObjectMapper().readTree(run.out()).get("whatIf");
    assertEquals(3, whatIf.size(), whatIf.toString());
    JsonNode swapped = whatIf.get(1).get("picks");
    // 300 calls = 3 full passes over a 100-slot table: exactly 3 x the weights
    assertEquals(60, swapped.get("127.0.1.251:5060").asInt(), whatIf.toString());
    assertEquals(90, swapped.get("127.0.1.252:5060").asInt());
    assertEquals(150, swapped.get("127.0.1.253:5060").asInt());
    assertEquals(300, whatIf.get(2).get("picks").get("127.0.1.253:5060").asInt(), "index 0 takes all 100 slots");
    assertEquals(0, whatIf.get(2).get("picks").get("127.0.1.251:5060").asInt());
  }

  @Test
  void whatIfAFailedBackendShowsWhereItsCallsWouldHaveGone() throws Exception {
    Path dir = sample("rr-alg4");   // 30 calls round robin over .11, .12, .13
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:4", "--health", "none", "--down",
        "127.0.1.12:5060", dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode whatIf = new ObjectMapper().readTree(run.out()).get("whatIf");
    assertEquals(2, whatIf.size(), whatIf.toString());
    assertEquals(10, whatIf.get(0).get("picks").get("127.0.1.12:5060").asInt(), "what happened: a third each");
    JsonNode scenario = whatIf.get(1);
    assertEquals("127.0.1.12:5060 down", scenario.get("scenario").asText());
    assertEquals(0, scenario.get("picks").get("127.0.1.12:5060").asInt());
    assertEquals(0, scenario.get("peakConcurrent").get("127.0.1.12:5060").asInt());
    assertEquals(15, scenario.get("picks").get("127.0.1.11:5060").asInt(), "round robin over the two left");
    assertEquals(15, scenario.get("picks").get("127.0.1.13:5060").asInt());
    assertTrue(scenario.get("peakConcurrent").get("127.0.1.11:5060").asInt()
        >= whatIf.get(0).get("peakConcurrent").get("127.0.1.11:5060").asInt());
    run = CommandRun.sipaudit("simulate", "--dispatcher", dir.resolve("dispatcher.list").toString(), "--algorithm",
        "kamailio:4", "--down", "127.0.9.9:5060", dir.resolve("capture.pcap").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--down 127.0.9.9:5060"), run.err());
    run = CommandRun.sipaudit("simulate", "--dispatcher", dir.resolve("dispatcher.list").toString(), "--algorithm",
        "kamailio:4", "--weights", "50/50", dir.resolve("capture.pcap").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("2 weights for 3 destinations"), run.err());
  }

  @Test
  void aBalancerThatSelectsForInDialogRequestsTooIsReplayedWithThoseSelections() throws Exception {
    Path dir = sample("pinning-rr-alg4");   // ds_select_dst for every ACK, re-INVITE and BYE as well
    List<String> args = new java.util.ArrayList<>(List.of("simulate", "--format", "json", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "kamailio:4", "--kamailio-cfg",
        dir.resolve("balancer.cfg").toString(), "--define-file", dir.resolve("balancer.defines").toString(),
        dir.resolve("capture.pcap").toString()));
    CommandRun initialOnly = CommandRun.sipaudit(args.toArray(String[]::new));
    args.add(1, "--in-dialog");
    args.add(2, "select");
    CommandRun withInDialog = CommandRun.sipaudit(args.toArray(String[]::new));
    assertEquals(0, withInDialog.exitCode(), withInDialog.err());
    double before = new ObjectMapper().readTree(initialOnly.out()).get("agreement").asDouble();
    JsonNode doc = new ObjectMapper().readTree(withInDialog.out());
    assertTrue(before < 0.5, "initial INVITEs alone: " + before);
    var truth = truth(dir);
    for (JsonNode c : doc.get("calls")) {
      assertEquals(truth.get(c.get("callId").asText())[0], c.get("predicted").get("firstPick").asText(), c.toString());
    }
  }

  @Test
  void sbcLeastCallsSpreadsEqualCallsEvenlyAndIsNamedAsSuch() throws Exception {
    Path dir = sample("rr-alg4");   // 30 calls of about the same length, 100 ms apart
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
        dir.resolve("dispatcher.list").toString(), "--algorithm", "sbc:least-calls", dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals("sbc:least-calls", doc.get("algorithm").asText());
    for (JsonNode d : doc.get("distribution")) {
      assertEquals(10, d.get("predicted").asInt(), d.toString());
    }
    run = CommandRun.sipaudit("simulate", "--dispatcher", dir.resolve("dispatcher.list").toString(), "--algorithm",
        "sbc:fewest", dir.resolve("capture.pcap").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("sbc:least-calls"), run.err());
  }

  @Test
  void aScenarioFileSaysTheSameAsTheDownOptions() throws Exception {
    Path dir = sample("rr-alg4");
    Path scenario = Files.createTempFile("scenario", ".txt");
    Files.writeString(scenario, "# the middle backend fails for a second\n127.0.1.12:5060 down 1-2\n");
    String[] base = {"simulate", "--format", "json", "--dispatcher", dir.resolve("dispatcher.list").toString(),
        "--algorithm", "kamailio:4", "--health", "none", dir.resolve("capture.pcap").toString()};
    List<String> withFile = new java.util.ArrayList<>(List.of(base));
    withFile.addAll(List.of("--scenario", scenario.toString()));
    List<String> withOption = new java.util.ArrayList<>(List.of(base));
    withOption.addAll(List.of("--down", "127.0.1.12:5060@1-2"));
    CommandRun a = CommandRun.sipaudit(withFile.toArray(String[]::new));
    CommandRun b = CommandRun.sipaudit(withOption.toArray(String[]::new));
    assertEquals(0, a.exitCode(), a.err());
    JsonNode fromFile = new ObjectMapper().readTree(a.out()).get("whatIf").get(1);
    assertEquals(new ObjectMapper().readTree(b.out()).get("whatIf").get(1).get("picks"), fromFile.get("picks"));
    assertTrue(fromFile.get("picks").get("127.0.1.12:5060").asInt() < 10, "fewer calls than the 10 it had: " + fromFile);
    Files.writeString(scenario, "127.0.1.12:5060 down\n127.0.1.12:5060 dead 1-2\n");
    CommandRun bad = CommandRun.sipaudit(withFile.toArray(String[]::new));
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains(scenario + " line 2"), bad.err());
  }

  @Test
  void wrongWeightsAreCaught() throws Exception {
    Path dir = sample("weight-alg9");
    Path wrong = Files.createTempFile("dispatcher", ".list");
    Files.writeString(wrong, Files.readString(dir.resolve("dispatcher.list")).replace("weight=50", "weight=40")
        .replace("weight=20", "weight=30"));
    CommandRun run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher", wrong.toString(),
        "--algorithm", "kamailio:9", dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertTrue(!doc.get("countsAsPredicted").asBoolean(), run.out());
    // 100 calls cannot tell 50/30/20 from 40/30/30 statistically (p about 0.05), only the exact counts can;
    // weights the wrong way round are rejected by the test too
    Files.writeString(wrong, Files.readString(dir.resolve("dispatcher.list")).replace("weight=50", "weight=X")
        .replace("weight=20", "weight=50").replace("weight=X", "weight=20"));
    run = CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher", wrong.toString(),
        "--algorithm", "kamailio:9", dir.resolve("capture.pcap").toString());
    doc = new ObjectMapper().readTree(run.out());
    assertTrue(doc.get("goodnessOfFit").get("pValue").asDouble() < 0.01, doc.get("goodnessOfFit").toString());
  }

  @Test
  void algorithm7WithoutAHashPvarIsRefusedWithTheReason() {
    Path dir = sample("rr-alg4");
    CommandRun run = CommandRun.sipaudit("simulate", "--dispatcher", dir.resolve("dispatcher.list").toString(),
        "--algorithm", "kamailio:7", dir.resolve("capture.pcap").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("hash_pvar"), run.err());
    run = CommandRun.sipaudit("simulate", "--dispatcher", dir.resolve("dispatcher.list").toString(),
        "--algorithm", "kamailio:7", "--hash-pvar", "$hdr(X-Tenant)", dir.resolve("capture.pcap").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("$hdr(X-Tenant) cannot be taken from a capture"), run.err());
  }

  @Test
  void unknownBalancerKindIsAUsageError() {
    Path dir = sample("rr-alg4");
    CommandRun run = CommandRun.sipaudit("simulate", "--dispatcher", dir.resolve("dispatcher.list").toString(),
        "--algorithm", "opensips:4", dir.resolve("capture.pcap").toString());
    assertEquals(2, run.exitCode());
  }

  @Test
  void aMalformedBalancerAddressIsAUsageErrorNamingTheOption() {
    Path dir = sample("rr-alg4");
    CommandRun run = CommandRun.sipaudit("simulate", "--dispatcher", dir.resolve("dispatcher.list").toString(),
        "--algorithm", "4", "--balancer", "not an address", dir.resolve("capture.pcap").toString());
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("--balancer not an address"), run.err());
  }
}
