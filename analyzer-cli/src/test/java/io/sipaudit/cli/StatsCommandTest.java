package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipStats;
import io.sipaudit.net.NetCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sipaudit stats --format json}: the shape documented in docs/stats.md, and the counts of the ingest. */
final class StatsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static Path sample(String name) {
    return ReportCommandTest.samples().resolve(name).resolve("capture.pcap");
  }

  @Test
  void jsonHoldsTheIngestsCountsWithStatusCodesAsStrings() throws Exception {
    Path capture = sample("rr-alg4-kill");
    SipStats expected = new SipStats();
    SipIngest.Result ingest = new SipIngest().run(List.of(capture), expected);

    CommandRun run = CommandRun.sipaudit("stats", "-q", "--format", "json", capture.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    JsonNode doc = JSON.readTree(run.out());
    assertTrue(doc.get("messages").isIntegralNumber() && doc.get("responses").get("200").isIntegralNumber(), run.out());
    assertEquals(expected.messages(), doc.get("messages").asLong());
    assertEquals(expected.resent(), doc.get("resent").asLong());
    assertTrue(expected.resent() > 0, "a sample with resends");
    assertEquals(new TreeMap<>(expected.requests()), longs(doc.get("requests")));
    Map<String, Long> responses = new TreeMap<>();
    expected.responses().forEach((code, n) -> responses.put(String.valueOf(code), n));
    assertEquals(responses, longs(doc.get("responses")));
    assertEquals(ingest.net().get(NetCounter.FRAMES), doc.get("network").get("frames").asLong());
    assertEquals(0, doc.get("errors").size());
    assertTrue(run.out().startsWith("{\n  \"messages\" : "), "indented as before: " + run.out());
  }

  @Test
  void aDamagedCaptureKeepsItsCountsAndListsTheErrorWithItsFile() throws Exception {
    byte[] whole = Files.readAllBytes(sample("rr-alg4"));
    Path cut = dir.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

    CommandRun run = CommandRun.sipaudit("stats", "-q", "--format", "json", cut.toString());

    assertEquals(ExitCodes.DATA_ERR, run.exitCode());
    JsonNode doc = JSON.readTree(run.out());
    assertTrue(doc.get("messages").asLong() > 100, run.out());
    JsonNode error = doc.get("errors").get(0);
    assertEquals(cut.toString(), error.get("file").asText());
    assertTrue(error.get("message").asText().contains("offset"), error.toString());
  }

  private static Map<String, Long> longs(JsonNode object) {
    Map<String, Long> m = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().asLong());
    }
    return m;
  }
}
