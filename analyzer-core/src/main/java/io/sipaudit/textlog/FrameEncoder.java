package io.sipaudit.textlog;

import io.sipaudit.net.Endpoint;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Builds synthetic Ethernet frames around a payload: IPv4 or IPv6, then UDP or TCP, with correct checksums.
 *
 * <p>Example: {@code udp(192.0.2.10:5060, 203.0.113.5:5060, payload)} is 14 + 20 + 8 + n bytes, EtherType 0x0800,
 * TTL 64, DF set, the IPv4 and UDP checksums filled in. The MAC addresses are the fixed, locally administered
 * {@code 02:00:00:00:00:01} (source) and {@code 02:00:00:00:00:02}. When one side is IPv4 and the other IPv6,
 * the IPv4 address is written IPv4-mapped ({@code ::ffff:a.b.c.d}).
 */
final class FrameEncoder {
  static final int UDP = 17;
  static final int TCP = 6;
  private static final byte[] MACS = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1};

  private FrameEncoder() {}

  /** Returns the Ethernet frame of a UDP datagram. */
  static byte[] udp(Endpoint src, Endpoint dst, byte[] payload) {
    ByteBuffer l4 = ByteBuffer.allocate(8 + payload.length);
    l4.putShort((short) src.port()).putShort((short) dst.port()).putShort((short) (8 + payload.length))
        .putShort((short) 0).put(payload);
    return frame(src.address(), dst.address(), UDP, l4.array(), 6);
  }

  /** Returns the Ethernet frame of a TCP segment with PSH and ACK set. */
  static byte[] tcp(Endpoint src, Endpoint dst, long seq, long ack, byte[] payload) {
    ByteBuffer l4 = ByteBuffer.allocate(20 + payload.length);
    l4.putShort((short) src.port()).putShort((short) dst.port()).putInt((int) seq).putInt((int) ack)
        .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0)
        .put(payload);
    return frame(src.address(), dst.address(), TCP, l4.array(), 16);
  }

  /** Returns the IP header plus the L4 bytes, without the Ethernet header (what {@code tcpdump -A} prints). */
  static byte[] ipPacket(byte[] frame) {
    byte[] ip = new byte[frame.length - 14];
    System.arraycopy(frame, 14, ip, 0, ip.length);
    return ip;
  }

  private static byte[] frame(InetAddress src, InetAddress dst, int protocol, byte[] l4, int checksumAt) {
    boolean v6 = src instanceof Inet6Address || dst instanceof Inet6Address;
    byte[] s = v6 ? v6(src) : src.getAddress();
    byte[] d = v6 ? v6(dst) : dst.getAddress();
    int ipLength = (v6 ? 40 : 20) + l4.length;
    ByteBuffer f = ByteBuffer.allocate(14 + ipLength);
    f.put(MACS).putShort((short) (v6 ? 0x86DD : 0x0800));
    if (v6) {
      f.putInt(0x6000_0000).putShort((short) l4.length).put((byte) protocol).put((byte) 64).put(s).put(d);
    } else {
      int ip = f.position();
      f.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
          .put((byte) 64).put((byte) protocol).putShort((short) 0).put(s).put(d);
      f.putShort(ip + 10, checksum(f.array(), ip, 20, 0));
    }
    long pseudo = sum(s) + sum(d) + protocol + l4.length;
    short c = checksum(l4, 0, l4.length, pseudo);
    ByteBuffer.wrap(l4).putShort(checksumAt, protocol == UDP && c == 0 ? (short) 0xFFFF : c);
    f.put(l4);
    return f.array();
  }

  private static byte[] v6(InetAddress a) {
    if (a instanceof Inet4Address) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
      return mapped;
    }
    return a.getAddress();
  }

  private static long sum(byte[] b) {
    long s = 0;
    for (int i = 0; i < b.length; i += 2) {
      s += ((b[i] & 0xff) << 8) | (i + 1 < b.length ? b[i + 1] & 0xff : 0);
    }
    return s;
  }

  /** The Internet checksum (RFC 1071) of {@code b[off, off+len)} plus {@code initial}. */
  private static short checksum(byte[] b, int off, int len, long initial) {
    long s = initial;
    for (int i = 0; i < len; i += 2) {
      s += ((b[off + i] & 0xff) << 8) | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
    }
    while ((s >> 16) != 0) {
      s = (s & 0xffff) + (s >> 16);
    }
    return (short) ~s;
  }
}
