package io.sipaudit.net;

import static io.sipaudit.testing.Packets.A;
import static io.sipaudit.testing.Packets.A6;
import static io.sipaudit.testing.Packets.B;
import static io.sipaudit.testing.Packets.B6;
import static io.sipaudit.testing.Packets.ascii;
import static io.sipaudit.testing.Packets.bytes;
import static io.sipaudit.testing.Packets.cat;
import static io.sipaudit.testing.Packets.decode;
import static io.sipaudit.testing.Packets.eth;
import static io.sipaudit.testing.Packets.ipv4;
import static io.sipaudit.testing.Packets.ipv6;
import static io.sipaudit.testing.Packets.text;
import static io.sipaudit.testing.Packets.u16;
import static io.sipaudit.testing.Packets.u32;
import static io.sipaudit.testing.Packets.udp;
import static io.sipaudit.testing.Packets.vlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class NetDecoderTest {
  private static final String SIP = "OPTIONS sip:b SIP/2.0\r\nContent-Length: 0\r\n\r\n";

  private static Datagram only(List<NetEvent> events) {
    assertEquals(1, events.size(), () -> "events: " + events);
    return (Datagram) events.get(0);
  }

  @Test
  void ethernetIpv4UdpYieldsOneDatagramWithAddressesAndPorts() {
    NetDecoder d = new NetDecoder();
    Datagram g = only(decode(d, 1, eth(ipv4(A, B, 17, udp(5062, 5060, SIP)))));
    assertEquals("10.0.0.1:5062", g.src().toString());
    assertEquals("10.0.0.2:5060", g.dst().toString());
    assertEquals(Transport.UDP, g.transport());
    assertEquals(SIP, text(g.payload()));
    assertEquals(1, g.ref().frame());
  }

  @Test
  void ethernetPaddingIsCutByTheIpLength() {
    byte[] frame = cat(eth(ipv4(A, B, 17, udp(5060, 5060, "hi"))), new byte[20]);
    assertEquals("hi", text(only(decode(new NetDecoder(), 1, frame)).payload()));
  }

  @Test
  void stackedVlanTagsAreStripped() {
    byte[] frame = eth(0x88A8, vlan(100, 0x8100, vlan(13, 0x0800, ipv4(A, B, 17, udp(5060, 5060, SIP)))));
    assertEquals(SIP, text(only(decode(new NetDecoder(), 1, frame)).payload()));
  }

  @Test
  void linuxCookedV1AndV2AreDecoded() {
    byte[] ip = ipv4(A, B, 17, udp(5060, 5060, SIP));
    byte[] sll = cat(u16(4), u16(772), u16(6), new byte[8], u16(0x0800), ip);
    byte[] sll2 = cat(u16(0x0800), u16(0), u32(1), u16(772), bytes(4, 6), new byte[8], ip);
    assertEquals(SIP, text(only(decode(new NetDecoder(), 113, sll)).payload()));
    assertEquals(SIP, text(only(decode(new NetDecoder(), 276, sll2)).payload()));
  }

  @Test
  void bsdNullInEitherByteOrderAndRawIpAreDecoded() {
    byte[] ip = ipv4(A, B, 17, udp(5060, 5060, SIP));
    assertEquals(1, decode(new NetDecoder(), 0, cat(bytes(2, 0, 0, 0), ip)).size());
    assertEquals(1, decode(new NetDecoder(), 0, cat(bytes(0, 0, 0, 2), ip)).size());
    assertEquals(1, decode(new NetDecoder(), 108, cat(bytes(0, 0, 0, 2), ip)).size());
    assertEquals(1, decode(new NetDecoder(), 101, ip).size());
    assertEquals(1, decode(new NetDecoder(), 228, ip).size());
  }

  @Test
  void unknownLinkTypeIsCountedNotThrown() {
    NetDecoder d = new NetDecoder();
    assertTrue(decode(d, 147, bytes(1, 2, 3)).isEmpty());
    assertEquals(1L, d.stats().unknownLinkTypes().get("LINKTYPE 147"));
  }

  @Test
  void ipv6WithExtensionHeadersIsDecoded() {
    byte[] udp = udp(5060, 5060, SIP);
    byte[] hopByHop = cat(bytes(60, 0), new byte[6]);
    byte[] destOpts = cat(bytes(17, 0), new byte[6]);
    Datagram g = only(decode(new NetDecoder(), 1, eth(ipv6(A6, B6, 0, cat(hopByHop, destOpts, udp)))));
    assertEquals("[2001:db8::1]:5060", g.src().toString());
    assertEquals(SIP, text(g.payload()));
  }

  @Test
  void ipv4FragmentsOutOfOrderAndOverlappingAreReassembled() {
    byte[] payload = udp(5060, 5060, "X".repeat(3000));
    byte[] f1 = Arrays.copyOfRange(payload, 0, 1480);
    byte[] f2 = Arrays.copyOfRange(payload, 1480, 2960);
    byte[] f2overlap = Arrays.copyOfRange(payload, 1400, 2960);
    byte[] f3 = Arrays.copyOfRange(payload, 2960, payload.length);
    NetDecoder d = new NetDecoder();
    List<NetEvent> events = decode(d, 1,
        eth(ipv4(A, B, 17, 77, 2960, false, f3)),
        eth(ipv4(A, B, 17, 77, 1400, true, f2overlap)),
        eth(ipv4(A, B, 17, 77, 0, true, f1)),
        eth(ipv4(A, B, 17, 77, 1480, true, f2)));
    Datagram g = only(events);
    assertEquals("X".repeat(3000), text(g.payload()));
    assertEquals(3, g.ref().frame(), "reported at the frame that completed it");
    assertEquals(1, d.stats().get(NetCounter.REASSEMBLED_DATAGRAMS));
    assertTrue(d.stats().get(NetCounter.OVERLAPPING_FRAGMENTS) >= 1);
  }

  @Test
  void missingFragmentIsCountedIncompleteAtTheEnd() {
    byte[] payload = udp(5060, 5060, "Y".repeat(2000));
    NetDecoder d = new NetDecoder();
    assertTrue(decode(d, 1, eth(ipv4(A, B, 17, 9, 0, true, Arrays.copyOfRange(payload, 0, 1480)))).isEmpty());
    assertEquals(1, d.stats().get(NetCounter.INCOMPLETE_DATAGRAMS));
  }

  @Test
  void ipv6FragmentsAreReassembled() {
    byte[] payload = udp(5062, 5062, "Z".repeat(2000));
    byte[] h1 = cat(bytes(17, 0), u16(0 | 1), u32(0xabcdef));
    byte[] h2 = cat(bytes(17, 0), u16(1448), u32(0xabcdef));
    List<NetEvent> events = decode(new NetDecoder(), 1,
        eth(ipv6(A6, B6, 44, cat(h2, Arrays.copyOfRange(payload, 1448, payload.length)))),
        eth(ipv6(A6, B6, 44, cat(h1, Arrays.copyOfRange(payload, 0, 1448)))));
    assertEquals("Z".repeat(2000), text(only(events).payload()));
  }

  @Test
  void greTransparentEthernetBridgingUsesTheInnerAddresses() {
    byte[] inner = eth(ipv4(A, B, 17, udp(5060, 5060, SIP)));
    byte[] outer = eth(ipv4(bytes(192, 0, 2, 1), bytes(192, 0, 2, 2), 47, cat(u16(0), u16(0x6558), inner)));
    NetDecoder d = new NetDecoder();
    assertEquals("10.0.0.1:5060", only(decode(d, 1, outer)).src().toString());
    assertEquals(1L, d.stats().tunnels().get("GRE/TEB"));
  }

  @Test
  void erspanTypeTwoAndThreeAreUnwrapped() {
    byte[] inner = eth(ipv4(A, B, 17, udp(5060, 5060, SIP)));
    byte[] gre2 = cat(u16(0x1000), u16(0x88BE), u32(5), new byte[8], inner);
    byte[] gre3 = cat(u16(0x1000), u16(0x22EB), u32(5), new byte[12], inner);
    byte[] gre3sub = cat(u16(0x1000), u16(0x22EB), u32(5), cat(new byte[11], bytes(1)), new byte[8], inner);
    for (byte[] gre : List.of(gre2, gre3, gre3sub)) {
      byte[] outer = eth(ipv4(bytes(192, 0, 2, 1), bytes(192, 0, 2, 2), 47, gre));
      assertEquals(SIP, text(only(decode(new NetDecoder(), 1, outer)).payload()));
    }
  }

  @Test
  void pptpEnhancedGreCarryingPppUsesTheInnerAddresses() {
    // RFC 2637 §4.1: flags 0x3081 = key (payload length, call id) + sequence + acknowledgment, version 1;
    // protocol 0x880b; then PPP with address/control ff 03 and protocol 0021 (IPv4), as in nDPI's gre.pcapng.
    byte[] inner = ipv4(A, B, 17, udp(5060, 5060, SIP));
    byte[] withAck = cat(u16(0x3081), u16(0x880B), u16(inner.length + 4), u16(7), u32(1), u32(2),
        bytes(0xFF, 0x03, 0x00, 0x21), inner);
    // sequence only, no acknowledgment; address/control and protocol field compressed (RFC 1661 §6.5, §6.6)
    byte[] compressed = cat(u16(0x3001), u16(0x880B), u16(inner.length + 1), u16(7), u32(1), bytes(0x21), inner);
    for (byte[] gre : List.of(withAck, compressed)) {
      NetDecoder d = new NetDecoder();
      byte[] outer = eth(ipv4(bytes(192, 0, 2, 1), bytes(192, 0, 2, 2), 47, gre));
      assertEquals("10.0.0.1:5060", only(decode(d, 1, outer)).src().toString());
      assertEquals(1L, d.stats().tunnels().get("GRE/PPP"));
    }
  }

  @Test
  void pppoeSessionsAndPppAndCiscoHdlcLinkTypesAreDecoded() {
    byte[] ip = ipv4(A, B, 17, udp(5060, 5060, SIP));
    // PPPoE session stage (RFC 2516 §4): ver/type 0x11, code 0, session id, length, then PPP protocol 0021
    byte[] pppoe = eth(0x8864, cat(bytes(0x11, 0x00), u16(0x1234), u16(ip.length + 2), u16(0x0021), ip));
    assertEquals(SIP, text(only(decode(new NetDecoder(), 1, pppoe)).payload()));
    // LINKTYPE_PPP (9) and PPP_HDLC (50) with ff 03; LINKTYPE_C_HDLC (104): address 0f, control 00, ethertype
    assertEquals(SIP, text(only(decode(new NetDecoder(), 9, cat(bytes(0xFF, 0x03, 0x00, 0x21), ip))).payload()));
    assertEquals(SIP, text(only(decode(new NetDecoder(), 50, cat(bytes(0xFF, 0x03, 0x00, 0x21), ip))).payload()));
    assertEquals(SIP, text(only(decode(new NetDecoder(), 104, cat(bytes(0x0F, 0x00, 0x08, 0x00), ip))).payload()));
    NetDecoder lcp = new NetDecoder();
    assertTrue(decode(lcp, 9, cat(bytes(0xFF, 0x03, 0xC0, 0x21), new byte[8])).isEmpty());
    assertEquals(1L, lcp.stats().notDecoded().get("PPP protocol 0xc021"));
  }

  @Test
  void vxlanIpInIpAndSixInFourAreUnwrapped() {
    byte[] inner = ipv4(A, B, 17, udp(5060, 5060, SIP));
    byte[] vxlan = eth(ipv4(bytes(192, 0, 2, 1), bytes(192, 0, 2, 2), 17,
        udp(40000, 4789, cat(bytes(8, 0, 0, 0, 0, 0, 1, 0), eth(inner)))));
    byte[] ipip = eth(ipv4(bytes(192, 0, 2, 1), bytes(192, 0, 2, 2), 4, inner));
    byte[] sixInFour = eth(ipv4(bytes(192, 0, 2, 1), bytes(192, 0, 2, 2), 41, ipv6(A6, B6, 17, udp(5060, 5060, SIP))));
    assertEquals("10.0.0.1:5060", only(decode(new NetDecoder(), 1, vxlan)).src().toString());
    assertEquals("10.0.0.1:5060", only(decode(new NetDecoder(), 1, ipip)).src().toString());
    assertEquals("[2001:db8::1]:5060", only(decode(new NetDecoder(), 1, sixInFour)).src().toString());
  }

  @Test
  void hepVersionThreeCarriesOriginalAddressesTimeAndAgent() {
    byte[] chunks = cat(
        chunk(1, bytes(2)), chunk(2, bytes(17)), chunk(3, bytes(172, 16, 0, 5)), chunk(4, bytes(172, 16, 0, 6)),
        chunk(7, u16(5070)), chunk(8, u16(5060)), chunk(9, u32(1_764_000_000L)), chunk(10, u32(123_456)),
        chunk(11, bytes(1)), chunk(12, u32(2001)), chunk(15, ascii(SIP)));
    byte[] hep = cat(ascii("HEP3"), u16(6 + chunks.length), chunks);
    Datagram g = only(decode(new NetDecoder(), 1, eth(ipv4(A, B, 17, udp(40000, 9060, hep)))));
    assertEquals("172.16.0.5:5070", g.src().toString());
    assertEquals("172.16.0.6:5060", g.dst().toString());
    assertEquals(java.time.Instant.ofEpochSecond(1_764_000_000L, 123_456_000), g.ref().timestamp());
    assertEquals(2001L, g.captureAgentId());
    assertEquals(SIP, text(g.payload()));
  }

  @Test
  void hepVersionTwoHeaderIsDecodedOnPort9060() {
    byte[] hep = cat(bytes(2, 28, 2, 17), u16(5070), u16(5060), bytes(172, 16, 0, 5), bytes(172, 16, 0, 6),
        u32(1_764_000_000L), u32(5), u16(7), u16(0), ascii(SIP));
    Datagram g = only(decode(new NetDecoder(), 1, eth(ipv4(A, B, 17, udp(40000, 9060, hep)))));
    assertEquals("172.16.0.5:5070", g.src().toString());
    assertEquals(SIP, text(g.payload()));
    assertEquals(7L, g.captureAgentId());
  }

  @Test
  void hepNonSipPayloadIsCounted() {
    byte[] chunks = cat(chunk(1, bytes(2)), chunk(3, bytes(1, 1, 1, 1)), chunk(4, bytes(2, 2, 2, 2)),
        chunk(11, bytes(5)), chunk(15, ascii("rtcp")));
    NetDecoder d = new NetDecoder();
    assertTrue(decode(d, 1, eth(ipv4(A, B, 17, udp(1, 9060, cat(ascii("HEP3"), u16(6 + chunks.length), chunks))))).isEmpty());
    assertEquals(1, d.stats().get(NetCounter.HEP_NON_SIP));
  }

  @Test
  void sctpDataChunksBecomeDatagramsAndFragmentsAreJoined() {
    byte[] whole = sctpData(0x03, 0, ascii(SIP));
    byte[] first = sctpData(0x02, 1, ascii(SIP.substring(0, 10)));
    byte[] last = sctpData(0x01, 1, ascii(SIP.substring(10)));
    byte[] sack = cat(bytes(3, 0), u16(16), new byte[12]);
    byte[] packet = cat(u16(5060), u16(5060), u32(1), u32(0), sack, whole, first);
    byte[] packet2 = cat(u16(5060), u16(5060), u32(1), u32(0), last);
    List<NetEvent> events = decode(new NetDecoder(), 1, eth(ipv4(A, B, 132, packet)), eth(ipv4(A, B, 132, packet2)));
    assertEquals(2, events.size());
    assertEquals(SIP, text(((Datagram) events.get(0)).payload()));
    assertEquals(SIP, text(((Datagram) events.get(1)).payload()));
    assertEquals(Transport.SCTP, ((Datagram) events.get(1)).transport());
  }

  @Test
  void icmpAndArpAreCountedByKind() {
    NetDecoder d = new NetDecoder();
    decode(d, 1, eth(ipv4(A, B, 1, bytes(3, 3, 0, 0))), eth(0x0806, new byte[28]));
    assertEquals(1L, d.stats().notDecoded().get("IP protocol 1 (ICMP)"));
    assertEquals(1L, d.stats().notDecoded().get("ethertype 0x0806"));
  }

  @Test
  void truncatedHeadersAreCountedAsMalformed() {
    NetDecoder d = new NetDecoder();
    decode(d, 1, eth(0x0800, bytes(0x45, 0, 0)), bytes(1, 2, 3));
    assertEquals(2, d.stats().malformed().values().stream().mapToLong(Long::longValue).sum());
  }

  private static byte[] chunk(int type, byte[] value) {
    return cat(u16(0), u16(type), u16(6 + value.length), value);
  }

  private static byte[] sctpData(int flags, int stream, byte[] data) {
    int len = 16 + data.length;
    byte[] pad = new byte[(4 - len % 4) % 4];
    return cat(bytes(0, flags), u16(len), u32(1), u16(stream), u16(0), u32(0), data, pad);
  }
}
