package io.sipaudit.net;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Decodes HEP (Homer Encapsulation Protocol) packets: v3 ("HEP3", chunks) and v1/v2 (fixed headers).
 *
 * <p>The SIP payload comes out as a {@link Datagram} with the original addresses, ports, transport and
 * capture time carried in HEP, and the capture agent id. Example v3 chunks: family 2, protocol 17,
 * 10.0.0.1 -> 10.0.0.2, 5060 -> 5060, time 1764139200.000123, protocol type 1 (SIP), payload.
 * Non-SIP payloads (RTCP, logs) are counted. v1/v2 are recognised only on port 9060 or when their header
 * is self-consistent, to avoid taking random UDP for HEP.
 */
final class HepDecoder {
  static final int HEP_PORT = 9060;

  private HepDecoder() {
  }

  static boolean looksLikeHep(ByteBuffer p, int sport, int dport) {
    int n = p.remaining();
    if (n >= 6 && p.get(0) == 'H' && p.get(1) == 'E' && p.get(2) == 'P' && p.get(3) == '3') {
      return true;
    }
    if (n < 16) {
      return false;
    }
    int version = p.get(0) & 0xff;
    int length = p.get(1) & 0xff;
    int family = p.get(2) & 0xff;
    boolean lengthOk = switch (version) {
      case 1 -> length == 16 || length == 40;
      case 2 -> length == 26 || length == 28 || length == 50 || length == 52;
      default -> false;
    };
    return lengthOk && (family == 2 || family == 10) && length < n && (sport == HEP_PORT || dport == HEP_PORT);
  }

  /** Decodes one HEP packet (v1, v2 or v3) and emits its SIP payload. */
  static void decode(PacketRef ref, ByteBuffer p, NetStats stats, Consumer<NetEvent> out) {
    stats.add(NetCounter.HEP_PACKETS);
    if (p.get(0) == 'H') {
      v3(ref, p, stats, out);
    } else {
      v12(ref, p, stats, out);
    }
  }

  private static void v3(PacketRef ref, ByteBuffer p, NetStats stats, Consumer<NetEvent> out) {
    int total = Math.min(p.remaining(), p.getShort(4) & 0xffff);
    int family = 0;
    int proto = 17;
    int protocolType = 1;
    byte[] src = null;
    byte[] dst = null;
    int sport = 0;
    int dport = 0;
    long sec = -1;
    long usec = 0;
    Long agent = null;
    ByteBuffer payload = null;
    int at = 6;
    while (at + 6 <= total) {
      int vendor = p.getShort(at) & 0xffff;
      int type = p.getShort(at + 2) & 0xffff;
      int len = p.getShort(at + 4) & 0xffff;
      if (len < 6 || at + len > total) {
        stats.malformed("HEP3 chunk length " + len);
        return;
      }
      int v = at + 6;
      int vlen = len - 6;
      if (vendor == 0) {
        switch (type) {
          case 1 -> family = p.get(v) & 0xff;
          case 2 -> proto = p.get(v) & 0xff;
          case 3, 5 -> src = bytes(p, v, vlen);
          case 4, 6 -> dst = bytes(p, v, vlen);
          case 7 -> sport = p.getShort(v) & 0xffff;
          case 8 -> dport = p.getShort(v) & 0xffff;
          case 9 -> sec = p.getInt(v) & 0xffffffffL;
          case 10 -> usec = p.getInt(v) & 0xffffffffL;
          case 11 -> protocolType = p.get(v) & 0xff;
          case 12 -> agent = vlen >= 4 ? p.getInt(v) & 0xffffffffL : (long) (p.getShort(v) & 0xffff);
          case 15 -> payload = p.slice(v, vlen);
          default -> {
            // other chunks (auth key, correlation id, compressed payload, ...) are not needed
          }
        }
      }
      at += len;
    }
    if (protocolType != 1) {
      stats.add(NetCounter.HEP_NON_SIP);
      return;
    }
    if (payload == null || src == null || dst == null || (src.length != 4 && src.length != 16) || src.length != dst.length) {
      stats.malformed("HEP3 packet without SIP payload or addresses" + (family == 0 ? "" : ""));
      return;
    }
    Instant ts = sec >= 0 ? Instant.ofEpochSecond(sec, Math.min(usec, 999_999) * 1000) : ref.timestamp();
    out.accept(new Datagram(ref.withTimestamp(ts), Endpoint.of(src, sport), Endpoint.of(dst, dport),
        transportOf(proto), payload, agent));
  }

  private static void v12(PacketRef ref, ByteBuffer p, NetStats stats, Consumer<NetEvent> out) {
    int version = p.get(0) & 0xff;
    int length = p.get(1) & 0xff;
    int family = p.get(2) & 0xff;
    int proto = p.get(3) & 0xff;
    int sport = p.getShort(4) & 0xffff;
    int dport = p.getShort(6) & 0xffff;
    int addr = family == 2 ? 4 : 16;
    if (8 + 2 * addr > length) {
      stats.malformed("HEPv" + version + " header length " + length);
      return;
    }
    byte[] src = bytes(p, 8, addr);
    byte[] dst = bytes(p, 8 + addr, addr);
    Instant ts = ref.timestamp();
    Long agent = null;
    int time = 8 + 2 * addr;
    if (version == 2 && length >= time + 10) {
      long sec = p.getInt(time) & 0xffffffffL;
      long usec = p.getInt(time + 4) & 0xffffffffL;
      if (usec > 999_999) {   // sofia-sip writes the time fields in host order
        sec = Integer.reverseBytes((int) sec) & 0xffffffffL;
        usec = Integer.reverseBytes((int) usec) & 0xffffffffL;
      }
      if (usec <= 999_999) {
        ts = Instant.ofEpochSecond(sec, usec * 1000);
      }
      agent = (long) (p.getShort(time + 8) & 0xffff);
    }
    out.accept(new Datagram(ref.withTimestamp(ts), Endpoint.of(src, sport), Endpoint.of(dst, dport),
        transportOf(proto), p.slice(length, p.remaining() - length), agent));
  }

  private static Transport transportOf(int proto) {
    return switch (proto) {
      case 6 -> Transport.TCP;
      case 132 -> Transport.SCTP;
      case 22 -> Transport.TLS;   // sofia-sip marks TLS with IPPROTO_IDP
      default -> Transport.UDP;
    };
  }

  private static byte[] bytes(ByteBuffer p, int at, int n) {
    byte[] a = new byte[n];
    p.get(at, a);
    return a;
  }
}
