package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class LogNoiseTest {

  @Test
  void logLinesOfTheUsualSuspectsAreNoise() {
    assertTrue(LogNoise.isLogLine("    -- Executing [1101@default:1] Dial(\"SIP/100-0001\", \"SIP/200\") in new stack"));
    assertTrue(LogNoise.isLogLine("       > 0x2648ed0 -- Strict RTP learning after remote address set to: x"));
    assertTrue(LogNoise.isLogLine("  == Using SIP RTP CoS mark 5"));
    assertTrue(LogNoise.isLogLine("Got  RTP packet from    192.0.2.7:4000 (type 00, seq 012345, ts 160, len 000160)"));
    assertTrue(LogNoise.isLogLine("freepbx*CLI> sip set debug on"));
    assertTrue(LogNoise.isLogLine("2024-06-10 08:13:20.123456 [DEBUG] sofia.c:7084 Channel entering state"));
    assertTrue(LogNoise.isLogLine(" 0(1234) INFO: <script>: dispatching"));
    assertTrue(LogNoise.isLogLine("Jun 10 08:13:20 lb kamailio[1234]: INFO: <script>: x"));
  }

  @Test
  void sipAndSdpLinesAreNot() {
    assertFalse(LogNoise.isLogLine("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1"));
    assertFalse(LogNoise.isLogLine(" ;tag=folded"));
    assertFalse(LogNoise.isLogLine("a=rtpmap:0 PCMU/8000"));
    assertFalse(LogNoise.isLogLine("SIP/2.0 200 OK"));
  }
}
