package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AnalyzeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path repo() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/lab"))) {
        return p;
      }
    }
    throw new IllegalStateException("no samples/");
  }

  private static String sample(String name) {
    return repo().resolve("samples/" + name + "/capture.pcap").toString();
  }

  @Test
  void jsonHasEveryFieldTheSchemaRequiresAndOneCallPerTruthRow() throws Exception {
    CommandRun run = CommandRun.sipaudit("analyze", "--format", "json", sample("priority-alg8-failover"));
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = JSON.readTree(run.out());
    JsonNode schema = JSON.readTree(repo().resolve("docs/analysis.schema.json").toFile());
    assertEquals("sipaudit.analysis/1", doc.get("schema").asText());
    requireAll(doc, schema.get("required"), "document");
    long truthRows = Files.readAllLines(repo().resolve("samples/priority-alg8-failover/truth.csv")).size() - 1;
    assertEquals(truthRows, doc.get("calls").size());
    for (JsonNode call : doc.get("calls")) {
      requireAll(call, schema.at("/$defs/call/required"), "call " + call.get("callId"));
    }
    for (JsonNode b : doc.get("backends")) {
      requireAll(b, schema.at("/properties/backends/items/required"), "backend " + b.get("address"));
      requireAll(b.get("rfc6076"), schema.at("/$defs/rfc6076/required"), "rfc6076 of " + b.get("address"));
    }
    requireAll(doc.get("summary"), schema.at("/properties/summary/required"), "summary");
    assertTrue(doc.get("findings").size() >= 3, "the killed primary: down, calls to it, failover");
    for (JsonNode f : doc.get("findings")) {
      requireAll(f, schema.at("/$defs/finding/required"), "finding " + f.get("code"));
    }
    requireAll(doc.get("distribution"), schema.at("/properties/distribution/required"), "distribution");
    requireAll(doc.at("/distribution/goodnessOfFit"), schema.at("/$defs/fit/required"), "goodnessOfFit");
    for (JsonNode p : doc.at("/health/probes")) {
      requireAll(p, schema.at("/properties/health/properties/probes/items/required"), "probe " + p.get("destination"));
    }
    long failedOver = 0;
    for (JsonNode call : doc.get("calls")) {
      failedOver += call.get("failedOver").asBoolean() ? 1 : 0;
    }
    assertEquals(doc.at("/summary/outcomes/failed_over_answered").asLong(), failedOver);
    assertEquals("balancer", doc.at("/nodes/0/role").asText());
  }

  @Test
  void theSchemaNamesEveryFindingCodeAndSeverity() throws Exception {
    JsonNode schema = JSON.readTree(repo().resolve("docs/analysis.schema.json").toFile());
    java.util.Set<String> codes = new java.util.TreeSet<>();
    schema.at("/$defs/finding/properties/code/enum").forEach(n -> codes.add(n.asText()));
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (io.sipaudit.audit.FindingCode c : io.sipaudit.audit.FindingCode.values()) {
      expected.add(c.name());
    }
    assertEquals(expected, codes, "docs/analysis.schema.json's finding codes");
    java.util.Set<String> severities = new java.util.TreeSet<>();
    schema.at("/$defs/finding/properties/severity/enum").forEach(n -> severities.add(n.asText()));
    java.util.Set<String> expectedSeverities = new java.util.TreeSet<>();
    for (io.sipaudit.audit.Severity v : io.sipaudit.audit.Severity.values()) {
      expectedSeverities.add(v.name().toLowerCase(java.util.Locale.ROOT));
    }
    assertEquals(expectedSeverities, severities);
  }

  @Test
  void csvHasAHeaderAndOneRowPerCallAndAttemptsGoToTheirFile(@TempDir Path dir) throws Exception {
    Path attempts = dir.resolve("attempts.csv");
    CommandRun run = CommandRun.sipaudit("analyze", "--format", "csv", "--attempts-out", attempts.toString(),
        sample("rr-alg4-kill"));
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("call_id,start,from,to,request_uri,client,balancer,first_pick,backend"));
    assertEquals(81, lines.size(), "80 calls and a header");
    List<String> attemptLines = Files.readAllLines(attempts);
    assertEquals("call_id,attempt,backend,sent,outcome,status,pdd_ms,setup_ms,round", attemptLines.get(0));
    assertEquals(83, attemptLines.size(), "80 calls, 2 of them failed over, and a header");
  }

  @Test
  void textSummaryNamesTheBalancerAndTheFailovers() {
    CommandRun run = CommandRun.sipaudit("analyze", sample("priority-alg8-failover"));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("balancer  127.0.1.1:5060"), run.out());
    assertTrue(run.out().contains("failed over, then answered"), run.out());
  }

  @Test
  void dispatcherListLabelsBackendsAndListsTheOnesThatGotNoCall() throws Exception {
    String list = repo().resolve("samples/priority-alg8-nofailover/dispatcher.list").toString();
    CommandRun run = CommandRun.sipaudit("analyze", "--format", "json", "--no-calls", "--dispatcher", list,
        sample("priority-alg8-nofailover"));
    assertEquals(0, run.exitCode(), run.err());
    JsonNode backends = JSON.readTree(run.out()).get("backends");
    assertEquals(3, backends.size());
    JsonNode tertiary = backends.get(2);
    assertEquals("127.0.1.23:5060", tertiary.get("address").asText());
    assertEquals("set 2, tertiary", tertiary.get("configured").asText());
    assertEquals(0, tertiary.get("attempts").asInt());
  }

  @Test
  void badBalancerAddressIsAUsageError() {
    CommandRun run = CommandRun.sipaudit("analyze", "--balancer", "not-an-address", sample("rr-alg4"));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--balancer"), run.err());
  }

  @Test
  void inputNameStandsForThePathInJsonEvidenceAndMessages(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("input-1");
    byte[] whole = Files.readAllBytes(Path.of(sample("priority-alg8-failover")));
    Files.write(copy, java.util.Arrays.copyOf(whole, whole.length - 100));

    CommandRun run = CommandRun.sipaudit("analyze", "--format", "json", "--input-name", "lab capture.pcap",
        copy.toString());

    assertEquals(65, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("sipaudit: lab capture.pcap at offset "), run.err());
    JsonNode doc = JSON.readTree(run.out());
    assertEquals("lab capture.pcap", doc.at("/inputs/0").asText());
    assertEquals("lab capture.pcap", doc.at("/calls/0/file").asText());
    assertEquals("lab capture.pcap", doc.at("/errors/0/file").asText());
    assertTrue(!run.out().contains(dir.toString()) && !run.err().contains(dir.toString()), run.err());
  }

  @Test
  void aMessageWhoseFromCannotBeReadIsLeftOutWithItsLocationAndBadCredentialsAreNotFatal(@TempDir Path dir) throws Exception {
    // three calls; the first INVITE's From has a parameter before '<', so it has no readable tag; the third's
    // Proxy-Authorization never closes its quote, which the analysis only notes (no digest user)
    String trace = invite("c1", "From: a;b <sip:a@10.0.0.1>;tag=1") + invite("c2", "From: <sip:a@10.0.0.1>;tag=2")
        + invite("c3", "From: <sip:a@10.0.0.1>;tag=3\r\nProxy-Authorization: Digest username=\"x");
    Path file = Files.writeString(dir.resolve("two.sip"), trace);

    CommandRun json = CommandRun.sipaudit("analyze", "--format", "json", file.toString());
    CommandRun text = CommandRun.sipaudit("analyze", file.toString());

    assertEquals(0, json.exitCode(), json.err());
    JsonNode doc = JSON.readTree(json.out());
    assertEquals(2, doc.at("/summary/calls").asLong());
    assertEquals(List.of("c2", "c3"), List.of(doc.at("/calls/0/callId").asText(), doc.at("/calls/1/callId").asText()));
    assertEquals(1, doc.at("/summary/malformedMessages").asLong());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("1 SIP messages could not be read and were left out; the first: " + file
        + " frame 1"), text.out());
  }

  private static String invite(String callId, String from) {
    return "INVITE sip:bob@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-" + callId + "\r\n"
        + from + "\r\nTo: <sip:bob@10.0.0.2>\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  @Test
  void moreInputNamesThanFilesIsAUsageError() {
    CommandRun run = CommandRun.sipaudit("analyze", "--input-name", "a", "--input-name", "b", sample("rr-alg4"));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("2 --input-name for 1 FILE(s)"), run.err());
  }

  @Test
  void missingFileExits66() {
    assertEquals(66, CommandRun.sipaudit("analyze", "/nonexistent/x.pcap").exitCode());
  }

  /** The hand-made trace of a phone calling through an SBC (a new Call-ID per leg) and a balancer. */
  private static String sbcTrace() {
    return repo().resolve("analyzer-core/src/test/resources/b2bua/sbc-legs.txt").toString();
  }

  @Test
  void callGroupsAreWrittenAfterTheSummaryAsTheyClose() throws Exception {
    CommandRun run = CommandRun.sipaudit("analyze", "--format", "json", sbcTrace());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = JSON.readTree(run.out());
    JsonNode schema = JSON.readTree(repo().resolve("docs/analysis.schema.json").toFile());
    JsonNode groups = doc.get("callGroups");
    assertEquals(2, groups.size(), "call 1 (X-CID) and call 2 (Session-ID); call 3 has one leg");
    for (JsonNode g : groups) {
      requireAll(g, schema.at("/properties/callGroups/items/required"), "group " + g.get("callIds"));
    }
    assertEquals("[\"a1-7e21@192.0.2.10\",\"b1-0c55@sbc.example.net\"]", groups.get(0).get("callIds").toString());
    assertEquals("[\"x-cid\"]", groups.get(0).get("linkedBy").toString());
    // call 2's B-leg was listed before its A-leg: legs are in start order
    assertEquals("[\"b2-4d17@sbc.example.net\",\"a2-91f0@192.0.2.10\"]", groups.get(1).get("callIds").toString());
    assertEquals("[\"session-id\"]", groups.get(1).get("linkedBy").toString());
    assertEquals("header", groups.get(1).get("confidence").asText());
  }

  @Test
  void theCallsCsvTellsWhichLegsAreOneCall() throws Exception {
    CommandRun run = CommandRun.sipaudit("analyze", "--format", "csv", sbcTrace());
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).endsWith(",complete,group"), lines.get(0));
    java.util.Map<String, String> group = new java.util.HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      group.put(f[0], f[f.length - 1]);
    }
    assertEquals(5, group.size(), "a row per leg: " + group);
    assertEquals(group.get("a1-7e21@192.0.2.10"), group.get("b1-0c55@sbc.example.net"));
    assertEquals(group.get("a2-91f0@192.0.2.10"), group.get("b2-4d17@sbc.example.net"));
    assertTrue(!group.get("a1-7e21@192.0.2.10").isEmpty() && !group.get("a1-7e21@192.0.2.10").equals(
        group.get("a2-91f0@192.0.2.10")), group.toString());
    assertEquals(1, group.values().stream().filter(String::isEmpty).count(), "call 3 stands alone: " + group);
  }

  @Test
  void anSbcsLegsCountOnceOnTheBackendTheirBalancerChose() throws Exception {
    CommandRun run = CommandRun.sipaudit("analyze", "--format", "json", sbcTrace());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = JSON.readTree(run.out());
    assertEquals(5, doc.get("calls").size(), "every leg is listed");
    assertEquals(3, doc.at("/summary/calls").asInt(), "the phone made three calls");
    JsonNode second = doc.at("/callGroups/1");
    assertEquals(2, second.get("id").asInt());
    assertEquals("a2-91f0@192.0.2.10", second.get("callerLeg").asText());
    assertEquals("b2-4d17@sbc.example.net", second.get("attributedLeg").asText());
    assertEquals("192.0.2.10:5060", second.get("client").asText());
    assertEquals("192.0.2.42:5060", second.get("firstPick").asText());
    assertEquals("192.0.2.41:5060", second.get("backend").asText());
    assertEquals("failed_over_answered", second.get("outcome").asText());
    assertEquals("[\"192.0.2.20:5060\"]", second.get("b2buas").toString());
    for (JsonNode c : doc.get("calls")) {
      int expected = c.get("callId").asText().startsWith("c3") ? 0 : c.get("callId").asText().substring(1, 2).charAt(0) - '0';
      assertEquals(expected, c.get("group").asInt(), "group of " + c.get("callId"));
    }
    List<String> backends = new java.util.ArrayList<>();
    doc.get("backends").forEach(b -> backends.add(b.get("address").asText() + " offered " + b.get("offered")
        + " handled " + b.get("handled")));
    // worked in LegMergerTest: .41 first pick of call 1, handles calls 1 and 2; .42 first pick of 2 and 3, handles 3
    assertEquals(List.of("192.0.2.41:5060 offered 1 handled 2", "192.0.2.42:5060 offered 2 handled 1"), backends);
    JsonNode sbc = null;
    for (JsonNode n : doc.get("nodes")) {
      if (n.get("address").asText().equals("192.0.2.20:5060")) {
        sbc = n;
      }
    }
    assertEquals("b2bua", sbc.get("role").asText());
    assertEquals(2, sbc.get("callsBridged").asInt());
  }

  private static void requireAll(JsonNode node, JsonNode required, String what) {
    for (JsonNode field : required) {
      assertTrue(node.has(field.asText()), what + " lacks " + field.asText());
    }
  }
}
