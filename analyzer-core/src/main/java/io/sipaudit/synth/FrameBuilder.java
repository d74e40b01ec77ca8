package io.sipaudit.synth;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Ethernet/IPv4/UDP and Ethernet/IPv4/TCP frames, and IPv4 fragments, for synthetic captures.
 *
 * <p>Example: {@code udp(ip(10,10,0,1), 5060, ip(10,30,0,1), 5060, payload, 7)} is a 14 + 20 + 8 + n byte
 * frame with a correct IPv4 header checksum and a zero UDP checksum (allowed on IPv4). TCP checksums are
 * left zero too, as on a capture host with checksum offload.
 */
final class FrameBuilder {
  static final int MTU = 1500;
  private static final byte[] MACS = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1};

  private FrameBuilder() {
  }

  static byte[] ip(int a, int b, int c, int d) {
    return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
  }

  static byte[] udp(byte[] src, int sport, byte[] dst, int dport, byte[] payload, int ipId) {
    ByteBuffer l4 = ByteBuffer.allocate(8 + payload.length);
    l4.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0);
    l4.put(payload);
    return ipv4(src, dst, 17, ipId, 0, false, l4.array(), 0, l4.capacity());
  }

  /** Splits a UDP datagram into IPv4 fragments that fit {@link #MTU}, in order. */
  static List<byte[]> udpFragments(byte[] src, int sport, byte[] dst, int dport, byte[] payload, int ipId) {
    ByteBuffer l4 = ByteBuffer.allocate(8 + payload.length);
    l4.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0);
    l4.put(payload);
    byte[] all = l4.array();
    int chunk = (MTU - 20) & ~7;
    List<byte[]> out = new ArrayList<>();
    for (int off = 0; off < all.length; off += chunk) {
      int n = Math.min(chunk, all.length - off);
      out.add(ipv4(src, dst, 17, ipId, off, off + n < all.length, all, off, n));
    }
    return out;
  }

  static byte[] tcp(byte[] src, int sport, byte[] dst, int dport, long seq, long ack, int flags, byte[] payload,
      int off, int len, int ipId) {
    ByteBuffer l4 = ByteBuffer.allocate(20 + len);
    l4.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
    l4.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
    l4.put(payload, off, len);
    return ipv4(src, dst, 6, ipId, 0, false, l4.array(), 0, l4.capacity());
  }

  private static byte[] ipv4(byte[] src, byte[] dst, int proto, int id, int fragOffset, boolean more, byte[] data,
      int off, int len) {
    ByteBuffer f = ByteBuffer.allocate(14 + 20 + len);
    f.put(MACS).putShort((short) 0x0800);
    int ip = f.position();
    f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + len)).putShort((short) id);
    f.putShort((short) ((more ? 0x2000 : 0) | (fragOffset / 8)));
    f.put((byte) 64).put((byte) proto).putShort((short) 0).put(src).put(dst);
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += f.getShort(ip + i) & 0xffff;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    f.putShort(ip + 10, (short) ~sum);
    f.put(data, off, len);
    return f.array();
  }
}
