package io.sipaudit.testing;

import io.sipaudit.capture.CapturedFrame;
import io.sipaudit.net.NetDecoder;
import io.sipaudit.net.NetEvent;
import io.sipaudit.net.StreamData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared test fixtures: builds packets layer by layer ({@code eth(ipv4(a, b, udp(5060, 5060, "INVITE ...")))}). */
public final class Packets {
  public static final byte[] A = {10, 0, 0, 1};
  public static final byte[] B = {10, 0, 0, 2};
  public static final byte[] A6 = v6(1);
  public static final byte[] B6 = v6(2);

  private Packets() {
  }

  public static byte[] v6(int last) {
    byte[] a = new byte[16];
    a[0] = 0x20;
    a[1] = 0x01;
    a[2] = 0x0d;
    a[3] = (byte) 0xb8;
    a[15] = (byte) last;
    return a;
  }

  public static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  public static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  public static byte[] u16(int v) {
    return bytes(v >> 8, v);
  }

  public static byte[] u32(long v) {
    return bytes((int) (v >> 24), (int) (v >> 16), (int) (v >> 8), (int) v);
  }

  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] eth(int etherType, byte[] payload) {
    return cat(bytes(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1), u16(etherType), payload);
  }

  public static byte[] eth(byte[] ipPacket) {
    return eth((ipPacket[0] & 0xf0) == 0x60 ? 0x86DD : 0x0800, ipPacket);
  }

  /** One VLAN tag's body, after its TPID: the TCI (here just the VLAN id) and the next ethertype. */
  public static byte[] vlan(int vid, int nextType, byte[] payload) {
    return cat(u16(vid), u16(nextType), payload);
  }

  public static byte[] ipv4(byte[] src, byte[] dst, int proto, byte[] payload) {
    return ipv4(src, dst, proto, 1, 0, false, payload);
  }

  public static byte[] ipv4(byte[] src, byte[] dst, int proto, int id, int fragOffset, boolean more, byte[] payload) {
    return cat(bytes(0x45, 0), u16(20 + payload.length), u16(id), u16((more ? 0x2000 : 0) | fragOffset / 8),
        bytes(64, proto, 0, 0), src, dst, payload);
  }

  public static byte[] ipv6(byte[] src, byte[] dst, int next, byte[] payload) {
    return cat(bytes(0x60, 0, 0, 0), u16(payload.length), bytes(next, 64), src, dst, payload);
  }

  public static byte[] udp(int sport, int dport, byte[] payload) {
    return cat(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
  }

  public static byte[] udp(int sport, int dport, String payload) {
    return udp(sport, dport, ascii(payload));
  }

  public static byte[] tcp(int sport, int dport, long seq, int flags, byte[] payload) {
    return cat(u16(sport), u16(dport), u32(seq), u32(0), bytes(0x50, flags), u16(65535), u16(0), u16(0), payload);
  }

  public static CapturedFrame frame(long number, int linkType, byte[] data) {
    return new CapturedFrame(number, Instant.ofEpochSecond(1_700_000_000L, number * 1000), linkType, data.length,
        ByteBuffer.wrap(data), 0, number * 100);
  }

  /** Decodes frames (link type 1 unless given) and returns every event. */
  public static List<NetEvent> decode(NetDecoder d, int linkType, byte[]... frames) {
    List<NetEvent> out = new ArrayList<>();
    long n = 1;
    for (byte[] f : frames) {
      d.decode("test.pcap", frame(n++, linkType, f), out::add);
    }
    d.finish(out::add);
    return out;
  }

  public static String text(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return new String(a, StandardCharsets.ISO_8859_1);
  }

  /** Concatenates the data of every StreamData event of {@code flow}. */
  public static String streamText(List<NetEvent> events) {
    StringBuilder s = new StringBuilder();
    for (NetEvent e : events) {
      if (e instanceof StreamData d) {
        s.append(text(d.data()));
      }
    }
    return s.toString();
  }
}
