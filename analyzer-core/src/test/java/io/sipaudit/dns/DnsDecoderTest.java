package io.sipaudit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages built byte by byte after RFC 1035 section 4.1; offsets are worked out in the comments. */
final class DnsDecoderTest {

  /** Writes bytes given as ints, so that 0xC0 needs no cast. */
  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  private static void name(ByteArrayOutputStream out, String dotted) {
    for (String label : dotted.split("\\.")) {
      out.write(label.length());
      out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    out.write(0);
  }

  /**
   * A reply to {@code _sip._udp.voice.lab SRV}: the question's name at offset 12, the answer's owner a pointer to
   * it (0xC00C), the SRV target {@code a} + a pointer to {@code voice.lab} (offset 12 + 5 + 5 = 22), and an A record
   * in the additional section whose owner points at the target (at offset of the SRV rdata + 6).
   */
  private static byte[] srvReply(int flags) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(0x1c, 0x2e, flags >> 8, flags & 0xFF, 0, 1, 0, 1, 0, 0, 0, 1));
    name(out, "_sip._udp.voice.lab");                       // 12..32
    out.writeBytes(bytes(0, 33, 0, 1));                      // QTYPE SRV, QCLASS IN
    out.writeBytes(bytes(0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 60)); // owner -> 12, SRV, IN, TTL 60
    out.writeBytes(bytes(0, 10));                            // RDLENGTH 6 + 1 + 1 + 2 = 10
    int rdata = out.size();
    out.writeBytes(bytes(0, 10, 0, 50, 0x13, 0xC4));         // priority 10, weight 50, port 5060
    out.writeBytes(bytes(1, 'a', 0xC0, 22));                 // "a" + pointer to "voice.lab" at 22
    int target = rdata + 6;
    out.writeBytes(bytes(0xC0, target, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 1, 121));
    return out.toByteArray();
  }

  @Test
  void compressedNamesInOwnersAndSrvTargetsAreFollowed() {
    byte[] m = srvReply(0x8180);
    DnsMessage d = DnsDecoder.decode(m, 0, m.length);
    assertTrue(d.response());
    assertFalse(d.truncated());
    assertEquals(0x1c2e, d.id());
    assertEquals(List.of("_sip._udp.voice.lab"), d.questions());
    assertEquals(List.of(new DnsRecord.Srv("_sip._udp.voice.lab", 60, 10, 50, 5060, "a.voice.lab")), d.answers());
    assertEquals(List.of(new DnsRecord.Address("a.voice.lab", 60, "127.0.1.121")), d.additional());
  }

  @Test
  void theTruncationFlagIsRead() {
    byte[] m = srvReply(0x8380);   // QR, TC, RD, RA
    assertTrue(DnsDecoder.decode(m, 0, m.length).truncated());
  }

  @Test
  void aMessageCutAtAnyByteFailsWithItsOffsetAndNeverOtherwise() {
    byte[] m = srvReply(0x8180);
    for (int len = 0; len < m.length; len++) {
      int cut = len;
      DnsFormatException e = assertThrows(DnsFormatException.class, () -> DnsDecoder.decode(m, 0, cut),
          "cut at " + cut);
      assertTrue(e.offset() <= cut, e.getMessage());
    }
  }

  @Test
  void aPointerToItselfIsALoopNotAHang() {
    // header with one question whose name is a pointer to offset 12, i.e. to itself
    byte[] m = bytes(0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 33, 0, 1);
    DnsFormatException e = assertThrows(DnsFormatException.class, () -> DnsDecoder.decode(m, 0, m.length));
    assertTrue(e.getMessage().contains("does not point back"), e.getMessage());
    assertEquals(12, e.offset());
  }

  @Test
  void twoPointersToEachOtherAreALoop() {
    // offset 12: label "a" then a pointer to 17; offset 17: a pointer back to 12 (forward first, then back)
    byte[] m = bytes(0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0xC0, 17, 0, 0xC0, 12, 0, 33, 0, 1);
    DnsFormatException e = assertThrows(DnsFormatException.class, () -> DnsDecoder.decode(m, 0, m.length));
    assertTrue(e.getMessage().contains("does not point back"), e.getMessage());
  }

  @Test
  void aRecordLengthThatDisagreesWithItsDataIsMalformed() {
    byte[] m = srvReply(0x8180);
    // the A record's RDLENGTH (second to last six bytes: 0, 4) set to 5 runs past the end
    m[m.length - 5] = 5;
    assertThrows(DnsFormatException.class, () -> DnsDecoder.decode(m, 0, m.length));
    byte[] n = srvReply(0x8180);
    n[n.length - 5] = 3;   // A with 3 bytes
    DnsFormatException e = assertThrows(DnsFormatException.class, () -> DnsDecoder.decode(n, 0, n.length - 1));
    assertTrue(e.getMessage().contains("expected: 4"), e.getMessage());
  }

  @Test
  void extendedLabelTypesAreRefused() {
    byte[] m = bytes(0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 0, 0, 33, 0, 1);
    assertThrows(DnsFormatException.class, () -> DnsDecoder.decode(m, 0, m.length));
  }

  @Test
  void ttlsWithTheTopBitSetReadAsZero() {
    byte[] m = srvReply(0x8180);
    int ttl = 12 + 21 + 4 + 2 + 4;   // question 21 + 4 bytes, owner pointer 2, type and class 4
    m[ttl] = (byte) 0x80;
    assertEquals(0, DnsDecoder.decode(m, 0, m.length).answers().get(0).ttl());
  }
}
