package io.sipaudit.ladder;

import static io.sipaudit.testing.Packets.A;
import static io.sipaudit.testing.Packets.B;
import static io.sipaudit.testing.Packets.eth;
import static io.sipaudit.testing.Packets.ipv4;
import static io.sipaudit.testing.Packets.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.capture.PcapWriter;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.net.Endpoint;
import io.sipaudit.testing.Repo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LadderCollectorTest {
  private static final byte[] C = {10, 0, 0, 3};
  private static final String INVITE = invite("c1", 1, "z9hG4bK-a");
  private static final String FORWARDED = invite("c1", 1, "z9hG4bK-b");
  private static final String TRYING =
      "SIP/2.0 100 Trying\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-a\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n\r\n";
  private static final String REJECT = "SIP/2.0 503 Service Unavailable\r\n"
      + "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-b\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
  private static final String MALFORMED = "BYE sip:bob@b SIP/2.0\r\ni: c1\r\nthis line has no colon\r\n\r\n";

  @TempDir Path dir;

  private static String invite(String callId, int cseq, String branch) {
    return "INVITE sip:bob@b SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=" + branch + "\r\nCall-ID: " + callId
        + "\r\nCSeq: " + cseq + " INVITE\r\nContent-Length: 0\r\n\r\n";
  }

  /**
   * A (client) sends an INVITE twice to B (balancer), which answers 100 and forwards it to C (backend); C rejects
   * it twice; A tries again with CSeq 2; a second call c2 and a malformed BYE of c1 follow: 10 messages, 9 of c1.
   */
  private Path retransmissions() {
    Path p = dir.resolve("retransmissions.pcap");
    byte[][] frames = {
        eth(ipv4(A, B, 17, udp(5060, 5060, INVITE))),
        eth(ipv4(A, B, 17, udp(5060, 5060, INVITE))),
        eth(ipv4(B, A, 17, udp(5060, 5060, TRYING))),
        eth(ipv4(B, C, 17, udp(5060, 5060, FORWARDED))),
        eth(ipv4(C, B, 17, udp(5060, 5060, REJECT))),
        eth(ipv4(C, B, 17, udp(5060, 5060, REJECT))),
        eth(ipv4(A, B, 17, udp(5060, 5060, invite("c1", 2, "z9hG4bK-c")))),
        eth(ipv4(A, B, 17, udp(5060, 5060, invite("c2", 1, "z9hG4bK-d")))),
        eth(ipv4(A, B, 17, udp(5060, 5060, invite("c1", 2, "z9hG4bK-c")))),
        eth(ipv4(A, B, 17, udp(5060, 5060, MALFORMED))),
    };
    try (PcapWriter w = PcapWriter.create(p, 1, PcapWriter.Precision.MICROS, false)) {
      for (int i = 0; i < frames.length; i++) {
        w.write(Instant.ofEpochSecond(1_700_000_000L, i * 1_000_000L), frames[i]);
      }
    }
    return p;
  }

  private static LadderCollector collect(Path capture, Map<String, String> callIds, int maxMessages, int maxText) {
    LadderCollector collector = new LadderCollector(callIds, maxMessages, maxText);
    SipIngest.Result r = new SipIngest().run(List.of(capture), collector);
    assertEquals(List.of(), r.errors());
    return collector;
  }

  @Test
  void failedOverCallHasInvitesFromTheBalancerToTwoBackendsInTimeOrder() throws Exception {
    Path sample = Repo.root().resolve("samples/priority-alg8-failover");
    // truth.csv: call_id,first_pick,final_pick,outcome; Kamailio's own record of where it sent each call.
    String[] failover = Files.readAllLines(sample.resolve("truth.csv")).stream().skip(1).map(l -> l.split(","))
        .filter(f -> !f[1].equals(f[2])).findFirst().orElseThrow();
    Endpoint first = Endpoint.parse(failover[1]);
    Endpoint second = Endpoint.parse(failover[2]);

    Ladder ladder = collect(sample.resolve("capture.pcap"), Map.of(failover[0], "failover"), 500, 4000)
        .ladders().get("failover");

    assertEquals(List.of(failover[0]), ladder.callIds());
    assertTrue(ladder.messages().stream().allMatch(m -> m.callId().equals(failover[0])));
    List<LadderMessage> toFirst = invitesTo(ladder, first);
    List<LadderMessage> toSecond = invitesTo(ladder, second);
    assertFalse(toFirst.isEmpty(), "no INVITE to " + first);
    assertFalse(toSecond.isEmpty(), "no INVITE to " + second);
    Endpoint balancer = toFirst.get(0).src();
    assertEquals(balancer, toSecond.get(0).src());
    assertTrue(toFirst.get(0).ref().timestamp().isBefore(toSecond.get(0).ref().timestamp()));
    assertTrue(ladder.messages().stream().filter(m -> m.src().equals(first)).allMatch(m -> m.status() >= 400),
        "the first backend answered");
    // The dead primary is sent the INVITE again by timer A (RFC 3261 §17.1.1.2): the repeats are marked.
    assertFalse(toFirst.get(0).retransmission());
    assertTrue(toFirst.size() >= 2 && toFirst.stream().skip(1).allMatch(LadderMessage::retransmission));
    assertFalse(toSecond.get(0).retransmission());
    for (int i = 1; i < ladder.messages().size(); i++) {
      assertFalse(ladder.messages().get(i).ref().timestamp().isBefore(ladder.messages().get(i - 1).ref().timestamp()));
    }
    assertEquals(List.of(ladder.messages().get(0).src(), balancer, first, second), ladder.nodes());
    assertEquals(0, ladder.omitted());
  }

  private static List<LadderMessage> invitesTo(Ladder ladder, Endpoint dst) {
    return ladder.messages().stream().filter(m -> m.dst().equals(dst) && m.summary().startsWith("INVITE ")).toList();
  }

  @Test
  void retransmissionsAreMarkedButForwardedAndNewRequestsAreNot() {
    Ladder ladder = collect(retransmissions(), Map.of("c1", "call"), 100, 4000).ladders().get("call");

    assertEquals(List.of(false, true, false, false, false, true, false, true, false),
        ladder.messages().stream().map(LadderMessage::retransmission).toList());
    assertEquals(List.of("INVITE sip:bob@b", "INVITE sip:bob@b", "100 Trying (INVITE)", "INVITE sip:bob@b",
            "503 Service Unavailable (INVITE)", "503 Service Unavailable (INVITE)", "INVITE sip:bob@b",
            "INVITE sip:bob@b", "BYE sip:bob@b SIP/2.0"),
        ladder.messages().stream().map(LadderMessage::summary).toList());
    assertEquals(List.of(0, 0, 100, 0, 503, 503, 0, 0, 0),
        ladder.messages().stream().map(LadderMessage::status).toList());
  }

  @Test
  void messageTextIsTheWholeMessage() {
    LadderMessage reject = collect(retransmissions(), Map.of("c1", "call"), 100, 4000).ladders().get("call")
        .messages().get(4);

    assertEquals(REJECT, reject.text());
    assertNull(reject.problem());
  }

  @Test
  void malformedMessageIsKeptByItsCompactCallIdWithTheProblem() {
    LadderMessage bye = collect(retransmissions(), Map.of("c1", "call"), 100, 4000).ladders().get("call")
        .messages().get(8);

    assertEquals(MALFORMED, bye.text());
    assertTrue(bye.problem() != null && bye.problem().contains("byte "), bye.problem());
    assertFalse(bye.retransmission());
  }

  @Test
  void messagesBeyondTheCapAreCountedNotKept() {
    Ladder ladder = collect(retransmissions(), Map.of("c1", "call"), 3, 4000).ladders().get("call");

    assertEquals(3, ladder.messages().size());
    assertEquals(9 - 3, ladder.omitted());
    assertEquals(List.of(INVITE, INVITE, TRYING), ladder.messages().stream().map(LadderMessage::text).toList());
  }

  @Test
  void textBeyondTheCapIsCutWithAMarker() {
    LadderMessage first = collect(retransmissions(), Map.of("c1", "call"), 100, 20).ladders().get("call")
        .messages().get(0);

    assertEquals(INVITE.substring(0, 20) + "\n[… " + (INVITE.length() - 20) + " more characters]", first.text());
  }

  @Test
  void callIdsSharingAKeyFeedOneLadderInFirstSeenOrder() throws Exception {
    Map<String, String> callIds = new LinkedHashMap<>();
    callIds.put("c2", "call");
    callIds.put("c1", "call");

    Ladder ladder = collect(retransmissions(), callIds, 100, 4000).ladders().get("call");

    assertEquals(List.of("c1", "c2"), ladder.callIds());
    assertEquals(10, ladder.messages().size());
    assertEquals(List.of(new Endpoint(ip(A), 5060), new Endpoint(ip(B), 5060), new Endpoint(ip(C), 5060)),
        ladder.nodes());
  }

  @Test
  void laddersFollowTheMapOrderAndCallsNeverSeenHaveNone() {
    Map<String, String> callIds = new LinkedHashMap<>();
    callIds.put("c2", "second call");
    callIds.put("never-seen", "missing");
    callIds.put("c1", "first call");

    Map<String, Ladder> ladders = collect(retransmissions(), callIds, 100, 4000).ladders();

    assertEquals(List.of("second call", "first call"), List.copyOf(ladders.keySet()));
    assertEquals(1, ladders.get("second call").messages().size());
  }

  @Test
  void capsBelowTheirMinimumAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new LadderCollector(Map.of(), 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new LadderCollector(Map.of(), 1, -1));
  }

  private static InetAddress ip(byte[] a) throws UnknownHostException {
    return InetAddress.getByAddress(a);
  }
}
