package io.sipaudit.bench;

import io.sipaudit.sip.FrameResult;
import io.sipaudit.sip.SipFramer;
import java.nio.charset.StandardCharsets;

/**
 * The SIP messages the benchmarks parse: the balancer's relayed INVITE and the backend's 200 OK of one call, as
 * {@code sipaudit synth} writes them (two Vias, Record-Route, a 248-byte SDP offer and a 248-byte answer).
 */
final class SampleMessages {
  static final byte[] INVITE = crlf("""
      INVITE sip:2000@pbx.example.com SIP/2.0
      Record-Route: <sip:10.10.0.1;transport=udp;lr>
      Via: SIP/2.0/UDP 10.10.0.1:5060;branch=z9hG4bK-lb0
      Via: SIP/2.0/UDP 10.20.0.1:5060;rport;branch=z9hG4bK-c0
      Max-Forwards: 69
      From: "Caller 0" <sip:1000@pbx.example.com>;tag=305aec25
      To: <sip:2000@pbx.example.com>
      Call-ID: 6f9b6dae6f4c57a8-0@10.20.0.1
      CSeq: 1 INVITE
      Contact: <sip:1000@10.20.0.1:5060>
      Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE
      Supported: replaces, timer
      User-Agent: Yealink SIP-T46U 108.86.0.20
      Content-Type: application/sdp
      Content-Length: 248

      v=0
      o=- 52954711 1 IN IP4 10.20.0.1
      s=call
      c=IN IP4 10.20.0.1
      t=0 0
      m=audio 18862 RTP/AVP 9 0 8 101
      a=rtpmap:9 G722/8000
      a=rtpmap:0 PCMU/8000
      a=rtpmap:8 PCMA/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-16
      a=ptime:20
      a=sendrecv
      """);

  static final byte[] OK = crlf("""
      SIP/2.0 200 OK
      Via: SIP/2.0/UDP 10.10.0.1:5060;branch=z9hG4bK-lb0
      Via: SIP/2.0/UDP 10.20.0.1:5060;rport;branch=z9hG4bK-c0
      Record-Route: <sip:10.10.0.1;transport=udp;lr>
      From: "Caller 0" <sip:1000@pbx.example.com>;tag=305aec25
      To: <sip:2000@pbx.example.com>;tag=as6c3f0d2e
      Call-ID: 6f9b6dae6f4c57a8-0@10.20.0.1
      CSeq: 1 INVITE
      Contact: <sip:10.30.0.1:5060>
      Server: Asterisk PBX 20.5.0
      Content-Type: application/sdp
      Content-Length: 248

      v=0
      o=- 83756239 1 IN IP4 10.30.0.1
      s=call
      c=IN IP4 10.30.0.1
      t=0 0
      m=audio 13458 RTP/AVP 9 0 8 101
      a=rtpmap:9 G722/8000
      a=rtpmap:0 PCMU/8000
      a=rtpmap:8 PCMA/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-16
      a=ptime:20
      a=sendrecv
      """);

  static final byte[] ACK = crlf("""
      ACK sip:10.30.0.1:5060 SIP/2.0
      Via: SIP/2.0/UDP 10.20.0.1:5060;rport;branch=z9hG4bK-c0a
      Max-Forwards: 69
      From: "Caller 0" <sip:1000@pbx.example.com>;tag=305aec25
      To: <sip:2000@pbx.example.com>;tag=as6c3f0d2e
      Call-ID: 6f9b6dae6f4c57a8-0@10.20.0.1
      CSeq: 1 ACK
      Content-Length: 0

      """);

  static final byte[] RINGING = crlf("""
      SIP/2.0 180 Ringing
      Via: SIP/2.0/UDP 10.10.0.1:5060;branch=z9hG4bK-lb0
      Via: SIP/2.0/UDP 10.20.0.1:5060;rport;branch=z9hG4bK-c0
      Record-Route: <sip:10.10.0.1;transport=udp;lr>
      From: "Caller 0" <sip:1000@pbx.example.com>;tag=305aec25
      To: <sip:2000@pbx.example.com>;tag=as6c3f0d2e
      Call-ID: 6f9b6dae6f4c57a8-0@10.20.0.1
      CSeq: 1 INVITE
      Contact: <sip:10.30.0.1:5060>
      Server: Asterisk PBX 20.5.0
      Content-Length: 0

      """);

  private SampleMessages() {}

  private static byte[] crlf(String text) {
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Checks that {@code message} frames as exactly one complete message, so a typo cannot skew a benchmark. */
  static byte[] checked(byte[] message) {
    FrameResult r = new SipFramer().frameDatagram(message, 0, message.length);
    if (!r.isComplete() || r.length() != message.length) {
      throw new IllegalStateException("sample message does not frame whole: " + r);
    }
    return message;
  }
}
