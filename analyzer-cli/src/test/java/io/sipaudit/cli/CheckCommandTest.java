package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code sipaudit check} on the lab captures, each against its own configuration (dispatcher.list or SRV zone,
 * balancer.cfg with the defines the lab started Kamailio with), judged by what the lab did (scenario.env) and
 * what Kamailio logged (truth.csv).
 */
final class CheckCommandTest {
  /** A request on its way when the SIGKILL landed may be the first one left unanswered. */
  private static final Duration IN_FLIGHT = Duration.ofMillis(20);
  /** The lab sees a restarted backend listening by polling every 0.1 s, so it may answer a little earlier. */
  private static final Duration LISTEN_POLL = Duration.ofMillis(200);
  /** The audit's default answer timeout: a request sent just before the restart may be answered late. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(4);

  private static Path samples() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/lab"))) {
        return p.resolve("samples");
      }
    }
    throw new IllegalStateException("no samples/");
  }

  private static List<String> ownConfig(Path dir) {
    List<String> args = new ArrayList<>(List.of("--format", "json", "--kamailio-cfg",
        dir.resolve("balancer.cfg").toString(), "--define-file", dir.resolve("balancer.defines").toString()));
    if (Files.exists(dir.resolve("srv.zone"))) {
      args.addAll(List.of("--srv", dir.resolve("srv.zone").toString()));
    } else {
      args.addAll(List.of("--dispatcher", dir.resolve("dispatcher.list").toString()));
    }
    args.add(dir.resolve("capture.pcap").toString());
    return args;
  }

  private static Map<String, String> env(Path dir) throws Exception {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("scenario.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).matches("[A-Z_]+")) {
        env.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^[\"']|[\"']$", ""));
      }
    }
    return env;
  }

  private static JsonNode check(Path dir, int expectedExit) throws Exception {
    CommandRun run = CommandRun.sipaudit(Stream.concat(Stream.of("check"), ownConfig(dir).stream())
        .toArray(String[]::new));
    assertEquals(expectedExit, run.exitCode(), dir.getFileName() + ": " + run.err() + run.out());
    return new ObjectMapper().readTree(run.out());
  }

  private static List<JsonNode> findings(JsonNode doc, String code) {
    List<JsonNode> out = new ArrayList<>();
    doc.get("findings").forEach(f -> {
      if (f.get("code").asText().equals(code)) {
        out.add(f);
      }
    });
    return out;
  }

  private static long total(JsonNode doc, String code) {
    return findings(doc, code).stream().mapToLong(f -> f.get("count").asLong()).sum();
  }

  @TestFactory
  Stream<DynamicTest> everyLabCaptureCheckedAgainstItsOwnConfigurationMatchesWhatTheLabDid() throws Exception {
    List<Path> dirs;
    try (Stream<Path> s = Files.list(samples())) {
      dirs = s.filter(d -> Files.isRegularFile(d.resolve("truth.csv"))).sorted().toList();
    }
    assertTrue(dirs.size() >= 19, "lab samples: " + dirs.size());
    return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> judge(d)));
  }

  private static void judge(Path dir) throws Exception {
    Map<String, String> env = env(dir);
    String events = env.getOrDefault("EVENTS", "");
    boolean kills = events.contains("kill");
    // with the dst blocklist on (srv-blocklist-lb0) the dead target's calls went straight to the second record
    // while it was blocked; the audit excludes only the 13 calls around its unanswered INVITEs, so the
    // weights-ignored skew is not significant there (17 and 30 calls against 21.4 and 25.6, p = 0.19)
    boolean srvWeightsIgnored = env.getOrDefault("MODE", "").equals("srv") && "0".equals(env.get("DNS_SRV_LB"))
        && env.getOrDefault("DST_BLOCKLIST", "").isEmpty();
    boolean oneCaller = "dominant".equals(env.get("USER_STYLE"));   // most calls from one From URI
    boolean redispatch = "dispatch".equals(env.get("IN_DIALOG"));   // in-dialog requests selected again
    boolean failing = kills || srvWeightsIgnored || oneCaller || redispatch;
    JsonNode doc = check(dir, failing ? 1 : 0);
    assertEquals(failing ? "fail" : "pass", doc.get("verdict").get("result").asText());

    long failovers = 0;
    long lost = 0;
    for (io.sipaudit.truth.CallTruth t : io.sipaudit.truth.GroundTruthCsv.readTruth(dir.resolve("truth.csv"))) {
      if (!t.firstPick().isEmpty() && !t.finalPick().isEmpty() && t.failedOver()) {
        failovers++;   // the final pick is not the first, nor a branch forked in parallel with it (alg 12)
      }
      if (t.outcome() == io.sipaudit.truth.Outcome.TIMEOUT || t.outcome() == io.sipaudit.truth.Outcome.NO_DESTINATION) {
        lost++;
      }
    }
    assertEquals(failovers, total(doc, "FAILOVER"), "FAILOVER count = calls whose final pick is not the first");
    assertEquals(lost, total(doc, "CALLS_LOST"), "CALLS_LOST count = calls that timed out or found no destination");
    assertEquals(redispatch, !findings(doc, "DIALOG_PINNING_VIOLATION").isEmpty(), doc.get("findings").toString());

    List<JsonNode> skew = findings(doc, "DISTRIBUTION_SKEW");
    if (srvWeightsIgnored) {
      assertEquals(1, skew.size(), doc.get("distribution").toString());
      assertEquals("srv_weights_ignored", skew.get(0).get("details").get("explanation").asText());
      assertTrue(skew.get(0).get("remedy").asText().contains("dns_srv_lb=1"), skew.get(0).toString());
    } else if (oneCaller) {
      assertEquals(1, skew.size(), doc.get("distribution").toString());
      assertEquals("dominant_hash_key", skew.get(0).get("details").get("explanation").asText());
    } else {
      assertEquals(List.of(), skew, "no skew against its own configuration");
    }

    List<JsonNode> down = findings(doc, "BACKEND_DOWN");
    if (!kills) {
      assertEquals(List.of(), down);
      return;
    }
    // events.csv: when the lab really sent each SIGKILL and saw each restarted backend listening.
    List<String[]> done = labEvents(dir);
    assertEquals(Stream.of(events.split(";")).filter(e -> !e.isBlank()).count(), done.size(),
        "one events.csv row per scheduled event: " + events);
    Duration every = requestInterval(env);
    for (String[] kill : done) {
      if (!kill[1].equals("kill")) {
        continue;
      }
      Instant killedAt = epoch(kill[0]);
      JsonNode f = down.stream().filter(x -> x.get("backend").asText().equals(kill[2])).findFirst().orElse(null);
      assertNotNull(f, "BACKEND_DOWN for " + kill[2] + " in " + down);
      Instant start = Instant.parse(f.get("start").asText());
      assertTrue(!start.isBefore(killedAt.minus(IN_FLIGHT)) && !start.isAfter(killedAt.plus(every)),
          kill[2] + " killed at " + killedAt + ", down from " + start + ": not within " + every + " after the kill");
      String[] restart = done.stream().filter(e -> e[1].equals("start") && e[2].equals(kill[2])
          && epoch(e[0]).isAfter(killedAt)).findFirst().orElse(null);
      if (restart == null) {
        assertTrue(f.get("end").isNull(), "still down at the end: " + f);
      } else {
        Instant restartedAt = epoch(restart[0]);
        Instant end = Instant.parse(f.get("end").asText());
        assertTrue(!end.isBefore(restartedAt.minus(LISTEN_POLL))
            && !end.isAfter(restartedAt.plus(every).plus(ANSWER_TIMEOUT)),
            kill[2] + " listening again at " + restartedAt + ", answered again at " + end);
      }
    }
  }

  /**
   * Returns the longest time the balancer goes without sending a backend a request: the probe interval when it
   * probes, otherwise the call interval (without probing only calls reach a backend; SRV with dns_srv_lb=0 sends
   * every call to the first target).
   */
  private static Duration requestInterval(Map<String, String> env) {
    long ping = Long.parseLong(env.getOrDefault("PING_INTERVAL", "0"));
    return ping > 0 ? Duration.ofSeconds(ping)
        : Duration.ofMillis(1000 / Long.parseLong(env.getOrDefault("RATE", "10")));
  }

  /** Returns the rows of the sample's events.csv ({@code time,event,target}), header left out. */
  private static List<String[]> labEvents(Path dir) throws Exception {
    Path csv = dir.resolve("events.csv");
    assertTrue(Files.isRegularFile(csv), "the lab records the events it carried out in " + csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("time,event,target", lines.get(0));
    return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
  }

  /** Parses epoch seconds with a fraction ({@code 1795682668.204371}). */
  private static Instant epoch(String seconds) {
    return Instant.EPOCH.plusNanos(new BigDecimal(seconds).movePointRight(9).longValueExact());
  }

  @TestFactory
  Stream<DynamicTest> inTheBalancersViewAKilledBackendGoesOutOfRotationAfterTheKillAndKamailioNeverPicksItThen()
      throws Exception {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> all = Files.list(samples())) {
      all.filter(d -> Files.exists(d.resolve("events.csv")) && Files.exists(d.resolve("dispatcher.list"))).sorted()
          .forEach(dirs::add);
    }
    return dirs.stream().filter(d -> {
      try {
        return Files.readString(d.resolve("events.csv")).contains(",kill,");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      JsonNode doc = check(dir, 1);
      // out-of-rotation spans per backend, from the replayed state machine
      Map<String, List<Instant[]>> out = new HashMap<>();
      Map<String, Instant> since = new HashMap<>();
      for (JsonNode c : doc.get("stateTimeline")) {
        String b = c.get("backend").asText();
        boolean wasOut = "ID".indexOf(c.get("from").asText().charAt(0)) >= 0;
        boolean isOut = "ID".indexOf(c.get("to").asText().charAt(0)) >= 0;
        Instant at = Instant.parse(c.get("at").asText());
        if (!wasOut && isOut) {
          since.put(b, at);
        } else if (wasOut && !isOut && since.containsKey(b)) {
          out.computeIfAbsent(b, k -> new ArrayList<>()).add(new Instant[] {since.remove(b), at});
        }
      }
      since.forEach((b, t) -> out.computeIfAbsent(b, k -> new ArrayList<>()).add(new Instant[] {t, Instant.MAX}));
      for (String line : Files.readAllLines(dir.resolve("events.csv"))) {
        String[] f = line.split(",");
        if (f.length == 3 && f[1].equals("kill")) {
          Instant kill = Instant.EPOCH.plusNanos(new java.math.BigDecimal(f[0]).movePointRight(9).longValueExact());
          assertTrue(out.getOrDefault(f[2], List.of()).stream().anyMatch(s -> !s[0].isBefore(kill)),
              f[2] + " killed at " + kill + " never went out of rotation: " + doc.get("stateTimeline"));
        }
      }
      // Kamailio's own log: no first pick of a destination while the replayed view has it out of rotation
      List<String> lines = Files.readAllLines(dir.resolve("attempts.csv"));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        if (!f[1].equals("1")) {
          continue;
        }
        Instant t = Instant.parse(f[2]);
        for (Instant[] span : out.getOrDefault(f[3], List.of())) {
          assertFalse(t.isAfter(span[0]) && t.isBefore(span[1]), f[0] + " went to " + f[3] + " at " + t
              + ", which the replayed view had out of rotation from " + span[0] + " to " + span[1]);
        }
      }
    }));
  }

  @Test
  void aBackendThatAnswersProbesWith503IsAProbeReplyFailureAndLeavesTheRotationButIsNotDown() throws Exception {
    Path dir = samples().resolve("probe-503-alg4");
    Map<String, String> env = env(dir);
    String[] refusing = env.get("BACKEND_OPTIONS_CODE").split("=");   // ip:port=code: the lab's tweak
    JsonNode doc = check(dir, 0);
    assertEquals(List.of(), findings(doc, "BACKEND_DOWN"), "it answered every request");
    List<JsonNode> refused = findings(doc, "PROBE_REPLY_FAILURE");
    assertEquals(1, refused.size(), doc.get("findings").toString());
    JsonNode f = refused.get(0);
    assertEquals(refusing[0], f.get("backend").asText());
    assertEquals(f.get("details").get("sent").asLong(), f.get("details").get("failed").asLong(), "every probe");
    assertEquals(f.get("details").get("sent").asLong(),
        f.get("details").get("replyCodes").get(refusing[1]).asLong(), f.toString());
    assertTrue(f.get("end").isNull(), "no probe was accepted later: " + f);
    // Kamailio's own log: it sent the backend calls until ds_probing_threshold probes had failed, then none.
    Instant from = Instant.parse(f.get("start").asText());
    List<Instant> calls = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("attempts.csv"))) {
      String[] a = line.split(",", -1);   // call_id,attempt,time,destination,code
      if (a[3].equals(refusing[0])) {
        calls.add(Instant.parse(a[2]));
      }
    }
    assertFalse(calls.isEmpty(), "it took calls before the probes marked it");
    Instant lastCall = calls.stream().max(Instant::compareTo).orElseThrow();
    Duration threshold = Duration.ofSeconds(Long.parseLong(env.get("PING_INTERVAL"))
        * Long.parseLong(env.get("PROBING_THRESHOLD")));
    assertTrue(lastCall.isAfter(from) && lastCall.isBefore(from.plus(threshold)),
        "first refused probe " + from + ", Kamailio's last call there " + lastCall);
    assertTrue(doc.get("distribution").get("excluded").asLong() > 0,
        "calls while it was out of rotation are not held against the round robin: " + doc.get("distribution"));
  }

  @Test
  void underAHashADeadDestinationsShareLandsOnTheBackendKamailioGaveItTo() throws Exception {
    Path dir = samples().resolve("hash-callid-alg0-kill");
    List<String[]> done = labEvents(dir);
    String killed = done.get(0)[2];
    Instant from = epoch(done.get(0)[0]);
    Instant to = epoch(done.get(1)[0]);
    // Kamailio's own log: first picks per backend while the killed one was dead, and while it was alive.
    Map<String, Long> whileDead = new HashMap<>();
    Map<String, Long> alive = new HashMap<>();
    List<String> rows = Files.readAllLines(dir.resolve("attempts.csv"));
    for (String line : rows.subList(1, rows.size())) {
      String[] a = line.split(",", -1);   // call_id,attempt,time,destination,code
      if (a[1].equals("1")) {
        Instant t = Instant.parse(a[2]);
        (!t.isBefore(from) && t.isBefore(to) ? whileDead : alive).merge(a[3], 1L, Long::sum);
      }
    }
    long deadCalls = whileDead.values().stream().mapToLong(Long::longValue).sum();
    long aliveCalls = alive.values().stream().mapToLong(Long::longValue).sum();
    String taker = null;
    double best = 0;
    for (String b : alive.keySet()) {
      double gain = (double) whileDead.getOrDefault(b, 0L) / deadCalls - (double) alive.get(b) / aliveCalls;
      if (!b.equals(killed) && gain > best) {
        best = gain;
        taker = b;
      }
    }
    assertTrue(best > 0.15, "Kamailio moved the dead one's share to one backend: " + whileDead + " vs " + alive);

    JsonNode doc = check(dir, 1);
    List<JsonNode> hot = findings(doc, "HASH_FAILOVER_HOTSPOT");
    assertEquals(1, hot.size(), doc.get("findings").toString());
    JsonNode f = hot.get(0);
    assertEquals("warning", f.get("severity").asText());
    assertEquals(taker, f.get("backend").asText());
    assertEquals(killed, f.get("details").get("outBackend").asText());
    assertTrue(f.get("details").get("neighbourPredicted").asBoolean(), f.toString());
    assertEquals((double) whileDead.get(taker) / deadCalls, f.get("details").get("neighbourShareWhileOut").asDouble(),
        0.05, f.toString());
    assertEquals((double) alive.get(taker) / aliveCalls, f.get("details").get("neighbourShareAllUp").asDouble(),
        0.05, f.toString());
    Instant start = Instant.parse(f.get("start").asText());
    assertTrue(!start.isBefore(from.minus(IN_FLIGHT)) && start.isBefore(from.plusSeconds(1)), f.toString());
  }

  @Test
  void oneCallerWithMostCallsUnderFromHashingExplainsTheSkewWithTheBackendKamailioGaveThemTo() throws Exception {
    Path dir = samples().resolve("hash-from-alg1-dominant");
    Map<String, String> env = env(dir);
    assertEquals("dominant", env.get("USER_STYLE"));
    assertEquals("1", env.get("ALG"));
    // The lab's users: call n (Call-ID "n-pid@ip") comes from hotline unless n - 1 is a multiple of 5.
    Map<String, Long> hotlineTo = new HashMap<>();
    long calls = 0;
    List<String> rows = Files.readAllLines(dir.resolve("truth.csv"));
    for (String line : rows.subList(1, rows.size())) {
      String[] f = line.split(",", -1);   // call_id,first_pick,final_pick,outcome
      calls++;
      if ((Long.parseLong(f[0].substring(0, f[0].indexOf('-'))) - 1) % 5 != 0) {
        hotlineTo.merge(f[1], 1L, Long::sum);
      }
    }
    assertEquals(1, hotlineTo.size(), "Kamailio sent every hotline call to one backend: " + hotlineTo);
    String backend = hotlineTo.keySet().iterator().next();
    long hotline = hotlineTo.get(backend);

    JsonNode doc = check(dir, 1);
    List<JsonNode> skew = findings(doc, "DISTRIBUTION_SKEW");
    assertEquals(1, skew.size(), doc.get("findings").toString());
    JsonNode f = skew.get(0);
    assertEquals(backend, f.get("backend").asText());
    JsonNode key = f.get("details").get("dominantKey");
    assertEquals("sip:hotline@lab.example", key.get("value").asText());
    assertEquals(hotline, key.get("calls").asLong());
    assertEquals((double) hotline / calls, key.get("share").asDouble(), 1e-9);
    assertEquals(backend, key.get("backend").asText());
    assertEquals("equal shares", f.get("details").get("testedAgainst").asText());
    assertTrue(f.get("message").asText().contains("algorithm 1 hashes the From URI"), f.toString());
    assertTrue(f.get("remedy").asText().contains("algorithm 0 (Call-ID)"), f.toString());
    assertEquals(1.0, doc.get("distribution").get("agreement").asDouble(),
        "Kamailio placed every call as the replay of its configuration predicts: " + doc.get("distribution"));
  }

  @Test
  void inDialogRequestsDispatchedAgainBreakPinningAsOftenAsKamailiosLogSays() throws Exception {
    Path dir = samples().resolve("pinning-rr-alg4");
    assertEquals("dispatch", env(dir).get("IN_DIALOG"));
    Map<String, String> answeredBy = new HashMap<>();
    List<String> rows = Files.readAllLines(dir.resolve("truth.csv"));
    for (String line : rows.subList(1, rows.size())) {
      String[] f = line.split(",", -1);   // call_id,first_pick,final_pick,outcome
      answeredBy.put(f[0], f[2]);
    }
    // indialog.log: the balancer's ds_select_dst choice for each in-dialog request it relayed.
    long elsewhere = 0;
    long byes = 0;
    Map<String, Long> byAnswering = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("indialog.log"))) {
      Map<String, String> kv = new HashMap<>();
      for (String token : line.split(" ")) {
        int eq = token.indexOf('=');
        if (eq > 0) {
          kv.put(token.substring(0, eq), token.substring(eq + 1));
        }
      }
      String answering = answeredBy.get(kv.get("ci"));
      if (!kv.get("dst").equals("sip:" + answering)) {
        elsewhere++;
        byes += kv.get("m").equals("BYE") ? 1 : 0;
        byAnswering.merge(answering, 1L, Long::sum);
      }
    }
    assertTrue(byes > 0 && elsewhere > byes, "Kamailio sent BYEs and others elsewhere: " + byes + " of " + elsewhere);

    JsonNode doc = check(dir, 1);
    List<JsonNode> pinning = findings(doc, "DIALOG_PINNING_VIOLATION");
    assertEquals(1, pinning.size(), doc.get("findings").toString());
    JsonNode f = pinning.get(0);
    assertEquals("error", f.get("severity").asText());
    assertEquals(elsewhere, f.get("count").asLong());
    Map<String, Long> reported = new HashMap<>();
    f.get("details").get("byBackend").fields().forEachRemaining(e -> reported.put(e.getKey(), e.getValue().asLong()));
    assertEquals(byAnswering, reported, "per backend that answered the call");
    assertTrue(f.get("remedy").asText().contains("loose_route()"), f.toString());
    assertEquals("fail", doc.get("verdict").get("result").asText());
  }

  @Test
  void weightsWithAnAlgorithmThatIgnoresThemAreReportedWithoutFailingTheCheck() throws Exception {
    Path dir = samples().resolve("weights-ignored-alg4");
    assertTrue(Files.readString(dir.resolve("dispatcher.list")).contains("weight="));
    JsonNode doc = check(dir, 0);
    List<JsonNode> ignored = findings(doc, "WEIGHTS_IGNORED");
    assertEquals(1, ignored.size(), doc.get("findings").toString());
    assertEquals("info", ignored.get(0).get("severity").asText());
    assertTrue(ignored.get(0).get("message").asText().contains("algorithm " + env(dir).get("ALG")),
        ignored.get(0).toString());
    // Kamailio's round robin: the first picks in truth.csv are the distribution's observed calls.
    Map<String, Long> truth = new HashMap<>();
    List<String> rows = Files.readAllLines(dir.resolve("truth.csv"));
    for (String line : rows.subList(1, rows.size())) {
      truth.merge(line.split(",", -1)[1], 1L, Long::sum);
    }
    Map<String, Long> observed = new HashMap<>();
    doc.get("distribution").get("backends").forEach(b -> observed.put(b.get("backend").asText(),
        b.get("observed").asLong()));
    assertEquals(truth, observed);
    assertEquals(1, truth.values().stream().distinct().count(), "alg 4 gave each backend as many calls: " + truth);
  }

  @Test
  void probingSwitchedOffForAWhileIsAGapInTheProbesOfEveryDestination() throws Exception {
    Path dir = samples().resolve("probes-paused-alg4");
    Map<String, String> env = env(dir);
    List<String[]> done = labEvents(dir);
    assertEquals(List.of("probes-off", "probes-on"), done.stream().map(e -> e[1]).toList());
    Instant off = epoch(done.get(0)[0]);
    Instant on = epoch(done.get(1)[0]);
    Duration every = Duration.ofSeconds(Long.parseLong(env.get("PING_INTERVAL")));
    JsonNode doc = check(dir, 0);
    List<JsonNode> gaps = findings(doc, "PROBE_IRREGULAR");
    assertEquals(List.of(env.get("BACKENDS").split(" ")).stream().sorted().toList(),
        gaps.stream().map(g -> g.get("backend").asText()).sorted().toList());
    for (JsonNode g : gaps) {
      Instant from = Instant.parse(g.get("start").asText());
      Instant to = Instant.parse(g.get("end").asText());
      assertTrue(!from.isAfter(off) && from.isAfter(off.minus(every)), "last probe before " + off + ": " + g);
      assertTrue(!to.isBefore(on) && to.isBefore(on.plus(every)), "first probe after " + on + ": " + g);
    }
  }

  @Test
  void inProbingMode0OnlyTheFlaggedDestinationIsProbedAndOnlyUntilItAnswers() throws Exception {
    Path dir = samples().resolve("probe-mode0-alg4");
    assertEquals("0", env(dir).get("PROBING_MODE"));
    List<String> flagged = new ArrayList<>();
    List<String> unflagged = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("dispatcher.list"))) {
      String[] f = line.trim().split("\\s+");   // setid sip:ip:port flags priority attrs
      (f.length > 2 && (Integer.parseInt(f[2]) & 8) != 0 ? flagged : unflagged).add(f[1].substring(4));
    }
    JsonNode doc = check(dir, 0);
    assertEquals(unflagged.stream().sorted().toList(), findings(doc, "PROBE_MISSING").stream()
        .map(f -> f.get("backend").asText()).sorted().toList());
    List<JsonNode> stopped = findings(doc, "PROBE_IRREGULAR");
    assertEquals(flagged, stopped.stream().map(f -> f.get("backend").asText()).toList());
    assertTrue(stopped.get(0).get("message").asText().contains("stopped"), stopped.get(0).toString());
    assertTrue(stopped.get(0).get("end").isNull(), "never probed again: " + stopped.get(0));
  }

  @Test
  void lostCallsWithoutFailoverNameTheMissingSettingsAndTheRemedy() throws Exception {
    JsonNode doc = check(samples().resolve("priority-alg8-nofailover"), 1);
    JsonNode lost = findings(doc, "CALLS_LOST").get(0);
    assertTrue(lost.get("details").get("failoverLikelyDisabled").asBoolean(), lost.toString());
    assertTrue(lost.get("message").asText().contains("flag 2"), lost.get("message").asText());
    assertTrue(lost.get("message").asText().contains("no failure_route calls ds_next_dst()"), lost.toString());
    assertTrue(lost.get("remedy").asText().contains("ds_next_dst()"), lost.toString());
    assertEquals("fail", doc.get("verdict").get("result").asText());
  }

  @Test
  void junitXmlHasOneTestCasePerCheckAndAFailureForEachFailedOne() throws Exception {
    Path dir = samples().resolve("priority-alg8-failover");
    List<String> args = new ArrayList<>(List.of("check"));
    args.addAll(ownConfig(dir));
    args.set(args.indexOf("json"), "junit");
    CommandRun run = CommandRun.sipaudit(args.toArray(String[]::new));
    assertEquals(1, run.exitCode(), run.err());
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    int cases = xml.getElementsByTagName("testcase").getLength();
    int failures = xml.getElementsByTagName("failure").getLength();
    JsonNode doc = check(dir, 1);
    assertEquals(doc.get("verdict").get("checks").size(), cases);
    long failed = 0;
    for (JsonNode c : doc.get("verdict").get("checks")) {
      failed += c.get("passed").asBoolean() ? 0 : 1;
    }
    assertEquals(failed, failures);
    assertEquals(Long.toString(failed),
        ((org.w3c.dom.Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("failures"));
  }

  @Test
  void aBaselineFailsOnlyOnRegressions(@TempDir Path tmp) throws Exception {
    Path bad = samples().resolve("priority-alg8-nofailover");
    Path good = samples().resolve("rr-alg4");
    Path badJson = tmp.resolve("bad.json");
    Path goodJson = tmp.resolve("good.json");
    Files.writeString(badJson, CommandRun.sipaudit(Stream.concat(Stream.of("check"), ownConfig(bad).stream())
        .toArray(String[]::new)).out());
    Files.writeString(goodJson, CommandRun.sipaudit(Stream.concat(Stream.of("check"), ownConfig(good).stream())
        .toArray(String[]::new)).out());
    List<String> same = new ArrayList<>(List.of("check", "--baseline", badJson.toString()));
    same.addAll(ownConfig(bad));
    CommandRun known = CommandRun.sipaudit(same.toArray(String[]::new));
    assertEquals(0, known.exitCode(), "the same failures as the baseline are known: " + known.out());
    List<String> worse = new ArrayList<>(List.of("check", "--baseline", goodJson.toString()));
    worse.addAll(ownConfig(bad));
    CommandRun regressed = CommandRun.sipaudit(worse.toArray(String[]::new));
    assertEquals(1, regressed.exitCode(), regressed.out());
    JsonNode doc = new ObjectMapper().readTree(regressed.out());
    boolean lostRegressed = false;
    for (JsonNode c : doc.get("verdict").get("checks")) {
      lostRegressed |= c.get("name").asText().equals("baseline CALLS_LOST") && !c.get("passed").asBoolean();
    }
    assertTrue(lostRegressed, doc.get("verdict").toString());
  }

  @Test
  void aPolicyCanAcceptWhatTheDefaultsReject(@TempDir Path tmp) throws Exception {
    Path dir = samples().resolve("priority-alg8-nofailover");
    long timeouts = Files.readAllLines(dir.resolve("truth.csv")).stream().filter(l -> l.endsWith(",timeout")).count();
    assertTrue(timeouts > 1, "Kamailio logged the calls that timed out on the dead primary: " + timeouts);
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(policy, "# tolerate this capture\nmax_lost_calls: " + timeouts
        + "\nfail_on: []\nskew:\n  p_value: 0.01\n");
    List<String> args = new ArrayList<>(List.of("check", "--policy", policy.toString()));
    args.addAll(ownConfig(dir));
    CommandRun run = CommandRun.sipaudit(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    Files.writeString(policy, "max_lost_calls: " + (timeouts - 1) + "\n");
    assertEquals(1, CommandRun.sipaudit(args.toArray(String[]::new)).exitCode());
  }

  @Test
  void anUnknownPolicyKeyIsAnErrorNamingItsLine(@TempDir Path tmp) throws Exception {
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(policy, "skew:\n  p_value: 0.01\n  pvalue: 0.02\n");
    CommandRun run = CommandRun.sipaudit("check", "--policy", policy.toString(),
        samples().resolve("rr-alg4/capture.pcap").toString());
    assertEquals(ExitCodes.DATA_ERR, run.exitCode(), run.out());
    assertTrue(run.err().contains("line 3") && run.err().contains("skew.pvalue"), run.err());
  }

  @Test
  void analyzeListsTheFindingsToo() throws Exception {
    Path dir = samples().resolve("rr-alg4-kill");
    CommandRun run = CommandRun.sipaudit("analyze", "--format", "json", "--no-calls",
        dir.resolve("capture.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertFalse(findings(doc, "BACKEND_DOWN").isEmpty(), doc.get("findings").toString());
    assertTrue(doc.get("health").get("probes").size() >= 4, doc.get("health").toString());
  }

  @Test
  void aSyntheticHealthyBalancerHasNoFindings(@TempDir Path tmp) throws Exception {
    Path pcap = tmp.resolve("synth.pcap");
    CommandRun synth = CommandRun.sipaudit("synth", "--calls", "2000", "-o", pcap.toString());
    assertEquals(0, synth.exitCode(), synth.err());
    CommandRun run = CommandRun.sipaudit("check", "-q", "--format", "json", pcap.toString());
    assertEquals(0, run.exitCode(), run.out());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals(0, doc.get("findings").size(), "every call answered, probes until the end: " + doc.get("findings"));
    assertEquals(2000, doc.get("calls").asLong());
  }

  @Test
  void aDispatcherListWithoutDestinationsOrWithHostNamesIsADataErrorWithoutTheUsageScreen(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // as published: a list of comments only, and a Teams Direct Routing list of host names
    Path empty = Files.writeString(dir.resolve("empty.list"), "# setid(int) destination(sip uri) flags priority\n");
    Path names = Files.writeString(dir.resolve("teams.list"), "1 sip:sip.pstnhub.microsoft.com;transport=tls 0 1\n");
    String capture = samples().resolve("rr-alg4/capture.pcap").toString();

    CommandRun none = CommandRun.sipaudit("check", "-q", "--dispatcher", empty.toString(), capture);
    CommandRun hosts = CommandRun.sipaudit("check", "-q", "--dispatcher", names.toString(), capture);

    assertEquals(65, none.exitCode(), none.err());
    assertTrue(none.err().contains(empty + " has no destinations"), none.err());
    assertEquals(65, hosts.exitCode(), hosts.err());
    assertTrue(hosts.err().contains(names + " line 1: sip.pstnhub.microsoft.com:5061 is a host name"), hosts.err());
    assertFalse(none.err().contains("Usage:") || hosts.err().contains("Usage:"), "no usage screen for a data problem");
  }
}
