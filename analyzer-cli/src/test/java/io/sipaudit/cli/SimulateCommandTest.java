package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
    assertEquals(80, doc.get("calls").asInt());
    assertEquals(80, doc.get("agreed").asInt());
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
      assertEquals(100, doc.get("calls").asInt());
      assertTrue(doc.get("countsAsPredicted").asBoolean(), s[0] + ": " + doc.get("distribution"));
    }
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
    assertTrue(!new ObjectMapper().readTree(run.out()).get("countsAsPredicted").asBoolean(), run.out());
  }

  @Test
  void randomAlgorithmIsRefusedWithTheReason() {
    Path dir = sample("rr-alg4");
    CommandRun run = CommandRun.sipaudit("simulate", "--dispatcher", dir.resolve("dispatcher.list").toString(),
        "--algorithm", "kamailio:6", dir.resolve("capture.pcap").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("rand()"), run.err());
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
