package io.sipaudit.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipParser;
import io.sipaudit.testing.Repo;
import io.sipaudit.truth.ScenarioEnv;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Down intervals and probes on lab captures where the lab killed and restarted backends at known times (the
 * sample's events.csv: when the SIGKILL was sent, when the restarted backend was seen listening).
 */
final class HealthTrackerTest {
  /** A request already on its way when the SIGKILL landed may be the first one left unanswered. */
  private static final Duration IN_FLIGHT = Duration.ofMillis(20);
  /** The lab polls every 0.1 s for the restarted backend's socket, so it may answer a little before. */
  private static final Duration LISTEN_POLL = Duration.ofMillis(200);

  private static HealthTracker run(String sample) {
    HealthTracker tracker = new HealthTracker();
    new SipIngest().run(List.of(Repo.root().resolve("samples").resolve(sample).resolve("capture.pcap")),
        tracker::accept);
    tracker.finish();
    return tracker;
  }

  /** One row of a sample's events.csv. */
  private record LabEvent(Instant time, String event, Endpoint target) {}

  /** Returns the events the lab carried out, from the sample's events.csv ({@code time,event,target}). */
  private static List<LabEvent> events(String sample) throws Exception {
    List<String> lines = Files.readAllLines(Repo.root().resolve("samples").resolve(sample).resolve("events.csv"));
    assertEquals("time,event,target", lines.get(0));
    List<LabEvent> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      out.add(new LabEvent(Instant.EPOCH.plusNanos(new BigDecimal(f[0]).movePointRight(9).longValueExact()), f[1],
          Endpoint.parse(f[2])));
    }
    return out;
  }

  /** Asserts {@code from <= actual <= to}. */
  private static void assertWithin(Instant from, Instant to, Instant actual, String what) {
    assertTrue(!actual.isBefore(from) && !actual.isAfter(to), what + ": expected between " + from + " and " + to
        + ", got " + actual);
  }

  @Test
  void aKilledAndRestartedBackendIsDownFromTheKillUntilTheRestart() throws Exception {
    HealthTracker r = run("priority-alg8-failover");   // probing every 1 s
    List<LabEvent> ev = events("priority-alg8-failover");
    assertEquals(List.of("kill", "start"), ev.stream().map(LabEvent::event).toList());
    List<DownInterval> down = r.downIntervals();
    assertEquals(1, down.size(), down.toString());
    DownInterval d = down.get(0);
    assertEquals(ev.get(0).target(), d.destination());
    Duration probe = Duration.ofSeconds(1);
    assertWithin(ev.get(0).time().minus(IN_FLIGHT), ev.get(0).time().plus(probe), d.start(),
        "down from the first request after the kill (the next probe at the latest)");
    assertNotNull(d.end(), "the backend was restarted");
    assertWithin(ev.get(1).time().minus(LISTEN_POLL), ev.get(1).time().plus(probe).plus(probe), d.end(),
        "up again with the answer to the next probe after the restart");
    assertTrue(d.unansweredProbes() >= 5, "probes unanswered: " + d.unansweredProbes());
    assertTrue(d.callsSent() >= 1, "the calls that found it dead: " + d);
    assertEquals(Math.min(d.callsSent(), DownInterval.EVIDENCE), d.callIds().size());
    assertNotNull(d.backInRotation(), "alg 8 sends every call to the primary once it is back");
  }

  @Test
  void aBackendKilledForGoodIsStillDownWhenTheCaptureEnds() throws Exception {
    HealthTracker r = run("rr-alg4-kill");
    List<LabEvent> ev = events("rr-alg4-kill");
    assertEquals(1, ev.size(), "one kill, no restart");
    List<DownInterval> down = r.downIntervals();
    assertEquals(1, down.size(), down.toString());
    assertEquals(ev.get(0).target(), down.get(0).destination());
    assertNull(down.get(0).end());
    assertWithin(ev.get(0).time().minus(IN_FLIGHT), ev.get(0).time().plusSeconds(2), down.get(0).start(),
        "down from");   // probing every 2 s
  }

  @Test
  void probesEverySecondHaveAOneSecondMedianIntervalAndTheirReplyCodes() {
    List<ProbeSummary> probes = run("priority-alg8-failover").probes();
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
      assertEquals(List.of(), run(sample).downIntervals(), sample);
    }
  }

  private static final Endpoint BALANCER = Endpoint.parse("192.0.2.1:5060");
  private static final Endpoint BACKEND = Endpoint.parse("192.0.2.10:5060");
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  /** An OPTIONS probe number {@code n}, sent {@code n} seconds after T0, and its answer 2 ms later (0: none). */
  private static void probe(HealthTracker t, int n, int code) {
    String head = "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-probe" + n + "\r\nCall-ID: probe" + n
        + "\r\nCSeq: 10 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    Instant sent = T0.plusSeconds(n);
    t.accept(new SipPacket(new PacketRef("t.pcap", 2 * n, 0, sent), BALANCER, BACKEND, Transport.UDP,
        SipParser.parse("OPTIONS sip:192.0.2.10:5060 SIP/2.0\r\n" + head), null));
    if (code > 0) {
      t.accept(new SipPacket(new PacketRef("t.pcap", 2 * n + 1, 0, sent.plusMillis(2)), BACKEND, BALANCER,
          Transport.UDP, SipParser.parse("SIP/2.0 " + code + " Whatever\r\n" + head), null));
    }
  }

  @Test
  void probesAnsweredWithAFailureCodeAreOneRefusalUntilTheNextSuccessfulProbe() {
    HealthTracker t = new HealthTracker();
    int[] codes = {200, 200, 503, 503, 0, 503, 200, 200, 486, 486};   // 0: no answer
    for (int n = 0; n < codes.length; n++) {
      probe(t, n, codes[n]);
    }
    t.finish();
    ProbeSummary p = t.probes().get(0);
    assertEquals(List.of(
        new ProbeSummary.Refusal(T0.plusSeconds(2), T0.plusSeconds(6), new PacketRef("t.pcap", 4, 0,
            T0.plusSeconds(2)), 503),
        new ProbeSummary.Refusal(T0.plusSeconds(8), null, new PacketRef("t.pcap", 16, 0, T0.plusSeconds(8)), 486)),
        p.refused(), "a timeout inside a run does not end it; the last run lasts to the end");
    assertEquals(5, p.failed() - p.timedOut(), "probes answered with a failure code");
  }

  @Test
  void aBackendThatAnswersEveryProbeWith503RefusesThemFromTheFirstOnAndIsNeverDown() throws Exception {
    Map<String, String> env = ScenarioEnv.parse(Files.readString(
        Repo.root().resolve("samples/probe-503-alg4/scenario.env")));
    String[] refusing = env.get("BACKEND_OPTIONS_CODE").split("=");   // ip:port=code, set by the lab
    HealthTracker t = run("probe-503-alg4");
    assertEquals(List.of(), t.downIntervals(), "it answered everything");
    for (ProbeSummary p : t.probes()) {
      if (p.destination().equals(Endpoint.parse(refusing[0]))) {
        assertEquals(p.sent(), p.replyCodes().get(refusing[1]), "every probe answered " + refusing[1] + ": " + p);
        assertEquals(1, p.refused().size(), p.refused().toString());
        assertEquals(p.first(), p.refused().get(0).from());
        assertNull(p.refused().get(0).until(), "no probe succeeded later");
        assertEquals(Integer.parseInt(refusing[1]), p.refused().get(0).code());
      } else {
        assertEquals(List.of(), p.refused(), p.toString());
      }
    }
  }

  @Test
  void failedProbesAreDatedWithinTheDownIntervalAndAddUpToTheSummary() {
    HealthTracker r = run("priority-alg8-failover");
    DownInterval d = r.downIntervals().get(0);
    var failed = r.failedProbesPerSecond();
    assertEquals(java.util.Set.of(d.destination()), failed.keySet(), "only the killed backend failed probes");
    long total = failed.get(d.destination()).values().stream().mapToLong(Integer::longValue).sum();
    long summarised = r.probes().stream().filter(p -> p.destination().equals(d.destination()))
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
