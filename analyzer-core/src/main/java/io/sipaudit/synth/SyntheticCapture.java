package io.sipaudit.synth;

import io.sipaudit.capture.PcapWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Writes a realistic balancer capture of any size, streaming (memory follows the calls in flight).
 *
 * <p>Each call: client → balancer INVITE (with SDP), 100 Trying back, balancer → backend INVITE (one more Via,
 * Record-Route), 180 and 200 back over both legs, ACK, then after the hold time BYE and 200 over both legs:
 * 14 SIP messages. Every second the balancer sends OPTIONS to each backend and gets 200. TCP calls use
 * persistent connections (client ↔ balancer, balancer ↔ backend, opened with a handshake) and sometimes
 * split a message over two segments; fragmented calls carry a 2.5 kB SDP. Round-robin picks the backend.
 */
public final class SyntheticCapture {
  private static final byte[] LB = FrameBuilder.ip(10, 10, 0, 1);
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final int TCP_CLIENTS = 50;

  /** A frame to write at {@code nanos}: ready bytes, or a TCP payload whose sequence number is set when written. */
  private record Pending(long nanos, long seq, byte[] frame, @Nullable TcpSend tcp) {
    Pending(long nanos, long seq, byte[] frame) {
      this(nanos, seq, frame, null);
    }
  }

  private record TcpSend(byte[] src, int sport, byte[] dst, int dport, byte[] payload) {}

  private final SynthConfig config;
  private final SplittableRandom random;
  /** The time of the last frame of any call so far. */
  private long lastScheduled;
  private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> a.nanos != b.nanos
      ? Long.compare(a.nanos, b.nanos) : Long.compare(a.seq, b.seq));
  private final Map<String, long[]> tcpSeq = new HashMap<>();
  private long order;
  private int ipId;
  private long frames;

  private SyntheticCapture(SynthConfig config) {
    this.config = config;
    this.random = new SplittableRandom(config.seed());
  }

  /** Writes the capture to {@code file} (gzip when the name ends in .gz) and returns the number of frames. */
  public static long write(Path file, SynthConfig config) {
    SyntheticCapture s = new SyntheticCapture(config);
    try (PcapWriter w = PcapWriter.create(file, 1, PcapWriter.Precision.MICROS,
        file.getFileName().toString().endsWith(".gz"))) {
      s.run(w);
    }
    return s.frames;
  }

  private void run(PcapWriter w) {
    long interval = (long) (1e9 / config.callsPerSecond());
    long nextOptions = 0;
    for (long call = 0; call < config.calls(); call++) {
      long t = call * interval;
      while (nextOptions <= t) {
        options(nextOptions);
        nextOptions += 1_000_000_000L;
      }
      call(call, t);
      flush(w, t);
    }
    while (nextOptions <= lastScheduled) {   // the balancer keeps probing until the last call has ended
      options(nextOptions);
      nextOptions += 1_000_000_000L;
    }
    flush(w, Long.MAX_VALUE);
  }

  private void flush(PcapWriter w, long before) {
    while (!queue.isEmpty() && queue.peek().nanos < before) {
      Pending p = queue.poll();
      if (p.tcp != null) {
        for (byte[] f : tcpFrames(p.tcp)) {
          w.write(START.plusNanos(p.nanos), f);
          frames++;
        }
        continue;
      }
      w.write(START.plusNanos(p.nanos), p.frame);
      frames++;
    }
  }

  private void options(long t) {
    for (int b = 0; b < config.backends(); b++) {
      byte[] be = backend(b);
      String branch = "z9hG4bK" + Long.toHexString(random.nextLong());
      String callId = Long.toHexString(random.nextLong()) + "@10.10.0.1";
      String opt = "OPTIONS sip:" + dotted(be) + ":5060 SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 10.10.0.1:5060;branch=" + branch + "\r\n"
          + "From: <sip:balancer@10.10.0.1>;tag=" + Long.toHexString(random.nextLong()) + "\r\n"
          + "To: <sip:" + dotted(be) + ":5060>\r\nCall-ID: " + callId + "\r\nCSeq: 10 OPTIONS\r\n"
          + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
      String ok = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.10.0.1:5060;branch=" + branch + "\r\n"
          + "From: <sip:balancer@10.10.0.1>\r\nTo: <sip:" + dotted(be) + ":5060>;tag=be" + b + "\r\n"
          + "Call-ID: " + callId + "\r\nCSeq: 10 OPTIONS\r\nServer: Asterisk PBX 20.5.0\r\nContent-Length: 0\r\n\r\n";
      udp(t, LB, 5060, be, 5060, opt);
      udp(t + 400_000, be, 5060, LB, 5060, ok);
    }
  }

  private void call(long n, long t) {
    boolean tcp = random.nextDouble() < config.tcpShare();
    boolean big = !tcp && random.nextDouble() < config.fragmentShare();
    int client = (int) (n % (tcp ? TCP_CLIENTS : 4000));
    byte[] cl = FrameBuilder.ip(10, 20, client / 250, client % 250 + 1);
    int cport = tcp ? 40000 + client : 5060;
    byte[] be = backend((int) (n % config.backends()));
    String proto = tcp ? "TCP" : "UDP";
    String callId = Long.toHexString(random.nextLong()) + "-" + n + "@" + dotted(cl);
    String ftag = Long.toHexString(random.nextInt() & 0xffffffffL);
    String ttag = "as" + Long.toHexString(random.nextInt() & 0xffffffffL);
    String b1 = "z9hG4bK-c" + n;
    String b2 = "z9hG4bK-lb" + n;
    String from = "\"Caller " + n + "\" <sip:" + (1000 + n % 9000) + "@pbx.example.com>;tag=" + ftag;
    String to = "<sip:" + (2000 + n % 7000) + "@pbx.example.com>";
    String ruri = "sip:" + (2000 + n % 7000) + "@pbx.example.com";
    String rr = "Record-Route: <sip:10.10.0.1;transport=" + proto.toLowerCase() + ";lr>\r\n";
    String sdp = sdp(cl, big);
    String viaC = "Via: SIP/2.0/" + proto + " " + dotted(cl) + ":" + cport + ";rport;branch=" + b1 + "\r\n";
    String viaL = "Via: SIP/2.0/" + proto + " 10.10.0.1:5060;branch=" + b2 + "\r\n";
    String common = "From: " + from + "\r\nTo: " + to + "\r\nCall-ID: " + callId + "\r\n";
    String invite = "INVITE " + ruri + " SIP/2.0\r\n" + viaC + "Max-Forwards: 70\r\n" + common
        + "CSeq: 1 INVITE\r\nContact: <sip:" + (1000 + n % 9000) + "@" + dotted(cl) + ":" + cport + ">\r\n"
        + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE\r\nSupported: replaces, timer\r\n"
        + "User-Agent: Yealink SIP-T46U 108.86.0.20\r\nContent-Type: application/sdp\r\nContent-Length: "
        + sdp.length() + "\r\n\r\n" + sdp;
    String relayed = "INVITE " + ruri + " SIP/2.0\r\n" + rr + viaL + viaC + "Max-Forwards: 69\r\n" + common
        + "CSeq: 1 INVITE\r\nContact: <sip:" + (1000 + n % 9000) + "@" + dotted(cl) + ":" + cport + ">\r\n"
        + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE\r\nSupported: replaces, timer\r\n"
        + "User-Agent: Yealink SIP-T46U 108.86.0.20\r\nContent-Type: application/sdp\r\nContent-Length: "
        + sdp.length() + "\r\n\r\n" + sdp;
    String toTagged = "From: " + from + "\r\nTo: " + to + ";tag=" + ttag + "\r\nCall-ID: " + callId + "\r\n";
    String answerSdp = sdp(be, false);
    String ringing = "SIP/2.0 180 Ringing\r\n" + viaL + viaC + rr + toTagged + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:" + dotted(be) + ":5060>\r\nServer: Asterisk PBX 20.5.0\r\nContent-Length: 0\r\n\r\n";
    String ok = "SIP/2.0 200 OK\r\n" + viaL + viaC + rr + toTagged + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:" + dotted(be) + ":5060>\r\nServer: Asterisk PBX 20.5.0\r\nContent-Type: application/sdp\r\n"
        + "Content-Length: " + answerSdp.length() + "\r\n\r\n" + answerSdp;
    String trying = "SIP/2.0 100 Trying\r\n" + viaC + common + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    long ms = 1_000_000L;
    send(tcp, t, cl, cport, LB, invite);
    send(tcp, t + ms / 2, LB, 5060, cl, cport, trying);
    send(tcp, t + ms, LB, 5060, be, 5060, relayed);
    send(tcp, t + 3 * ms, be, 5060, LB, 5060, ringing);
    send(tcp, t + 4 * ms, LB, 5060, cl, cport, strip(ringing, viaL, rr));
    long answer = t + 5 * ms + (long) (random.nextDouble() * 2e9);   // after the 180, never before the INVITE
    send(tcp, answer, be, 5060, LB, 5060, ok);
    send(tcp, answer + ms, LB, 5060, cl, cport, strip(ok, viaL, rr));
    String routeSet = "Route: <sip:10.10.0.1;transport=" + proto.toLowerCase() + ";lr>\r\n";
    String ack = "ACK sip:" + dotted(be) + ":5060 SIP/2.0\r\n" + viaC.replace(b1, b1 + "a") + routeSet
        + "Max-Forwards: 70\r\n" + toTagged + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    send(tcp, answer + 2 * ms, cl, cport, LB, ack);
    send(tcp, answer + 3 * ms, LB, 5060, be, 5060, strip(ack, routeSet, "").replace("Max-Forwards: 70", "Max-Forwards: 69"));
    long bye = answer + (long) (config.holdSeconds() * 1e9);
    String byeMsg = "BYE sip:" + dotted(be) + ":5060 SIP/2.0\r\n" + viaC.replace(b1, b1 + "b") + routeSet
        + "Max-Forwards: 70\r\n" + toTagged + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
    String byeOk = "SIP/2.0 200 OK\r\n" + viaL.replace(b2, b2 + "b") + viaC.replace(b1, b1 + "b") + toTagged
        + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
    send(tcp, bye, cl, cport, LB, byeMsg);
    send(tcp, bye + ms, LB, 5060, be, 5060, strip(byeMsg, routeSet, "").replace("Via:", viaL.replace(b2, b2 + "b") + "Via:"));
    send(tcp, bye + 3 * ms, be, 5060, LB, 5060, byeOk);
    send(tcp, bye + 4 * ms, LB, 5060, cl, cport, strip(byeOk, viaL.replace(b2, b2 + "b"), ""));
    lastScheduled = Math.max(lastScheduled, bye + 4 * ms);
  }

  private void send(boolean tcp, long t, byte[] src, int sport, byte[] dst, String msg) {
    send(tcp, t, src, sport, dst, 5060, msg);
  }

  private void send(boolean tcp, long t, byte[] src, int sport, byte[] dst, int dport, String msg) {
    if (tcp) {
      tcpSend(t, src, sport, dst, dport, msg.getBytes(StandardCharsets.US_ASCII));
    } else {
      udp(t, src, sport, dst, dport, msg);
    }
  }

  private void udp(long t, byte[] src, int sport, byte[] dst, int dport, String msg) {
    byte[] payload = msg.getBytes(StandardCharsets.US_ASCII);
    if (payload.length + 28 > FrameBuilder.MTU) {
      long dt = 0;
      for (byte[] frag : FrameBuilder.udpFragments(src, sport, dst, dport, payload, nextId())) {
        queue.add(new Pending(t + dt, order++, frag));
        dt += 1000;
      }
      return;
    }
    queue.add(new Pending(t, order++, FrameBuilder.udp(src, sport, dst, dport, payload, nextId())));
  }

  private void tcpSend(long t, byte[] src, int sport, byte[] dst, int dport, byte[] payload) {
    queue.add(new Pending(t, order++, new byte[0], new TcpSend(src, sport, dst, dport, payload)));
  }

  /** Builds the segments of one TCP send in write order: the handshake first if the connection is new. */
  private java.util.List<byte[]> tcpFrames(TcpSend s) {
    java.util.List<byte[]> out = new java.util.ArrayList<>(4);
    String key = dotted(s.src) + ":" + s.sport + ">" + dotted(s.dst) + ":" + s.dport;
    long[] seq = tcpSeq.get(key);
    if (seq == null) {
      String reverse = dotted(s.dst) + ":" + s.dport + ">" + dotted(s.src) + ":" + s.sport;
      long isnA = random.nextInt() & 0xffffffffL;
      long isnB = random.nextInt() & 0xffffffffL;
      out.add(FrameBuilder.tcp(s.src, s.sport, s.dst, s.dport, isnA, 0, 0x02, new byte[0], 0, 0, nextId()));
      out.add(FrameBuilder.tcp(s.dst, s.dport, s.src, s.sport, isnB, isnA + 1, 0x12, new byte[0], 0, 0, nextId()));
      out.add(FrameBuilder.tcp(s.src, s.sport, s.dst, s.dport, isnA + 1, isnB + 1, 0x10, new byte[0], 0, 0, nextId()));
      seq = new long[] {isnA + 1, isnB + 1};
      tcpSeq.put(key, seq);
      tcpSeq.put(reverse, new long[] {isnB + 1, isnA + 1});
    }
    long ack = tcpSeq.get(dotted(s.dst) + ":" + s.dport + ">" + dotted(s.src) + ":" + s.sport)[0];
    byte[] p = s.payload;
    int split = p.length > 400 && random.nextDouble() < 0.1 ? p.length / 2 : p.length;
    out.add(FrameBuilder.tcp(s.src, s.sport, s.dst, s.dport, seq[0], ack, 0x18, p, 0, split, nextId()));
    if (split < p.length) {
      out.add(FrameBuilder.tcp(s.src, s.sport, s.dst, s.dport, seq[0] + split, ack, 0x18, p, split, p.length - split, nextId()));
    }
    seq[0] += p.length;
    return out;
  }

  private static String strip(String msg, String line1, String line2) {
    String s = msg.replace(line1, "");
    return line2.isEmpty() ? s : s.replace(line2, "");
  }

  private String sdp(byte[] host, boolean big) {
    StringBuilder s = new StringBuilder("v=0\r\no=- ").append(random.nextInt(1 << 30)).append(" 1 IN IP4 ")
        .append(dotted(host)).append("\r\ns=call\r\nc=IN IP4 ").append(dotted(host))
        .append("\r\nt=0 0\r\nm=audio ").append(10000 + 2 * random.nextInt(10000))
        .append(" RTP/AVP 9 0 8 101\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n")
        .append("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n");
    if (big) {
      for (int i = 0; i < 30; i++) {
        s.append("a=crypto:").append(i + 1).append(" AES_CM_128_HMAC_SHA1_80 inline:")
            .append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong())).append("\r\n");
      }
    }
    return s.toString();
  }

  private static byte[] backend(int b) {
    return FrameBuilder.ip(10, 30, 0, b + 1);
  }

  private static String dotted(byte[] ip) {
    return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
  }

  private int nextId() {
    ipId = (ipId + 1) & 0xffff;
    return ipId;
  }
}
