package io.sipaudit.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calls of public captures, explained: what is in each file, and what analysis must make of it. */
final class PublicSamplesTest {

  private static Map<String, AttributedCall> calls(String external) {
    return LabGroundTruthTest.attribute(LabGroundTruthTest.repoRoot().resolve("samples/external/" + external));
  }

  @Test
  void wiresharkAaaSampleIsAPhoneCallingTwoProvidersWithAuthRetries() {
    // sngrep/aaa.pcap: 192.168.1.2 registers (REGISTER/401/403, not calls), then makes 4 calls. Three go to
    // 212.242.33.35, each challenged with 407 and sent again with credentials (same Call-ID and From tag, one
    // call), ending 403, 403 and 480; one goes to 200.68.120.81, which the phone cancels (it keeps resending
    // the CANCEL) and which the provider ends with 408: the caller cancelled it.
    Map<String, AttributedCall> calls = calls("sngrep/aaa.pcap");
    assertEquals(4, calls.size());
    List<Integer> statuses = calls.values().stream().map(AttributedCall::finalStatus).sorted().toList();
    assertEquals(List.of(403, 403, 408, 480), statuses);
    for (AttributedCall c : calls.values()) {
      assertNull(c.balancer(), "a phone calling directly has no balancer");
      assertEquals("192.168.1.2:5060", String.valueOf(c.client()));
      assertEquals(c.finalStatus() == 408 ? CallOutcome.CANCELLED : CallOutcome.REJECTED, c.outcome());
    }
    long challenged = calls.values().stream().filter(c -> c.attempts().size() == 2).count();
    assertEquals(3, challenged, "three calls went out twice: without and with credentials");
  }

  @Test
  void neroSippsInviteWithAnUnquotedEscapedDisplayNameIsOneCall() {
    // suricata-verify/sip_compact_form.pcap: one INVITE from 1.1.1.1:5555 to 2.2.2.2:5060, no answer in the file;
    // its From is  f: \"arik\" <sip:816666@voip.brurjula.net>;tag=6433ef9  (not a token nor a quoted string)
    Map<String, AttributedCall> calls = calls("suricata-verify/sip_compact_form.pcap");
    assertEquals(1, calls.size());
    AttributedCall c = calls.values().iterator().next();
    assertEquals("1.1.1.1:5555", String.valueOf(c.client()));
    assertEquals(CallOutcome.UNKNOWN, c.outcome());
  }

  @Test
  void pktsCancelSampleIsOneCancelledCall() {
    // pkts/cancel.pcap: INVITE, 100, 180, CANCEL, 200 (CANCEL), 487, ACK
    Map<String, AttributedCall> calls = calls("pkts/cancel.pcap");
    assertEquals(1, calls.size());
    AttributedCall c = calls.values().iterator().next();
    assertEquals(CallOutcome.CANCELLED, c.outcome());
    assertEquals(AttemptOutcome.CANCELLED, c.attempts().get(0).outcome());
  }

  @Test
  void sippSampleIsFiveAnsweredCallsWithDurations() {
    // pkts/sipp.pcap: SIPp uac against uas, 5 calls INVITE/180/200/ACK/BYE/200 on one hop
    Map<String, AttributedCall> calls = calls("pkts/sipp.pcap");
    assertEquals(5, calls.size());
    assertTrue(calls.values().stream().allMatch(c -> c.outcome() == CallOutcome.ANSWERED && c.durationMs() != null));
  }

  @Test
  void ipv6FragmentSampleIsOneProxiedCall() {
    // sngrep/ipv6frag.pcap: client :15060 -> proxy :5062 -> server :25060, INVITEs IPv6-fragmented, 183/PRACK/UPDATE
    Map<String, AttributedCall> calls = calls("sngrep/ipv6frag.pcap");
    assertEquals(1, calls.size());
    AttributedCall c = calls.values().iterator().next();
    assertTrue(String.valueOf(c.balancer()).endsWith(":5062"), String.valueOf(c.balancer()));
    assertTrue(String.valueOf(c.backend()).endsWith(":25060"), String.valueOf(c.backend()));
    assertEquals(CallOutcome.ANSWERED, c.outcome());
  }
}
