package io.sipaudit.capture;

import static io.sipaudit.capture.CaptureFixtures.SECONDS;
import static io.sipaudit.capture.CaptureFixtures.at;
import static io.sipaudit.capture.CaptureFixtures.bytesOf;
import static io.sipaudit.capture.CaptureFixtures.payload;
import static io.sipaudit.capture.CaptureFixtures.readAll;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class PcapngReaderTest {
  private static final int ETHERNET = 1;
  private static final int LINUX_SLL = 113;

  private static CaptureReader open(InputStream in) {
    return new PcapngReader(in, "test.pcapng");
  }

  private static CaptureFixtures.Outcome read(byte[] file) {
    return readAll(new ByteArrayInputStream(file), PcapngReaderTest::open);
  }

  private static byte[] oneByte(int value) {
    return new byte[] {(byte) value};
  }

  /** SHB(LE), IDB, EPB, NRB, EPB, SHB(BE), IDB, SPB, EPB: the file for the truncation and order tests. */
  private static PcapngBuilder twoSections() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN);
    b.interfaceBlock(ETHERNET, 0)
        .enhancedPacket(0, SECONDS * 1_000_000 + 1, payload(60, 0), 60)
        .block(4, new byte[] {0, 0, 0, 0})
        .enhancedPacket(0, SECONDS * 1_000_000 + 2, payload(33, 1), 1500)
        .section(BIG_ENDIAN);
    b.interfaceBlock(LINUX_SLL, 0, b.option(9, oneByte(9)))
        .simplePacket(5, payload(5, 2))
        .enhancedPacket(0, SECONDS * 1_000_000_000L + 3, payload(7, 3), 7);
    return b;
  }

  @Test
  void twoSectionsOfOppositeByteOrderAreBothRead() {
    List<CapturedFrame> frames = read(twoSections().bytes()).cleanFrames();

    assertEquals(4, frames.size());
    assertEquals(at(1_000), frames.get(0).timestamp());
    assertEquals(ETHERNET, frames.get(1).linkType());
    assertEquals(1500, frames.get(1).originalLength());
    assertArrayEquals(payload(33, 1), bytesOf(frames.get(1)));
    assertEquals(LINUX_SLL, frames.get(2).linkType());
    assertArrayEquals(payload(5, 2), bytesOf(frames.get(2)));
    assertEquals(at(3), frames.get(3).timestamp());
    assertArrayEquals(payload(7, 3), bytesOf(frames.get(3)));
  }

  @Test
  void interfacesWithTheirOwnLinkTypeResolutionAndOffsetStampTheirOwnFrames() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN);
    b.interfaceBlock(ETHERNET, 65535, b.option(9, oneByte(6)))
        .interfaceBlock(LINUX_SLL, 262144, b.option(2, "any".getBytes()), b.option(9, oneByte(9)),
            b.option(14, b.int64(SECONDS)), b.option(0, new byte[0]))
        .enhancedPacket(1, 792_454_789L, payload(20, 0), 20)
        .enhancedPacket(0, SECONDS * 1_000_000 + 792_454, payload(21, 0), 21);

    List<CapturedFrame> frames = read(b.bytes()).cleanFrames();

    assertEquals(List.of(LINUX_SLL, ETHERNET), frames.stream().map(CapturedFrame::linkType).toList());
    assertEquals(List.of(1, 0), frames.stream().map(CapturedFrame::interfaceId).toList());
    assertEquals(at(792_454_789), frames.get(0).timestamp());
    assertEquals(at(792_454_000), frames.get(1).timestamp());
  }

  @Test
  void powerOfTwoResolutionIsConvertedToNanoseconds() {
    PcapngBuilder b = new PcapngBuilder().section(BIG_ENDIAN);
    b.interfaceBlock(ETHERNET, 0, b.option(9, oneByte(0x80 | 20)))
        .enhancedPacket(0, (SECONDS << 20) | (1 << 19) | 1, payload(4, 0), 4);

    assertEquals(at(500_000_953), read(b.bytes()).cleanFrames().get(0).timestamp());
  }

  @Test
  void simplePacketBlockUsesInterfaceZeroAndThePreviousPacketsTimestamp() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN)
        .interfaceBlock(LINUX_SLL, 8)
        .interfaceBlock(ETHERNET, 0)
        .simplePacket(10, payload(10, 0))
        .enhancedPacket(1, SECONDS * 1_000_000 + 5, payload(3, 0), 3)
        .simplePacket(6, payload(6, 0));

    List<CapturedFrame> frames = read(b.bytes()).cleanFrames();

    assertEquals(Instant.EPOCH, frames.get(0).timestamp());
    assertEquals(8, frames.get(0).capturedLength());
    assertEquals(10, frames.get(0).originalLength());
    assertEquals(LINUX_SLL, frames.get(0).linkType());
    assertEquals(at(5_000), frames.get(2).timestamp());
    assertEquals(0, frames.get(2).interfaceId());
    assertArrayEquals(payload(6, 0), bytesOf(frames.get(2)));
  }

  @Test
  void obsoletePacketBlockIsReadLikeAnEnhancedOne() {
    PcapngBuilder b = new PcapngBuilder().section(BIG_ENDIAN)
        .interfaceBlock(ETHERNET, 0)
        .interfaceBlock(LINUX_SLL, 0)
        .packet(1, SECONDS * 1_000_000 + 7, payload(9, 4), 90);

    CapturedFrame frame = read(b.bytes()).cleanFrames().get(0);

    assertEquals(LINUX_SLL, frame.linkType());
    assertEquals(1, frame.interfaceId());
    assertEquals(at(7_000), frame.timestamp());
    assertEquals(90, frame.originalLength());
    assertArrayEquals(payload(9, 4), bytesOf(frame));
  }

  @Test
  void nameResolutionStatisticsSecretsCustomAndUnknownBlocksAreSkipped() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN).interfaceBlock(ETHERNET, 0);
    ByteBuffer secrets = b.buffer(16).putInt(0x544c534b).putInt(8).put("CLIENT_R".getBytes());
    b.block(4, new byte[] {1, 0, 8, 0, 10, 0, 0, 1, 'h', 'o', 's', 't', 0, 0, 0, 0})
        .enhancedPacket(0, 1, payload(3, 0), 3)
        .block(5, new byte[20])
        .block(0x0A, secrets.array())
        .block(0x0BAD, new byte[] {0, 0, 0x7F, (byte) 0xFE, 1, 2, 3})
        .block(0x4000_0BAD, new byte[8])
        .block(0x8000_0001, new byte[0])
        .block(7, new byte[12])
        .enhancedPacket(0, 2, payload(4, 0), 4);

    List<CapturedFrame> frames = read(b.bytes()).cleanFrames();

    assertEquals(2, frames.size());
    assertEquals(2, frames.get(1).number());
    assertEquals(b.blockStarts()[b.blockStarts().length - 1], frames.get(1).fileOffset());
  }

  @Test
  void everyPrefixYieldsTheWholeBlocksThenFailsAtTheCutBlock() {
    PcapngBuilder b = twoSections();

    CaptureFixtures.assertEveryPrefix(b.bytes(), b.blockStarts(), b.framesBefore(), PcapngReaderTest::open);
  }

  @Test
  void oneByteReadsGiveTheSameFrames() {
    byte[] file = twoSections().bytes();

    assertEquals(read(file).cleanFrames(),
        readAll(CaptureFixtures.oneByteAtATime(file), PcapngReaderTest::open).cleanFrames());
  }

  @Test
  void newSectionForgetsThePreviousSectionsInterfaces() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN)
        .interfaceBlock(ETHERNET, 0)
        .interfaceBlock(ETHERNET, 0)
        .section(LITTLE_ENDIAN)
        .interfaceBlock(ETHERNET, 0)
        .enhancedPacket(1, 0, payload(3, 0), 3);

    CaptureFormatException e = read(b.bytes()).failure();

    assertEquals(b.blockStarts()[5], e.offset());
    assertTrue(e.getMessage().contains("refers to interface 1, but section 2 has 1 interface"), e.getMessage());
  }

  @Test
  void packetOnAnUndescribedInterfaceFailsWithTheBlockOffset() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN)
        .interfaceBlock(ETHERNET, 0)
        .enhancedPacket(0, 0, payload(3, 0), 3)
        .enhancedPacket(7, 0, payload(3, 0), 3);

    CaptureFixtures.Outcome outcome = read(b.bytes());

    assertEquals(1, outcome.frames().size());
    assertEquals(b.blockStarts()[3], outcome.failure().offset());
  }

  @Test
  void simplePacketWithoutAnyInterfaceFails() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN).simplePacket(3, payload(3, 0));

    assertEquals(28, read(b.bytes()).failure().offset());
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 8, 30, 0x7FFF_FFFC, 0xFFFF_FFFC})
  void blockLengthBelowTwelveUnalignedOrHugeFailsWithItsOffset(int length) {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN).interfaceBlock(ETHERNET, 0);
    b.raw(b.buffer(12).putInt(4).putInt(length).putInt(0).array());

    CaptureFormatException e = read(b.bytes()).failure();

    assertEquals(b.blockStarts()[2 - 1] + 20, e.offset());
    assertTrue(e.getMessage().contains("block of type 00000004 length " + Integer.toUnsignedString(length)
        + " (expected: multiple of 4, >= 12, <= 16777216)"), e.getMessage());
  }

  @Test
  void enhancedPacketBlockShorterThanItsFixedFieldsFails() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN).interfaceBlock(ETHERNET, 0)
        .block(PcapngReader.ENHANCED_PACKET, new byte[12]);

    CaptureFormatException e = read(b.bytes()).failure();

    assertTrue(e.getMessage().contains("enhanced packet block length 24 (expected: multiple of 4, >= 32"),
        e.getMessage());
  }

  @Test
  void trailingLengthUnlikeTheLeadingOneFails() {
    byte[] file = new PcapngBuilder().section(LITTLE_ENDIAN).interfaceBlock(ETHERNET, 0).bytes();
    file[file.length - 4] = 24;

    CaptureFormatException e = read(file).failure();

    assertEquals(28, e.offset());
    assertTrue(e.getMessage().contains("trailing length 24 at offset 44 differs from the leading length 20"),
        e.getMessage());
  }

  @Test
  void capturedLengthOverrunningItsBlockFails() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN).interfaceBlock(ETHERNET, 0);
    b.block(PcapngReader.ENHANCED_PACKET, b.buffer(24).putInt(0).putInt(0).putInt(0).putInt(1_000_000)
        .putInt(1_000_000).array());

    CaptureFormatException e = read(b.bytes()).failure();

    assertEquals(48, e.offset());
    assertTrue(e.getMessage().contains("captured length 1000000 overruns the block length 36 (expected: <= 4)"),
        e.getMessage());
  }

  @Test
  void optionOverrunningItsBlockFails() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN);
    b.interfaceBlock(ETHERNET, 0, b.buffer(8).putShort((short) 2).putShort((short) 200).putInt(0).array());

    CaptureFormatException e = read(b.bytes()).failure();

    assertEquals(28, e.offset());
    assertTrue(e.getMessage().contains("option 2 of 200 bytes at offset 44 overruns"), e.getMessage());
  }

  @Test
  void tooFineResolutionIsRejected() {
    PcapngBuilder b = new PcapngBuilder().section(LITTLE_ENDIAN);
    b.interfaceBlock(ETHERNET, 0, b.option(9, oneByte(20)));

    assertTrue(read(b.bytes()).failure().getMessage().contains("if_tsresol 10^-20"));
  }

  @Test
  void badByteOrderMagicFails() {
    byte[] file = new PcapngBuilder().section(LITTLE_ENDIAN).bytes();
    file[8] = 0x4E;

    CaptureFormatException e = read(file).failure();

    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("byte-order magic 4e3c2b1a at offset 8"), e.getMessage());
  }

  @Test
  void majorVersionTwoIsRejected() {
    byte[] file = new PcapngBuilder().section(BIG_ENDIAN).bytes();
    file[13] = 2;

    assertTrue(read(file).failure().getMessage().contains("pcapng version 2.0 (expected: 1.x)"));
  }

  @Test
  void fileMustStartWithASectionHeader() {
    PcapngBuilder b = new PcapngBuilder().interfaceBlock(ETHERNET, 0);

    CaptureFormatException e = read(b.bytes()).failure();

    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("first block type 01000000 is not a section header block"), e.getMessage());
  }

  @Test
  void sectionWithoutPacketsEndsCleanly() {
    byte[] file = new PcapngBuilder().section(BIG_ENDIAN).interfaceBlock(ETHERNET, 0).bytes();

    try (PcapngReader reader = new PcapngReader(new ByteArrayInputStream(file), "empty.pcapng")) {
      assertEquals(null, reader.next());
      assertEquals(1, reader.sections());
    }
  }
}
