package io.sipaudit.net;

import static io.sipaudit.testing.Packets.A;
import static io.sipaudit.testing.Packets.B;
import static io.sipaudit.testing.Packets.ascii;
import static io.sipaudit.testing.Packets.bytes;
import static io.sipaudit.testing.Packets.cat;
import static io.sipaudit.testing.Packets.decode;
import static io.sipaudit.testing.Packets.eth;
import static io.sipaudit.testing.Packets.ipv4;
import static io.sipaudit.testing.Packets.streamText;
import static io.sipaudit.testing.Packets.tcp;
import static io.sipaudit.testing.Packets.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TcpReassemblerTest {
  private static final int SYN = 0x02;
  private static final int ACK = 0x10;
  private static final int PSH = 0x08;
  private static final int FIN = 0x01;
  private static final String STREAM =
      "INVITE sip:b SIP/2.0\r\nContent-Length: 4\r\n\r\nbodyBYE sip:b SIP/2.0\r\nContent-Length: 0\r\n\r\n";

  private static byte[] seg(long seq, int flags, String data) {
    return eth(ipv4(A, B, 6, tcp(40000, 5060, seq, flags, ascii(data))));
  }

  private static byte[] seg(long seq, int flags, byte[] data) {
    return eth(ipv4(A, B, 6, tcp(40000, 5060, seq, flags, data)));
  }

  @Test
  void inOrderSegmentsArePassedOnAfterTheHandshake() {
    List<NetEvent> events = decode(new NetDecoder(), 1,
        seg(1000, SYN, ""), seg(1001, ACK | PSH, STREAM.substring(0, 30)), seg(1031, ACK | PSH, STREAM.substring(30)));
    assertEquals(STREAM, streamText(events));
    StreamData first = (StreamData) events.get(0);
    assertFalse(first.midStream());
    assertEquals("10.0.0.1:40000 -> 10.0.0.2:5060", first.flow().toString());
    assertTrue(events.get(events.size() - 1) instanceof StreamClosed, "closed at the end of the capture");
  }

  @Test
  void captureStartingMidConnectionIsFlaggedMidStream() {
    List<NetEvent> events = decode(new NetDecoder(), 1, seg(5000, ACK, STREAM));
    assertTrue(((StreamData) events.get(0)).midStream());
  }

  @Test
  void retransmissionsAndOverlapsAreTrimmed() {
    NetDecoder d = new NetDecoder();
    List<NetEvent> events = decode(d, 1,
        seg(0, SYN, ""), seg(1, ACK, STREAM.substring(0, 20)), seg(1, ACK, STREAM.substring(0, 20)),
        seg(11, ACK, STREAM.substring(10, 40)), seg(41, ACK, STREAM.substring(40)));
    assertEquals(STREAM, streamText(events));
    assertEquals(1, d.stats().get(NetCounter.TCP_RETRANSMISSIONS));
  }

  @Test
  void everySplitPointAndOrderGivesTheSameStream() {
    for (int i = 1; i < STREAM.length(); i++) {
      for (int j = i + 1; j <= STREAM.length(); j++) {
        String a = STREAM.substring(0, i);
        String b = STREAM.substring(i, j);
        String c = STREAM.substring(j);
        List<byte[]> segs = new ArrayList<>(List.of(seg(0, SYN, ""), seg(1 + j, ACK, c), seg(1 + i, ACK, b), seg(1, ACK, a)));
        assertEquals(STREAM, streamText(decode(new NetDecoder(), 1, segs.toArray(byte[][]::new))), "split " + i + "/" + j);
      }
    }
  }

  @Test
  void lostSegmentIsReportedAsAGapAtTheEnd() {
    NetDecoder d = new NetDecoder();
    List<NetEvent> events = decode(d, 1, seg(0, SYN, ""), seg(1, ACK, "AAAA"), seg(9, ACK, "CCCC"));
    List<StreamData> data = events.stream().filter(e -> e instanceof StreamData).map(e -> (StreamData) e).toList();
    assertEquals(2, data.size());
    assertEquals(4, data.get(1).skippedBefore());
    assertEquals("CCCC", text(data.get(1).data()));
    assertEquals(1, d.stats().get(NetCounter.TCP_GAPS));
  }

  @Test
  void finClosesTheDirection() {
    List<NetEvent> events = decode(new NetDecoder(), 1, seg(0, SYN, ""), seg(1, ACK | FIN, "DATA"));
    assertTrue(events.get(1) instanceof StreamClosed);
  }

  @Test
  void sequenceNumbersWrapAround() {
    long isn = 0xffff_fff0L;
    List<NetEvent> events = decode(new NetDecoder(), 1,
        seg(isn, SYN, ""), seg(isn + 1, ACK, STREAM.substring(0, 40)), seg((isn + 41) & 0xffffffffL, ACK, STREAM.substring(40)));
    assertEquals(STREAM, streamText(events));
  }

  @Test
  void tlsConnectionIsCountedAndNotPassedOn() {
    NetDecoder d = new NetDecoder();
    byte[] clientHello = bytes(0x16, 3, 1, 0, 50, 1, 0, 0, 46);
    List<NetEvent> events = decode(d, 1, seg(0, SYN, ""), seg(1, ACK, clientHello));
    assertTrue(events.stream().noneMatch(e -> e instanceof StreamData));
    assertEquals(1, d.stats().get(NetCounter.TLS_CONNECTIONS));
    assertEquals("10.0.0.1:40000 -> 10.0.0.2:5060", d.stats().tlsConnections().get(0).toString());
  }

  @Test
  void websocketMessagesAreUnmaskedAndJoinedAcrossFrames() {
    String upgrade = "GET /ws HTTP/1.1\r\nHost: b\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Protocol: sip\r\n\r\n";
    byte[] sip = ascii("OPTIONS sip:b SIP/2.0\r\nVia: SIP/2.0/WS x\r\n\r\n");
    byte[] mask = bytes(0x11, 0x22, 0x33, 0x44);
    byte[] part1 = Arrays.copyOfRange(sip, 0, 10);
    byte[] part2 = Arrays.copyOfRange(sip, 10, sip.length);
    byte[] frames = cat(wsFrame(false, 1, mask, part1), wsFrame(true, 9, mask, new byte[0]), wsFrame(true, 0, mask, part2));
    byte[] stream = cat(ascii(upgrade), frames);
    // deliver the stream split in two at an awkward place, inside the second frame
    int cut = upgrade.length() + 13;
    NetDecoder d = new NetDecoder();
    List<NetEvent> events = decode(d, 1, seg(0, SYN, ""), seg(1, ACK, Arrays.copyOfRange(stream, 0, cut)),
        seg(1 + cut, ACK, Arrays.copyOfRange(stream, cut, stream.length)));
    List<Datagram> messages = events.stream().filter(e -> e instanceof Datagram).map(e -> (Datagram) e).toList();
    assertEquals(1, messages.size());
    assertEquals(new String(sip, java.nio.charset.StandardCharsets.US_ASCII), text(messages.get(0).payload()));
    assertEquals(Transport.WS, messages.get(0).transport());
    assertEquals(1, d.stats().get(NetCounter.WEBSOCKET_CONNECTIONS));
  }

  @Test
  void hepOverTcpIsFramedByItsLength() {
    byte[] chunks = cat(hepChunk(1, bytes(2)), hepChunk(3, bytes(1, 1, 1, 1)), hepChunk(4, bytes(2, 2, 2, 2)),
        hepChunk(7, io.sipaudit.testing.Packets.u16(5060)), hepChunk(8, io.sipaudit.testing.Packets.u16(5060)), hepChunk(11, bytes(1)),
        hepChunk(15, ascii("OPTIONS sip:x SIP/2.0\r\n\r\n")));
    byte[] hep = cat(ascii("HEP3"), io.sipaudit.testing.Packets.u16(6 + chunks.length), chunks);
    byte[] two = cat(hep, hep);
    List<NetEvent> events = decode(new NetDecoder(), 1, seg(0, SYN, ""), seg(1, ACK, Arrays.copyOfRange(two, 0, 20)),
        seg(21, ACK, Arrays.copyOfRange(two, 20, two.length)));
    assertEquals(2, events.stream().filter(e -> e instanceof Datagram).count());
  }

  private static byte[] hepChunk(int type, byte[] value) {
    return cat(io.sipaudit.testing.Packets.u16(0), io.sipaudit.testing.Packets.u16(type), io.sipaudit.testing.Packets.u16(6 + value.length), value);
  }

  private static byte[] wsFrame(boolean fin, int opcode, byte[] mask, byte[] payload) {
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      masked[i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    return cat(bytes((fin ? 0x80 : 0) | opcode, 0x80 | payload.length), mask, masked);
  }
}
