package io.sipaudit.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipMethod;
import io.sipaudit.sip.SipParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CallAssemblerTest {
  private static final Endpoint C = Endpoint.parse("10.0.0.100:5060");
  private static final Endpoint B = Endpoint.parse("10.0.1.1:5060");
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private final List<CallRecord> out = new ArrayList<>();
  private final CallAssembler assembler = new CallAssembler(out::add);
  private long frame;

  private void send(long ms, Endpoint src, Endpoint dst, String msg) {
    frame++;
    assembler.accept(new SipPacket(new PacketRef("t.pcap", frame, 0, T0.plusMillis(ms)), src, dst, Transport.UDP,
        SipParser.parse(msg), null));
  }

  private static String invite(String callId, String ftag, String branch, int cseq) {
    return "INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.100;branch=" + branch + "\r\nFrom: <sip:a@x>;tag=" + ftag
        + "\r\nTo: <sip:b@x>\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " INVITE\r\nContent-Length: 0\r\n\r\n";
  }

  private static String response(int code, String callId, String ftag, String branch, String method, int cseq) {
    return "SIP/2.0 " + code + " X\r\nVia: SIP/2.0/UDP 10.0.0.100;branch=" + branch + "\r\nFrom: <sip:a@x>;tag=" + ftag
        + "\r\nTo: <sip:b@x>;tag=tt\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " " + method
        + "\r\nContent-Length: 0\r\n\r\n";
  }

  private static String inDialog(String method, String callId, String ftag, String branch, int cseq) {
    return method + " sip:b@10.0.1.1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.100;branch=" + branch + "\r\nFrom: <sip:a@x>;tag="
        + ftag + "\r\nTo: <sip:b@x>;tag=tt\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " " + method
        + "\r\nContent-Length: 0\r\n\r\n";
  }

  @Test
  void answeredCallEndsAfterItsByeIsAnsweredAndLingers() {
    send(0, C, B, invite("c1", "f", "z1", 1));
    send(300, C, B, invite("c1", "f", "z1", 1));
    send(400, B, C, response(180, "c1", "f", "z1", "INVITE", 1));
    send(500, B, C, response(200, "c1", "f", "z1", "INVITE", 1));
    send(510, C, B, inDialog("ACK", "c1", "f", "z2", 1));
    send(9000, C, B, inDialog("BYE", "c1", "f", "z3", 2));
    send(9010, B, C, response(200, "c1", "f", "z3", "BYE", 2));
    assertTrue(out.isEmpty(), "not before the linger time");
    send(20000, C, B, "OPTIONS sip:b@x SIP/2.0\r\nCall-ID: other\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    assertEquals(1, out.size());
    CallRecord r = out.get(0);
    assertTrue(r.complete());
    assertEquals(1, r.hops().size());
    InviteHop h = r.hops().get(0);
    assertEquals(1, h.retransmissions());
    assertEquals(180, h.firstProvisionalCode());
    assertEquals(200, h.finalCode());
    assertEquals(List.of(SipMethod.ACK, SipMethod.BYE), r.inDialog().stream().map(InDialogRequest::method).toList());
    assertEquals(200, r.inDialog().get(1).finalCode());
  }

  @Test
  void cancelIsMatchedToItsInviteByBranch() {
    send(0, C, B, invite("c2", "f", "zA", 1));
    send(100, C, B, "CANCEL sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.100;branch=zA\r\nFrom: <sip:a@x>;tag=f\r\n"
        + "To: <sip:b@x>\r\nCall-ID: c2\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n");
    send(110, B, C, response(487, "c2", "f", "zA", "INVITE", 1));
    assembler.finish();
    InviteHop h = out.get(0).hops().get(0);
    assertEquals(T0.plusMillis(100), h.cancelledAt());
    assertEquals(487, h.finalCode());
  }

  @Test
  void callStillRingingAtTheEndIsIncomplete() {
    send(0, C, B, invite("c3", "f", "zB", 1));
    assembler.finish();
    assertFalse(out.get(0).complete());
  }

  @Test
  void callIdReusedWithAnotherFromTagAfterTheEndIsANewCall() {
    send(0, C, B, invite("c4", "f1", "zC", 1));
    send(10, B, C, response(486, "c4", "f1", "zC", "INVITE", 1));
    send(20, C, B, invite("c4", "f2", "zD", 1));
    assembler.finish();
    assertEquals(2, out.size());
    assertEquals("f1", out.get(0).fromTag());
    assertEquals("f2", out.get(1).fromTag());
  }

  @Test
  void inDialogRequestWithoutItsInviteIsCountedAsOrphan() {
    send(0, C, B, inDialog("BYE", "lost", "f", "zE", 2));
    send(1, C, B, "OPTIONS sip:b@x SIP/2.0\r\nCall-ID: ping\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    assembler.finish();
    assertTrue(out.isEmpty());
    assertEquals(java.util.Map.of(SipMethod.BYE, 1L), assembler.orphans());
  }
}
