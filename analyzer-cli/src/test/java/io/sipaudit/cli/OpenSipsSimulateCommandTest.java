package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} with OpenSIPS tables over the lab capture {@code rr-alg4}: 30 calls, 100 ms apart, each held
 * 500 ms after its answer, that a Kamailio round-robin sent to .13, .12, .11, .13, ... (its truth.csv). The
 * expected picks are worked from the reference's rules (opensips-and-srv.md A1, A2) in the comments.
 */
final class OpenSipsSimulateCommandTest {
  private static final String A = "127.0.1.11:5060";
  private static final String B = "127.0.1.12:5060";
  private static final String C = "127.0.1.13:5060";

  @TempDir Path dir;

  private static Path sample(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/lab"))) {
        return p.resolve("samples/" + name);
      }
    }
    throw new IllegalStateException("no samples/");
  }

  private static Path capture() {
    return sample("rr-alg4").resolve("capture.pcap");
  }

  /** Kamailio's first picks, in call order (truth.csv is in call order). */
  private static List<String> kamailioPicks() throws Exception {
    List<String> lines = Files.readAllLines(sample("rr-alg4").resolve("truth.csv"));
    List<String> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      out.add(line.split(",", -1)[1]);
    }
    return out;
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static JsonNode json(CommandRun run) throws Exception {
    assertEquals(0, run.exitCode(), run.err());
    return new ObjectMapper().readTree(run.out());
  }

  private static List<String> picks(JsonNode doc) {
    List<String> out = new ArrayList<>();
    doc.get("calls").forEach(c -> out.add(c.get("predicted").get("firstPick").asText()));
    return out;
  }

  private static long predicted(JsonNode doc, String backend) {
    for (JsonNode d : doc.get("distribution")) {
      if (d.get("backend").asText().equals(backend)) {
        return d.get("predicted").asLong();
      }
    }
    return -1;
  }

  @Test
  void weightedRoundRobinGivesEachBackendItsWeightInARow() throws Exception {
    Path table = write("dispatcher.csv", """
        id,setid,destination,socket,state,probe_mode,weight,priority,attrs,description
        1,1,sip:127.0.1.11:5060,,0,0,3,0,,
        2,1,sip:127.0.1.12:5060,,0,0,1,0,,
        3,1,sip:127.0.1.13:5060,,0,0,2,0,,
        """);
    JsonNode doc = json(CommandRun.sipaudit("simulate", "--format", "json", "--opensips-dispatcher", table.toString(),
        "--algorithm", "opensips:4", "--rr-start", "fresh", capture().toString()));
    // weights 3, 1, 2 from a fresh start: A A A B C C, five times over 30 calls -> 15, 5, 10
    assertEquals("opensips:4", doc.get("algorithm").asText());
    assertEquals(30, doc.get("callCount").asInt());
    assertEquals(15, predicted(doc, A));
    assertEquals(5, predicted(doc, B));
    assertEquals(10, predicted(doc, C));
    List<String> cycle = List.of(A, A, A, B, C, C);
    List<String> kamailio = kamailioPicks();
    int agree = 0;
    for (int k = 0; k < 30; k++) {
      assertEquals(cycle.get(k % 6), picks(doc).get(k), "call " + (k + 1));
      agree += cycle.get(k % 6).equals(kamailio.get(k)) ? 1 : 0;
    }
    assertEquals(agree, doc.get("agreed").asInt(), "agreement is counted against Kamailio's own picks");
  }

  @Test
  void equalPrioritiesKeepRowOrderSoTheReversedTableMatchesKamailiosRotation() throws Exception {
    // OpenSIPS keeps rows of equal priority in row order; Kamailio reverses its file. Kamailio went .13, .12, .11:
    // a table listing .13, .12, .11 with weight 1 rotates the same way, call for call
    Path table = write("dispatcher.sql", """
        INSERT INTO `dispatcher` VALUES (1,1,'sip:127.0.1.13:5060',NULL,0,0,'1',0,'',''),
        (2,1,'sip:127.0.1.12:5060',NULL,0,0,'1',0,'',''),(3,1,'sip:127.0.1.11:5060',NULL,0,0,'1',0,'','');
        """);
    JsonNode doc = json(CommandRun.sipaudit("simulate", "--format", "json", "--opensips-dispatcher", table.toString(),
        "--algorithm", "opensips:4", "--rr-start", "fresh", capture().toString()));
    assertEquals(kamailioPicks(), picks(doc));
    assertEquals(30, doc.get("agreed").asInt());
  }

  @Test
  void withEqualWeightsTheCallIdHashPicksWhatKamailiosUnweightedHashPicks() throws Exception {
    // A3: OpenSIPS reduces h mod Σweight through the weight ranges; with every weight 1 that is index h mod n, which
    // is Kamailio's alg 0 over the same array ([.13, .12, .11]: Kamailio reverses the list file's equal priorities)
    Path table = write("dispatcher.csv", """
        setid,destination,weight
        1,sip:127.0.1.13:5060,1
        1,sip:127.0.1.12:5060,1
        1,sip:127.0.1.11:5060,1
        """);
    JsonNode os = json(CommandRun.sipaudit("simulate", "--format", "json", "--opensips-dispatcher", table.toString(),
        "--algorithm", "opensips:0", capture().toString()));
    JsonNode kam = json(CommandRun.sipaudit("simulate", "--format", "json", "--dispatcher",
        sample("rr-alg4").resolve("dispatcher.list").toString(), "--algorithm", "kamailio:0", capture().toString()));
    assertEquals(picks(kam), picks(os));
  }

  @Test
  void firstEntryTakesTheHighestPriorityAndListsTheRestForFailover() throws Exception {
    Path cfg = write("opensips.cfg", """
        loadmodule "dispatcher.so"
        route { if (!ds_select_dst(1, 8, "f")) { exit; } t_relay(); }
        """);
    Path table = write("dispatcher.csv", """
        setid,destination,priority
        1,sip:127.0.1.11:5060,0
        1,sip:127.0.1.12:5060,10
        1,sip:127.0.1.13:5060,5
        """);
    JsonNode doc = json(CommandRun.sipaudit("simulate", "--format", "json", "--opensips-dispatcher", table.toString(),
        "--opensips-cfg", cfg.toString(), "--algorithm", "opensips:8", capture().toString()));
    // array by priority descending: [.12, .13, .11]; all 30 calls to .12, flag f from the cfg lists .13 then .11
    assertEquals(30, predicted(doc, B));
    for (JsonNode c : doc.get("calls")) {
      assertEquals(List.of(C, A), List.of(c.get("predicted").get("failover").get(0).asText(),
          c.get("predicted").get("failover").get(1).asText()));
    }
  }

  @Test
  void theLoadBalancerSendsEachCallToTheLeastLoadedBackendAndNoneWhenAllAreFull() throws Exception {
    Path big = write("lb.csv", """
        id,group_id,dst_uri,resources,probe_mode,attrs,description
        1,1,sip:127.0.1.11:5060,pstn=100,0,,
        2,1,sip:127.0.1.12:5060,pstn=100,0,,
        3,1,sip:127.0.1.13:5060,pstn=100,0,,
        """);
    JsonNode doc = json(CommandRun.sipaudit("simulate", "--format", "json", "--opensips-lb", big.toString(),
        "--algorithm", "opensips-lb", "--lb-resources", "pstn", capture().toString()));
    // idle: a tie of 100 free, the first row; then .12 (100 vs 99), then .13; calls last over 500 ms, 100 ms apart
    assertEquals("opensips-lb", doc.get("algorithm").asText());
    assertEquals(List.of(A, B, C), picks(doc).subList(0, 3));
    assertEquals(30, predicted(doc, A) + predicted(doc, B) + predicted(doc, C));
    Path one = write("lb1.csv", Files.readString(big).replace("pstn=100", "pstn=1"));
    JsonNode full = json(CommandRun.sipaudit("simulate", "--format", "json", "--opensips-lb", one.toString(),
        "--algorithm", "opensips-lb:r", "--lb-resources", "pstn", capture().toString()));
    // one channel each: calls 1-3 take them; calls 4 and 5 (0.3 and 0.4 s after call 1) find all three in use
    assertEquals(List.of(A, B, C, "none", "none"), picks(full).subList(0, 5));
  }

  @Test
  void mixingKamailioAndOpenSipsInputsIsAUsageError() throws Exception {
    Path table = write("dispatcher.csv", "setid,destination\n1,sip:127.0.1.11:5060\n");
    Path lb = write("lb.csv", "group_id,dst_uri,resources\n1,sip:127.0.1.11:5060,pstn=4\n");
    String list = sample("rr-alg4").resolve("dispatcher.list").toString();
    String pcap = capture().toString();
    String[][] cases = {
        {"--opensips-dispatcher", table.toString(), "--algorithm", "kamailio:4", pcap},
        {"--dispatcher", list, "--algorithm", "opensips:4", pcap},
        {"--algorithm", "opensips:4", pcap},
        {"--opensips-dispatcher", table.toString(), "--algorithm", "opensips:4", "--compare", "kamailio:0", pcap},
        {"--opensips-dispatcher", table.toString(), "--algorithm", "opensips:4", "--flags", "2", pcap},
        {"--opensips-dispatcher", table.toString(), "--algorithm", "opensips:4", "--lb-resources", "pstn", pcap},
        {"--opensips-dispatcher", table.toString(), "--algorithm", "opensips:4", "--ds-flags", "fS", pcap},
        {"--opensips-dispatcher", table.toString(), "--algorithm", "opensips:7", pcap},
        {"--opensips-lb", lb.toString(), "--algorithm", "opensips-lb", pcap},
        {"--opensips-lb", lb.toString(), "--algorithm", "opensips-lb", "--lb-resources", "transc", pcap},
        {"--opensips-lb", lb.toString(), "--algorithm", "opensips:4", "--lb-resources", "pstn", pcap},
    };
    String[] expected = {"Kamailio's algorithms go with --dispatcher", "--dispatcher is Kamailio's",
        "needs --opensips-dispatcher", "--compare kamailio:0", "--flags is Kamailio's", "go with --algorithm opensips-lb",
        "flag 's'", "hash_pvar", "needs --lb-resources", "lb_start returns -4", "go with --algorithm opensips-lb"};
    for (int i = 0; i < cases.length; i++) {
      List<String> args = new ArrayList<>(List.of("simulate"));
      args.addAll(List.of(cases[i]));
      CommandRun run = CommandRun.sipaudit(args.toArray(String[]::new));
      assertEquals(ExitCodes.USAGE, run.exitCode(), String.join(" ", cases[i]) + "\n" + run.err());
      assertTrue(run.err().contains(expected[i]), expected[i] + " in: " + run.err().lines().findFirst().orElse(""));
    }
  }

  @Test
  void aBadTableFailsNamingTheFileAndLine() throws Exception {
    Path table = write("dispatcher.csv", "setid,destination,weight\n1,sip:127.0.1.11:5060,1\n1,sip:127.0.1.12,heavy\n");
    CommandRun run = CommandRun.sipaudit("simulate", "--opensips-dispatcher", table.toString(), "--algorithm",
        "opensips:0", capture().toString());
    assertEquals(ExitCodes.DATA_ERR, run.exitCode(), run.err());
    assertTrue(run.err().contains(table + " line 3: weight 'heavy' is not an integer"), run.err());
  }

  @Test
  void algorithm5HashesTheDigestUsernameAndWithoutCredentialsRepeatsTheLastDestination() throws Exception {
    // auth-alg5: call n (Call-ID a5-n@...) comes from names[(n-1) % 20].((n-1)/20) with Proxy-Authorization
    // username="<caller>@lab.example", except every third call (n % 3 == 0), which has no credentials
    Path auth = sample("auth-alg5");
    Path table = write("dispatcher.csv", """
        id,setid,destination,socket,state,probe_mode,weight,priority,attrs,description
        1,1,sip:127.0.1.201:5060,,0,0,1,0,,
        2,1,sip:127.0.1.202:5060,,0,0,1,0,,
        3,1,sip:127.0.1.203:5060,,0,0,1,0,,
        """);
    JsonNode doc = json(CommandRun.sipaudit("simulate", "--format", "json", "--opensips-dispatcher", table.toString(),
        "--algorithm", "opensips:5", auth.resolve("capture.pcap").toString()));
    assertEquals(60, doc.get("callCount").asInt());
    String[] names = "alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert sybil trent victor walter yolanda".split(" ");
    java.util.Map<String, String> byUser = new java.util.HashMap<>();
    String previous = null;
    int checked = 0;
    for (JsonNode c : doc.get("calls")) {
      int n = Integer.parseInt(c.get("callId").asText().replaceAll("^a5-(\\d+)@.*", "$1"));
      String pick = c.get("predicted").get("firstPick").asText();
      if (n % 3 == 0) {
        if (previous != null) {
          assertEquals(previous, pick, "no credentials: the last destination again (call " + n + ")");
          checked++;
        }
      } else {
        String user = names[(n - 1) % 20] + "." + (n - 1) / 20 + "@lab.example";
        String before = byUser.putIfAbsent(user, pick);
        assertEquals(before == null ? pick : before, pick, "the same username, the same destination: " + user);
      }
      previous = pick;
    }
    assertTrue(checked >= 15, "calls without credentials checked: " + checked);
    assertTrue(new java.util.HashSet<>(byUser.values()).size() > 1, "usernames spread: " + byUser);
  }

  @Test
  void algorithm7WithEqualWeightsPicksWhatKamailiosAlgorithm7PickedOverTheSameOrder() throws Exception {
    // pvar-alg7: Kamailio hashed "$rU-$si" over its array [.223, .222, .221] (equal priorities, reverse file order);
    // OpenSIPS with weight 1 each reduces the same ds_get_hash value modulo 3 over its rows in table order
    Path pvar = sample("pvar-alg7");
    Path table = write("dispatcher.csv", """
        id,setid,destination,socket,state,probe_mode,weight,priority,attrs,description
        1,1,sip:127.0.1.223:5060,,0,0,1,0,,
        2,1,sip:127.0.1.222:5060,,0,0,1,0,,
        3,1,sip:127.0.1.221:5060,,0,0,1,0,,
        """);
    JsonNode doc = json(CommandRun.sipaudit("simulate", "--format", "json", "--opensips-dispatcher", table.toString(),
        "--algorithm", "opensips:7", "--hash-pvar", "$rU-$si", pvar.resolve("capture.pcap").toString()));
    assertEquals(60, doc.get("callCount").asInt());
    assertEquals(60, doc.get("agreed").asInt(), "agreement is counted against Kamailio's picks: " + doc.get("distribution"));
  }
}
