package io.sipaudit.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.sip.SipMethod;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.testing.Repo;
import io.sipaudit.truth.ScenarioEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Down intervals and probes on lab captures where the lab killed and restarted backends at known times
 * (scenario.env EVENTS, seconds after SIPp started: the first INVITE of the capture).
 */
final class HealthTrackerTest {

  private record Run(HealthTracker tracker, Instant firstInvite) {}

  private static Run run(String sample) {
    HealthTracker tracker = new HealthTracker();
    Instant[] firstInvite = new Instant[1];
    new SipIngest().run(List.of(Repo.root().resolve("samples").resolve(sample).resolve("capture.pcap")), e -> {
      if (firstInvite[0] == null && e instanceof SipPacket p && p.message() instanceof SipRequest r
          && r.method().equals(SipMethod.INVITE)) {
        firstInvite[0] = p.ref().timestamp();
      }
      tracker.accept(e);
    });
    tracker.finish();
    assertNotNull(firstInvite[0], "no INVITE in " + sample);
    return new Run(tracker, firstInvite[0]);
  }

  /** Returns the scenario's events as [action, address, seconds]. */
  private static List<String[]> events(String sample) throws Exception {
    Map<String, String> env = ScenarioEnv.parse(
        Files.readString(Repo.root().resolve("samples").resolve(sample).resolve("scenario.env")));
    List<String[]> out = new ArrayList<>();
    for (String ev : env.getOrDefault("EVENTS", "").split(";")) {
      if (!ev.isBlank()) {
        out.add(ev.trim().split("\\s+"));
      }
    }
    return out;
  }

  private static void assertNear(Instant expected, Instant actual, Duration tolerance, String what) {
    Duration off = Duration.between(expected, actual).abs();
    assertTrue(off.compareTo(tolerance) <= 0, what + ": expected about " + expected + ", got " + actual + " ("
        + off.toMillis() + " ms off)");
  }

  @Test
  void aKilledAndRestartedBackendIsDownFromTheKillUntilTheRestart() throws Exception {
    Run r = run("priority-alg8-failover");   // probing every 1 s
    List<String[]> ev = events("priority-alg8-failover");
    Endpoint killed = Endpoint.parse(ev.get(0)[1]);
    List<DownInterval> down = r.tracker.downIntervals();
    assertEquals(1, down.size(), down.toString());
    DownInterval d = down.get(0);
    assertEquals(killed, d.destination());
    Duration probe = Duration.ofSeconds(1);
    Duration slack = Duration.ofMillis(600);   // SIPp's start-up and the lab's 0.2 s polling of its clock
    assertNear(r.firstInvite.plusSeconds(Long.parseLong(ev.get(0)[2])), d.start(), probe.plus(slack), "down from");
    assertNotNull(d.end(), "the backend was restarted");
    assertNear(r.firstInvite.plusSeconds(Long.parseLong(ev.get(1)[2])), d.end(), probe.plus(slack).plus(probe),
        "up again");
    assertTrue(d.unansweredProbes() >= 5, "probes unanswered: " + d.unansweredProbes());
    assertTrue(d.callsSent() >= 1, "the calls that found it dead: " + d);
    assertEquals(Math.min(d.callsSent(), DownInterval.EVIDENCE), d.callIds().size());
    assertNotNull(d.backInRotation(), "alg 8 sends every call to the primary once it is back");
  }

  @Test
  void aBackendKilledForGoodIsStillDownWhenTheCaptureEnds() throws Exception {
    Run r = run("rr-alg4-kill");
    List<String[]> ev = events("rr-alg4-kill");
    List<DownInterval> down = r.tracker.downIntervals();
    assertEquals(1, down.size(), down.toString());
    assertEquals(Endpoint.parse(ev.get(0)[1]), down.get(0).destination());
    assertNull(down.get(0).end());
    assertNear(r.firstInvite.plusSeconds(Long.parseLong(ev.get(0)[2])), down.get(0).start(),
        Duration.ofMillis(2600), "down from");   // probing every 2 s
  }

  @Test
  void probesEverySecondHaveAOneSecondMedianIntervalAndTheirReplyCodes() {
    Run r = run("priority-alg8-failover");
    List<ProbeSummary> probes = r.tracker.probes();
    assertEquals(3, probes.size(), "one balancer probing three backends: " + probes);
    for (ProbeSummary p : probes) {
      assertNotNull(p.intervalMs());
      assertTrue(Math.abs(p.intervalMs().median() - 1000) <= 50, "median interval " + p);
      assertEquals(p.sent(), p.answered() + p.timedOut() + (p.sent() - p.answered() - p.timedOut()));
      if (p.destination().equals(Endpoint.parse("127.0.1.21:5060"))) {
        assertTrue(p.timedOut() >= 5 && p.maxConsecutiveFailures() >= 5, p.toString());
      } else {
        assertEquals(0, p.failed(), p.toString());
        assertEquals(p.answered(), p.replyCodes().get("200"), p.toString());
      }
    }
  }

  @Test
  void backendsThatAlwaysAnswerAreNeverDown() {
    for (String sample : List.of("rr-alg4", "hash-callid-alg0", "weight-alg9", "tcp-rr-alg4", "netns-frag-alg4")) {
      assertEquals(List.of(), run(sample).tracker.downIntervals(), sample);
    }
  }

  @Test
  void failedProbesAreDatedWithinTheDownIntervalAndAddUpToTheSummary() {
    Run r = run("priority-alg8-failover");
    DownInterval d = r.tracker.downIntervals().get(0);
    var failed = r.tracker.failedProbesPerSecond();
    assertEquals(java.util.Set.of(d.destination()), failed.keySet(), "only the killed backend failed probes");
    long total = failed.get(d.destination()).values().stream().mapToLong(Integer::longValue).sum();
    long summarised = r.tracker.probes().stream().filter(p -> p.destination().equals(d.destination()))
        .mapToLong(ProbeSummary::failed).sum();
    assertEquals(summarised, total);
    assertNotNull(d.end());
    for (long second : failed.get(d.destination()).keySet()) {
      assertTrue(second >= d.start().getEpochSecond() && second <= d.end().getEpochSecond(),
          second + " outside " + d.start() + " .. " + d.end());
    }
  }

  @Test
  void gapsAreIntervalsOverOneAndAHalfTimesTheUsualAndASecondLonger() {
    assertEquals(3000, HealthTracker.gapThreshold(2000));
    assertEquals(2000, HealthTracker.gapThreshold(1000));
    assertEquals(1100, HealthTracker.gapThreshold(100));
  }
}
