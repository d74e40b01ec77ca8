package io.sipaudit.capture;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a pcapng file block by block and returns its packets (draft-ietf-opsawg-pcapng).
 *
 * <p>Example, one little-endian section: {@code 0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff
 * 1c000000} (SHB, 28 bytes), then {@code 01000000 14000000 0100 0000 00000400 14000000} (IDB: Ethernet, snaplen
 * 262144, microseconds), then EPBs ({@code 06000000 ...}) that refer to interface 0.
 *
 * <ul>
 *   <li>Each section (SHB) sets its own byte order and starts its own interface list; a file may hold several,
 *       of either byte order. Interfaces may differ in link type, snaplen and resolution (libpcap refuses
 *       that); every frame carries its own link type and interface id.
 *   <li>Packets come from Enhanced (6), Simple (3) and the obsolete Packet (2) blocks. Every other block (name
 *       resolution, statistics, decryption secrets, custom, unknown) is skipped after its lengths are checked.
 *   <li>A Simple Packet Block has no timestamp. Its frame gets the timestamp of the previous packet in the file,
 *       or the epoch when there is none, so timestamps never jump backwards (libpcap uses 0 for all of them).
 *       Its captured length is the smallest of {@code orig_len}, interface 0's snaplen and the block body.
 *   <li>Corruption fails with the offset of the block: a block length under the block type's minimum, not a
 *       multiple of 4 or over 16 MiB; a trailing length unlike the leading one; a packet on an interface with no
 *       IDB; a captured length that overruns its block; an option that overruns its block.
 *   <li>A captured length over the interface's snaplen is returned whole (libpcap fails on it).
 * </ul>
 */
public final class PcapngReader extends RecordReader {
  /** The largest block accepted, as in libpcap: 16 MiB. */
  public static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

  static final int SECTION_HEADER = 0x0A0D0D0A;
  static final int INTERFACE_DESCRIPTION = 1;
  static final int PACKET = 2;
  static final int SIMPLE_PACKET = 3;
  static final int ENHANCED_PACKET = 6;
  static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

  private final List<PcapngInterface> interfaces = new ArrayList<>();
  private int sections;
  private long count;
  private Instant lastTimestamp = Instant.EPOCH;

  /** Opens an uncompressed pcapng file; use {@link CaptureFormat#open(Path)} to detect the format and gzip. */
  public PcapngReader(Path file) {
    this(new CaptureInput(PcapReader.newInputStream(file), file.toString(), false));
  }

  /** Reads an uncompressed pcapng stream, e.g. an upload; {@code sourceName} appears in error messages. */
  public PcapngReader(InputStream in, String sourceName) {
    this(new CaptureInput(in, sourceName, false));
  }

  PcapngReader(CaptureInput in) {
    super(in);
    try {
      if (!in.require(4)) {
        throw in.truncated(0, "section header block", 28);
      }
      if (in.getInt(0) != SECTION_HEADER) {
        throw in.corrupt(0, String.format("first block type %08x is not a section header block (expected: 0a0d0d0a)",
            in.getInt(0)));
      }
      startSection(0);
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Returns how many sections (SHBs) have been read so far. */
  public int sections() {
    return sections;
  }

  @Override
  protected @Nullable CapturedFrame readNext() {
    for (;;) {
      long at = in.offset();
      if (!in.require(8)) {
        if (in.atCleanEnd()) {
          return null;
        }
        throw in.truncated(at, "block header", 8);
      }
      int type = in.getInt(0);
      switch (type) {
        case ENHANCED_PACKET:
          return readPacket(at, false);
        case SIMPLE_PACKET:
          return readSimplePacket(at);
        case PACKET:
          return readPacket(at, true);
        case INTERFACE_DESCRIPTION:
          interfaces.add(PcapngBlocks.readInterface(in, at));
          break;
        case SECTION_HEADER:
          startSection(at);
          break;
        default:
          long length = PcapngBlocks.blockLength(in, at, String.format("block of type %08x", type), 12);
          in.advance(8);
          PcapngBlocks.finishBlock(in, at, length, String.format("block of type %08x", type));
      }
    }
  }

  /**
   * Reads an enhanced packet block, or the obsolete packet block ({@code obsolete}), whose layout is the same
   * but for a 16-bit interface id followed by a drops count.
   */
  private CapturedFrame readPacket(long at, boolean obsolete) {
    String name = obsolete ? "packet block" : "enhanced packet block";
    long length = PcapngBlocks.blockLength(in, at, name, 32);
    if (!in.require(28)) {
      throw in.truncated(at, name, length);
    }
    long interfaceId = obsolete ? in.getUnsignedShort(8) : in.getInt(8) & 0xFFFF_FFFFL;
    long units = (long) in.getInt(12) << 32 | in.getInt(16) & 0xFFFF_FFFFL;
    long captured = in.getInt(20) & 0xFFFF_FFFFL;
    long original = in.getInt(24) & 0xFFFF_FFFFL;
    PcapngInterface iface = interfaceFor(at, name, interfaceId);
    byte[] data = readData(at, name, length, 28, captured);
    return frame(at, iface, interfaceId, timestamp(at, iface, units), original, data);
  }

  private CapturedFrame readSimplePacket(long at) {
    String name = "simple packet block";
    long length = PcapngBlocks.blockLength(in, at, name, 16);
    if (!in.require(12)) {
      throw in.truncated(at, name, length);
    }
    long original = in.getInt(8) & 0xFFFF_FFFFL;
    PcapngInterface iface = interfaceFor(at, name, 0);
    long captured = Math.min(original, length - 16);
    if (iface.snaplen() != 0) {
      captured = Math.min(captured, iface.snaplen());
    }
    byte[] data = readData(at, name, length, 12, captured);
    return frame(at, iface, 0, lastTimestamp, original, data);
  }

  /** Reads the packet data after the block's buffered fixed part of {@code fixed} bytes, then the block's end. */
  private byte[] readData(long at, String name, long length, int fixed, long captured) {
    if (captured > length - fixed - 4) {
      throw in.corrupt(at, name + " captured length " + captured + " overruns the block length " + length
          + " (expected: <= " + (length - fixed - 4) + ")");
    }
    in.advance(fixed);
    byte[] data = in.read((int) captured);
    if (data == null) {
      throw in.truncated(at, name, length);
    }
    PcapngBlocks.finishBlock(in, at, length, name);
    return data;
  }

  private CapturedFrame frame(long at, PcapngInterface iface, long interfaceId, Instant timestamp, long original,
      byte[] data) {
    lastTimestamp = timestamp;
    count++;
    int originalLength = (int) Math.min(Math.max(original, data.length), Integer.MAX_VALUE);
    return new CapturedFrame(count, timestamp, iface.linkType(), originalLength,
        ByteBuffer.wrap(data).asReadOnlyBuffer(), (int) interfaceId, at);
  }

  private void startSection(long at) {
    PcapngBlocks.readSectionHeader(in, at);
    interfaces.clear();
    sections++;
  }

  private PcapngInterface interfaceFor(long at, String name, long interfaceId) {
    if (interfaceId >= interfaces.size()) {
      throw in.corrupt(at, name + " refers to interface " + interfaceId + ", but section " + sections + " has "
          + interfaces.size() + " interface description block(s)");
    }
    return interfaces.get((int) interfaceId);
  }

  private Instant timestamp(long at, PcapngInterface iface, long units) {
    try {
      return iface.timestamp(units);
    } catch (DateTimeException | ArithmeticException e) {
      throw in.corrupt(at, "timestamp of " + Long.toUnsignedString(units) + " units of "
          + PcapngInterface.describeResolution(iface.tsresol()) + " s plus if_tsoffset " + iface.tsOffsetSeconds()
          + " s is out of range");
    }
  }
}
