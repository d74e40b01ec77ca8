package io.sipaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipParser;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ResendDetectorTest {
  private static final Endpoint A = Endpoint.parse("10.0.0.1:5060");
  private static final Endpoint B = Endpoint.parse("10.0.0.2:5060");
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private static SipPacket packet(Instant t, Endpoint src, Endpoint dst, Transport transport, String startLine,
      String callId, String cseq) {
    String text = startLine + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + "\r\nContent-Length: 0\r\n\r\n";
    return new SipPacket(new PacketRef("t.pcap", 1, 0, t), src, dst, transport, SipParser.parse(text), null);
  }

  private static SipPacket udp(Instant t, String startLine, String cseq) {
    return packet(t, A, B, Transport.UDP, startLine, "c1", cseq);
  }

  @Test
  void repeatedRequestIsResentButAckAndCancelNever() {
    ResendDetector d = new ResendDetector();
    assertFalse(d.isResend(udp(T0, "INVITE sip:b SIP/2.0", "1 INVITE")));
    assertTrue(d.isResend(udp(T0.plusMillis(500), "INVITE sip:b SIP/2.0", "1 INVITE")));
    assertFalse(d.isResend(udp(T0.plusMillis(600), "CANCEL sip:b SIP/2.0", "1 CANCEL")));
    assertFalse(d.isResend(udp(T0.plusMillis(700), "CANCEL sip:b SIP/2.0", "1 CANCEL")));
    assertFalse(d.isResend(udp(T0.plusMillis(800), "ACK sip:b SIP/2.0", "2 ACK")));
    assertFalse(d.isResend(udp(T0.plusMillis(900), "ACK sip:b SIP/2.0", "2 ACK")));
  }

  @Test
  void repeatedFinalResponseIsResentButProvisionalNever() {
    ResendDetector d = new ResendDetector();
    assertFalse(d.isResend(udp(T0, "SIP/2.0 180 Ringing", "1 INVITE")));
    assertFalse(d.isResend(udp(T0, "SIP/2.0 180 Ringing", "1 INVITE")));
    assertFalse(d.isResend(udp(T0, "SIP/2.0 200 OK", "1 INVITE")));
    assertTrue(d.isResend(udp(T0, "SIP/2.0 200 OK", "1 INVITE")));
  }

  @Test
  void onlyUdpAndOnlyTheSameDirectionCount() {
    ResendDetector d = new ResendDetector();
    String invite = "INVITE sip:b SIP/2.0";
    assertFalse(d.isResend(packet(T0, A, B, Transport.TCP, invite, "c1", "1 INVITE")));
    assertFalse(d.isResend(packet(T0, A, B, Transport.TCP, invite, "c1", "1 INVITE")));
    assertFalse(d.isResend(packet(T0, A, B, Transport.UDP, invite, "c1", "1 INVITE")));
    assertFalse(d.isResend(packet(T0, B, A, Transport.UDP, invite, "c1", "1 INVITE")));
    assertFalse(d.isResend(packet(T0, A, B, Transport.UDP, invite, "c2", "1 INVITE")));
  }

  @Test
  void stateIdleForExactly120SecondsIsKeptOneNanosecondMoreIsDropped() {
    ResendDetector d = new ResendDetector();
    String invite = "INVITE sip:b SIP/2.0";
    d.isResend(udp(T0, invite, "1 INVITE"));
    assertTrue(d.isResend(udp(T0.plusSeconds(120), invite, "1 INVITE")));
    assertFalse(d.isResend(udp(T0.plusSeconds(240).plusNanos(1), invite, "1 INVITE")));
    assertEquals(1, d.size());
  }

  @Test
  void aLongCallDoesNotHoldBackTheMemoryOfShortOnes() {
    ResendDetector d = new ResendDetector();
    for (int i = 0; i < 10_000; i++) {
      Instant t = T0.plusMillis(100L * i);
      d.isResend(packet(t, A, B, Transport.UDP, "INFO sip:b SIP/2.0", "long", (i + 1) + " INFO"));
      d.isResend(packet(t, A, B, Transport.UDP, "INVITE sip:b SIP/2.0", "c" + i, "1 INVITE"));
    }
    assertEquals(1202, d.size(), "the long call, and the short calls of the last 120 s");
  }

  @Test
  void memoryFollowsTheCallsInTheLastTwoMinutes() {
    ResendDetector d = new ResendDetector();
    for (int i = 0; i < 10_000; i++) {
      d.isResend(packet(T0.plusMillis(100L * i), A, B, Transport.UDP, "INVITE sip:b SIP/2.0", "c" + i, "1 INVITE"));
    }
    assertEquals(1201, d.size(), "entries used within the last 120 s (one call every 100 ms)");
  }

  /**
   * Random traffic on few or many keys with pauses around the idle limit, judged against the first implementation:
   * with time always going forward, going back now and then from the start, and going back for the first time
   * after a while.
   */
  @Test
  void agreesWithTheReferenceImplementationOnRandomTraffic() {
    assertTrue(differential(42, 6, 200_000, Integer.MAX_VALUE) > 500, "few keys");
    assertTrue(differential(43, 5000, 200_000, Integer.MAX_VALUE) > 200, "many keys: the table grows and shifts back");
    assertTrue(differential(44, 6, 200_000, 0) > 500, "time going back from the start");
    int resent = 0;
    for (long seed = 45; seed < 345; seed++) {
      resent += differential(seed, 12, 1000, 500);   // time first goes back with entries idle and held
    }
    assertTrue(resent > 500, "time going back after a while: " + resent);
  }

  /**
   * Feeds both implementations the same random packets, time going back now and then from packet
   * {@code backFrom} on; returns how many were resent.
   */
  private static int differential(long seed, int callIds, int packets, int backFrom) {
    SplittableRandom random = new SplittableRandom(seed);
    Endpoint[] endpoints = {A, B, Endpoint.parse("[2001:db8::1]:5080")};
    String[] methods = {"INVITE", "INVITE", "ACK", "BYE", "CANCEL", "X-PING"};
    int[] codes = {100, 180, 200, 200, 487};
    ResendDetector fast = new ResendDetector();
    ReferenceResendDetector reference = new ReferenceResendDetector();
    Instant t = T0;
    int resent = 0;
    for (int i = 0; i < packets; i++) {
      int step = random.nextInt(100);
      t = step < 3 && i >= backFrom ? t.minusSeconds(random.nextInt(200))
          : step < 10 ? t.plusSeconds(110 + random.nextInt(20)).plusNanos(random.nextInt(1_000_000_000))
          : step < 30 ? t.plusSeconds(20 + random.nextInt(40)) : t.plusMillis(random.nextInt(400));
      Endpoint src = endpoints[random.nextInt(endpoints.length)];
      Endpoint dst = endpoints[random.nextInt(2)];
      Transport transport = random.nextInt(20) == 0 ? Transport.TCP : Transport.UDP;
      String method = methods[random.nextInt(methods.length)];
      String startLine = random.nextBoolean() ? method + " sip:x SIP/2.0"
          : "SIP/2.0 " + codes[random.nextInt(codes.length)] + " Whatever";
      int call = callIds <= 20 ? random.nextInt(callIds) : (i / 20 + random.nextInt(10)) % callIds;   // bursts
      SipPacket p = packet(t, src, dst, transport, startLine, "call-" + call, (1 + random.nextInt(2)) + " " + method);
      boolean expected = reference.isResend(p);
      assertEquals(expected, fast.isResend(p), "seed " + seed + ", packet " + i);
      resent += expected ? 1 : 0;
    }
    return resent;
  }
}
