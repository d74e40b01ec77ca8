package io.sipaudit.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds pcapng files block by block for tests, in the byte order of the current section.
 *
 * <p>Example: {@code new PcapngBuilder().section(LITTLE_ENDIAN).interfaceBlock(1, 0).enhancedPacket(0, 42L,
 * data, data.length).bytes()}.
 */
final class PcapngBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<Long> blockStarts = new ArrayList<>();
  private final List<Integer> framesBefore = new ArrayList<>();
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
  private int frames;

  PcapngBuilder section(ByteOrder order) {
    this.order = order;
    return block(PcapngReader.SECTION_HEADER,
        buffer(16).putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L));
  }

  /** An IDB with options, each made by {@link #option}. */
  PcapngBuilder interfaceBlock(int linkType, int snaplen, byte[]... options) {
    int size = 8;
    for (byte[] o : options) {
      size += o.length;
    }
    ByteBuffer body = buffer(size).putShort((short) linkType).putShort((short) 0).putInt(snaplen);
    for (byte[] o : options) {
      body.put(o);
    }
    return block(PcapngReader.INTERFACE_DESCRIPTION, body);
  }

  /** An option TLV padded to 4 bytes, in the current section's byte order. */
  byte[] option(int code, byte[] value) {
    int padded = (value.length + 3) & ~3;
    return buffer(4 + padded).putShort((short) code).putShort((short) value.length).put(value).array();
  }

  /** An {@code if_tsoffset} option value (i64 seconds). */
  byte[] int64(long value) {
    return buffer(8).putLong(value).array();
  }

  PcapngBuilder enhancedPacket(int interfaceId, long units, byte[] data, int originalLength) {
    ByteBuffer body = buffer(20 + data.length).putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units)
        .putInt(data.length).putInt(originalLength).put(data);
    frames++;
    return block(PcapngReader.ENHANCED_PACKET, body);
  }

  PcapngBuilder packet(int interfaceId, long units, byte[] data, int originalLength) {
    ByteBuffer body = buffer(20 + data.length).putShort((short) interfaceId).putShort((short) 0)
        .putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(originalLength).put(data);
    frames++;
    return block(PcapngReader.PACKET, body);
  }

  PcapngBuilder simplePacket(int originalLength, byte[] data) {
    frames++;
    return block(PcapngReader.SIMPLE_PACKET, buffer(4 + data.length).putInt(originalLength).put(data));
  }

  /** Any block: type, length, body padded to 4 bytes, length. */
  PcapngBuilder block(int type, byte[] body) {
    return block(type, buffer(body.length).put(body));
  }

  /** Appends raw bytes that are not a block. */
  PcapngBuilder raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  ByteBuffer buffer(int size) {
    return ByteBuffer.allocate(size).order(order);
  }

  long[] blockStarts() {
    return blockStarts.stream().mapToLong(Long::longValue).toArray();
  }

  int[] framesBefore() {
    return framesBefore.stream().mapToInt(Integer::intValue).toArray();
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  private PcapngBuilder block(int type, ByteBuffer body) {
    // framesBefore counts frames in blocks before this one; a packet block has already counted itself.
    boolean isPacket = type == PcapngReader.ENHANCED_PACKET || type == PcapngReader.PACKET
        || type == PcapngReader.SIMPLE_PACKET;
    blockStarts.add((long) out.size());
    framesBefore.add(isPacket ? frames - 1 : frames);
    byte[] content = body.array();
    int padded = (content.length + 3) & ~3;
    int length = 12 + padded;
    ByteBuffer block = buffer(length).putInt(type).putInt(length).put(content);
    block.position(8 + padded);
    block.putInt(length);
    out.writeBytes(block.array());
    return this;
  }
}
