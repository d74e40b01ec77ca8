package io.sipaudit.net;

import io.sipaudit.capture.CapturedFrame;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Decodes captured frames into {@link NetEvent}s: link layer, IP (with reassembly), tunnels, UDP, TCP, SCTP.
 *
 * <p>Example: an Ethernet frame {@code 02:.. -> 02:.., 802.1Q 10, IPv4 127.0.1.100 -> 127.0.1.1, UDP
 * 5060 -> 5060, 709 bytes} yields one {@link Datagram} with the 709 payload bytes. Nothing here throws on bad
 * packets: they are counted in {@link #stats()} by kind. One instance per capture stream; not thread-safe.
 */
public final class NetDecoder {
  private static final int MAX_DEPTH = 8;
  static final int VXLAN_PORT = 4789;

  private final NetStats stats = new NetStats();
  private final IpDefragmenter defragmenter = new IpDefragmenter(stats);
  private final TcpReassembler tcp = new TcpReassembler(stats);
  private final EndpointCache endpoints = new EndpointCache();
  private final SctpDecoder sctp = new SctpDecoder(stats, endpoints);
  private PacketRef lastRef = new PacketRef("", 1, 0, Instant.EPOCH);

  /** Returns the counters; complete after {@link #finish}. */
  public NetStats stats() {
    return stats;
  }

  /** Decodes one frame of {@code source}, handing what it yields to {@code out}. */
  public void decode(String source, CapturedFrame frame, Consumer<NetEvent> out) {
    stats.add(NetCounter.FRAMES);
    if (frame.truncated()) {
      stats.add(NetCounter.TRUNCATED_FRAMES);
    }
    PacketRef ref = new PacketRef(source, frame.number(), frame.fileOffset(), frame.timestamp());
    lastRef = ref;
    ByteBuffer b = frame.data();
    link(ref, frame.linkType(), b, 0, b.limit(), 0, out);
  }

  /** Flushes reassembly state at the end of the input: pending TCP data, incomplete fragments. */
  public void finish(Consumer<NetEvent> out) {
    tcp.finish(lastRef, out);
    defragmenter.finish();
  }

  private void link(PacketRef ref, int linkType, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    switch (linkType) {
      case 1 -> ethernet(ref, b, off, end, depth, out);
      case 101, 12, 14, 228, 229 -> ip(ref, b, off, end, depth, out);
      case 113 -> {
        if (end - off < 16) {
          stats.malformed("Linux SLL header shorter than 16 bytes");
          return;
        }
        etherType(ref, u16(b, off + 14), b, off + 16, end, depth, out);
      }
      case 276 -> {
        if (end - off < 20) {
          stats.malformed("Linux SLL2 header shorter than 20 bytes");
          return;
        }
        etherType(ref, u16(b, off), b, off + 20, end, depth, out);
      }
      case 0, 108 -> loopback(ref, linkType, b, off, end, depth, out);
      case 9, 50 -> ppp(ref, b, off, end, depth, out);
      case 104 -> {   // Cisco HDLC: address, control, then an ethertype
        if (end - off < 4) {
          stats.malformed("Cisco HDLC header shorter than 4 bytes");
          return;
        }
        etherType(ref, u16(b, off + 2), b, off + 4, end, depth, out);
      }
      default -> stats.unknownLinkType(linkType);
    }
  }

  /** BSD NULL (address family in the capturing host's byte order) and OpenBSD LOOP (network order). */
  private void loopback(PacketRef ref, int linkType, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    if (end - off < 4) {
      stats.malformed("loopback header shorter than 4 bytes");
      return;
    }
    int be = b.getInt(off);
    int family = linkType == 108 || (be & 0xffff) != 0 ? be : Integer.reverseBytes(be);
    switch (family) {
      case 2, 24, 28, 30, 10, 23, 26 -> ip(ref, b, off + 4, end, depth, out);
      default -> stats.notDecoded("loopback address family " + family);
    }
  }

  private void ethernet(PacketRef ref, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    if (end - off < 14) {
      stats.malformed("Ethernet header shorter than 14 bytes");
      return;
    }
    etherType(ref, u16(b, off + 12), b, off + 14, end, depth, out);
  }

  private void etherType(PacketRef ref, int type, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    int t = type;
    int p = off;
    while (t == 0x8100 || t == 0x88A8 || t == 0x9100) {   // 802.1Q / 802.1ad / old QinQ: tag stack
      if (end - p < 4) {
        stats.malformed("VLAN tag cut short");
        return;
      }
      t = u16(b, p + 2);
      p += 4;
    }
    switch (t) {
      case 0x0800, 0x86DD -> ip(ref, b, p, end, depth, out);
      case 0x8847, 0x8848 -> mpls(ref, b, p, end, depth, out);
      case 0x8864 -> pppoe(ref, b, p, end, depth, out);
      default -> stats.notDecoded(t < 0x0600 ? "IEEE 802.3 / LLC frame" : String.format("ethertype 0x%04x", t));
    }
  }

  private void mpls(PacketRef ref, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    int p = off;
    while (end - p >= 4) {
      boolean bottom = (b.get(p + 2) & 1) != 0;
      p += 4;
      if (bottom) {
        stats.tunnel("MPLS");
        ip(ref, b, p, end, depth, out);
        return;
      }
    }
    stats.malformed("MPLS label stack without bottom");
  }

  private void pppoe(PacketRef ref, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    if (end - off < 8) {
      stats.malformed("PPPoE header cut short");
      return;
    }
    ppp(ref, b, off + 6, end, depth, out);
  }

  /**
   * A PPP frame (RFC 1661): the HDLC-like address and control bytes {@code ff 03} when present (RFC 1662), then
   * the protocol, one byte when compressed (RFC 1661 §6.5: odd first byte); IPv4 is {@code 0021}, IPv6 {@code 0057}.
   * Example: {@code ff 03 00 21 45 ...} and {@code 21 45 ...} are both IPv4.
   */
  private void ppp(PacketRef ref, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    int p = off;
    if (end - p >= 2 && (b.get(p) & 0xFF) == 0xFF && b.get(p + 1) == 0x03) {
      p += 2;
    }
    if (end - p < 1) {
      stats.malformed("PPP header cut short");
      return;
    }
    int proto;
    if ((b.get(p) & 1) != 0) {
      proto = b.get(p) & 0xFF;
      p += 1;
    } else if (end - p >= 2) {
      proto = u16(b, p);
      p += 2;
    } else {
      stats.malformed("PPP header cut short");
      return;
    }
    if (proto == 0x0021 || proto == 0x0057) {
      ip(ref, b, p, end, depth, out);
    } else {
      stats.notDecoded(String.format("PPP protocol 0x%04x", proto));
    }
  }

  void ip(PacketRef ref, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    if (depth > MAX_DEPTH) {
      stats.malformed("tunnels nested deeper than " + MAX_DEPTH);
      return;
    }
    if (end - off < 1) {
      stats.malformed("empty IP packet");
      return;
    }
    int version = (b.get(off) & 0xff) >> 4;
    if (version == 4) {
      ipv4(ref, b, off, end, depth, out);
    } else if (version == 6) {
      ipv6(ref, b, off, end, depth, out);
    } else {
      stats.malformed("IP version " + version);
    }
  }

  private void ipv4(PacketRef ref, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    if (end - off < 20) {
      stats.malformed("IPv4 header shorter than 20 bytes");
      return;
    }
    stats.add(NetCounter.IPV4_PACKETS);
    int ihl = (b.get(off) & 0x0f) * 4;
    int total = u16(b, off + 2);
    if (ihl < 20 || total < ihl) {
      stats.malformed("IPv4 header length " + ihl + " / total length " + total);
      return;
    }
    int stop = Math.min(end, off + total);   // drops Ethernet padding; a snaplen cut keeps what is there
    int flagsFrag = u16(b, off + 6);
    boolean more = (flagsFrag & 0x2000) != 0;
    int fragOffset = (flagsFrag & 0x1fff) * 8;
    int proto = b.get(off + 9) & 0xff;
    byte[] src = bytes(b, off + 12, 4);
    byte[] dst = bytes(b, off + 16, 4);
    int payload = off + ihl;
    if (payload > stop) {
      stats.malformed("IPv4 options cut short");
      return;
    }
    if (more || fragOffset > 0) {
      if (stop < off + total) {
        stats.malformed("IPv4 fragment cut by snaplen");
        return;
      }
      IpDefragmenter.Key key = new IpDefragmenter.Key(inet(src), inet(dst), proto, u16(b, off + 4));
      ByteBuffer whole = defragmenter.add(key, fragOffset, more, b.slice(payload, stop - payload), ref.timestamp());
      if (whole != null) {
        transport(ref, proto, src, dst, whole, 0, whole.limit(), depth, out);
      }
      return;
    }
    transport(ref, proto, src, dst, b, payload, stop, depth, out);
  }

  private void ipv6(PacketRef ref, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    if (end - off < 40) {
      stats.malformed("IPv6 header shorter than 40 bytes");
      return;
    }
    stats.add(NetCounter.IPV6_PACKETS);
    int payloadLength = u16(b, off + 4);
    int stop = payloadLength == 0 ? end : Math.min(end, off + 40 + payloadLength);   // 0: jumbogram
    int next = b.get(off + 6) & 0xff;
    byte[] src = bytes(b, off + 8, 16);
    byte[] dst = bytes(b, off + 24, 16);
    int p = off + 40;
    while (true) {
      switch (next) {
        case 0, 43, 60 -> {   // hop-by-hop, routing, destination options
          if (stop - p < 8) {
            stats.malformed("IPv6 extension header cut short");
            return;
          }
          int len = ((b.get(p + 1) & 0xff) + 1) * 8;
          next = b.get(p) & 0xff;
          p += len;
        }
        case 51 -> {   // authentication header: length in 4-byte units, minus 2
          if (stop - p < 8) {
            stats.malformed("IPv6 AH cut short");
            return;
          }
          int len = ((b.get(p + 1) & 0xff) + 2) * 4;
          next = b.get(p) & 0xff;
          p += len;
        }
        case 44 -> {   // fragment header
          if (stop - p < 8) {
            stats.malformed("IPv6 fragment header cut short");
            return;
          }
          int nh = b.get(p) & 0xff;
          int offMore = u16(b, p + 2);
          long id = b.getInt(p + 4) & 0xffffffffL;
          int fragOffset = offMore & 0xfff8;
          boolean more = (offMore & 1) != 0;
          p += 8;
          if (p > stop) {
            stats.malformed("IPv6 fragment cut short");
            return;
          }
          if (fragOffset == 0 && !more) {   // atomic fragment
            next = nh;
            continue;
          }
          IpDefragmenter.Key key = new IpDefragmenter.Key(inet(src), inet(dst), nh, id);
          ByteBuffer whole = defragmenter.add(key, fragOffset, more, b.slice(p, stop - p), ref.timestamp());
          if (whole != null) {
            transport(ref, nh, src, dst, whole, 0, whole.limit(), depth, out);
          }
          return;
        }
        default -> {
          if (p > stop) {
            stats.malformed("IPv6 extension headers run past the packet");
            return;
          }
          transport(ref, next, src, dst, b, p, stop, depth, out);
          return;
        }
      }
    }
  }

  private void transport(PacketRef ref, int proto, byte[] src, byte[] dst, ByteBuffer b, int off, int end,
      int depth, Consumer<NetEvent> out) {
    switch (proto) {
      case 17 -> udp(ref, src, dst, b, off, end, depth, out);
      case 6 -> tcp(ref, src, dst, b, off, end, out);
      case 132 -> sctp.decode(ref, src, dst, b, off, end, out);
      case 4 -> {
        stats.tunnel("IP-in-IP");
        ip(ref, b, off, end, depth + 1, out);
      }
      case 41 -> {
        stats.tunnel(src.length == 4 ? "IPv6-in-IPv4" : "IPv6-in-IPv6");
        ip(ref, b, off, end, depth + 1, out);
      }
      case 47 -> gre(ref, b, off, end, depth, out);
      default -> stats.notDecoded("IP protocol " + proto + ipProtocolName(proto));
    }
  }

  private static String ipProtocolName(int proto) {
    return switch (proto) {
      case 1 -> " (ICMP)";
      case 2 -> " (IGMP)";
      case 50 -> " (ESP)";
      case 58 -> " (ICMPv6)";
      case 59 -> " (no next header)";
      case 89 -> " (OSPF)";
      case 112 -> " (VRRP)";
      default -> "";
    };
  }

  /** GRE (RFC 2784/2890), including ERSPAN type I/II (0x88BE) and III (0x22EB), and bridged Ethernet. */
  private void gre(PacketRef ref, ByteBuffer b, int off, int end, int depth, Consumer<NetEvent> out) {
    if (end - off < 4) {
      stats.malformed("GRE header cut short");
      return;
    }
    int flags = u16(b, off);
    int proto = u16(b, off + 2);
    int p = off + 4;
    boolean seq = (flags & 0x1000) != 0;
    if ((flags & 0x8000) != 0) {
      p += 4;   // checksum + reserved
    }
    if ((flags & 0x2000) != 0) {
      p += 4;   // key
    }
    if (seq) {
      p += 4;
    }
    if ((flags & 0x0007) == 1 && (flags & 0x0080) != 0) {
      p += 4;   // enhanced GRE (version 1, PPTP, RFC 2637 §4.1): acknowledgment number
    }
    if (p > end) {
      stats.malformed("GRE header cut short");
      return;
    }
    switch (proto) {
      case 0x0800, 0x86DD -> {
        stats.tunnel("GRE");
        ip(ref, b, p, end, depth + 1, out);
      }
      case 0x880B -> {   // PPTP carries PPP
        stats.tunnel("GRE/PPP");
        ppp(ref, b, p, end, depth + 1, out);
      }
      case 0x6558 -> {
        stats.tunnel("GRE/TEB");
        ethernet(ref, b, p, end, depth + 1, out);
      }
      case 0x88BE -> {
        if (!seq) {   // ERSPAN type I: no ERSPAN header
          stats.tunnel("GRE/ERSPAN-I");
          ethernet(ref, b, p, end, depth + 1, out);
        } else {
          stats.tunnel("GRE/ERSPAN-II");
          ethernet(ref, b, p + 8, end, depth + 1, out);
        }
      }
      case 0x22EB -> {
        if (end - p < 12) {
          stats.malformed("ERSPAN III header cut short");
          return;
        }
        boolean platformSubheader = (b.get(p + 11) & 1) != 0;
        stats.tunnel("GRE/ERSPAN-III");
        ethernet(ref, b, p + 12 + (platformSubheader ? 8 : 0), end, depth + 1, out);
      }
      default -> stats.notDecoded(String.format("GRE protocol 0x%04x", proto));
    }
  }

  private void udp(PacketRef ref, byte[] src, byte[] dst, ByteBuffer b, int off, int end, int depth,
      Consumer<NetEvent> out) {
    if (end - off < 8) {
      stats.malformed("UDP header cut short");
      return;
    }
    int sport = u16(b, off);
    int dport = u16(b, off + 2);
    int length = u16(b, off + 4);
    int stop = length >= 8 ? Math.min(end, off + length) : end;   // 0 for jumbograms
    int p = off + 8;
    if ((dport == VXLAN_PORT || sport == VXLAN_PORT) && stop - p >= 8 + 14 && (b.get(p) & 0x08) != 0) {
      stats.tunnel("VXLAN");
      ethernet(ref, b, p + 8, stop, depth + 1, out);
      return;
    }
    ByteBuffer payload = b.slice(p, stop - p);
    if (HepDecoder.looksLikeHep(payload, sport, dport)) {
      HepDecoder.decode(ref, payload, stats, out);
      return;
    }
    stats.add(NetCounter.UDP_DATAGRAMS);
    out.accept(new Datagram(ref, endpoints.get(src, sport), endpoints.get(dst, dport), Transport.UDP, payload, null));
  }

  private void tcp(PacketRef ref, byte[] src, byte[] dst, ByteBuffer b, int off, int end, Consumer<NetEvent> out) {
    if (end - off < 20) {
      stats.malformed("TCP header cut short");
      return;
    }
    int dataOffset = ((b.get(off + 12) & 0xff) >> 4) * 4;
    if (dataOffset < 20 || off + dataOffset > end) {
      stats.malformed("TCP data offset " + dataOffset);
      return;
    }
    stats.add(NetCounter.TCP_SEGMENTS);
    FlowKey flow = new FlowKey(endpoints.get(src, u16(b, off)), endpoints.get(dst, u16(b, off + 2)));
    long seq = b.getInt(off + 4) & 0xffffffffL;
    int flags = b.get(off + 13) & 0x3f;
    tcp.segment(ref, flow, seq, flags, b.slice(off + dataOffset, end - off - dataOffset), out);
  }

  static int u16(ByteBuffer b, int at) {
    return b.getShort(at) & 0xffff;
  }

  private static byte[] bytes(ByteBuffer b, int at, int n) {
    byte[] a = new byte[n];
    b.get(at, a);
    return a;
  }

  private static java.net.InetAddress inet(byte[] a) {
    try {
      return java.net.InetAddress.getByAddress(a);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
