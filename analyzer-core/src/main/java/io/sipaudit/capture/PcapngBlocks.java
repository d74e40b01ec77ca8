package io.sipaudit.capture;

import java.nio.ByteOrder;

/**
 * The pcapng block framing that every block shares (leading length, trailing length) and the two blocks that
 * set up packet reading: the section header and the interface description.
 *
 * <p>Example: a block {@code 01000000 14000000 ... 14000000} (type 1, 20 bytes) passes
 * {@link #blockLength} with minimum 20; {@link #finishBlock} then checks that the trailing {@code 14000000}
 * matches. Every method reads from a {@link CaptureInput} whose next byte is at the offset it is given or inside
 * that block, and fails with a {@link CaptureFormatException} at the block's offset.
 */
final class PcapngBlocks {
  private static final int OPT_ENDOFOPT = 0;
  private static final int IF_TSRESOL = 9;
  private static final int IF_TSOFFSET = 14;

  private PcapngBlocks() {
  }

  /** Reads the section header block buffered at {@code at} and switches {@code in} to its byte order. */
  static void readSectionHeader(CaptureInput in, long at) {
    String name = "section header block";
    if (!in.require(12)) {
      throw in.truncated(at, name, 28);
    }
    in.order(ByteOrder.BIG_ENDIAN);
    int magic = in.getInt(8);
    if (magic == PcapngReader.BYTE_ORDER_MAGIC) {
      in.order(ByteOrder.BIG_ENDIAN);
    } else if (magic == Integer.reverseBytes(PcapngReader.BYTE_ORDER_MAGIC)) {
      in.order(ByteOrder.LITTLE_ENDIAN);
    } else {
      throw in.corrupt(at, String.format("byte-order magic %08x at offset %d (expected: 1a2b3c4d in either byte"
          + " order)", magic, at + 8));
    }
    long length = blockLength(in, at, name, 28);
    if (!in.require(16)) {
      throw in.truncated(at, name, length);
    }
    int major = in.getUnsignedShort(12);
    int minor = in.getUnsignedShort(14);
    if (major != 1) {
      throw in.corrupt(at, "pcapng version " + major + "." + minor + " (expected: 1.x)");
    }
    in.advance(16);
    finishBlock(in, at, length, name);
  }

  /** Reads the interface description block buffered at {@code at}; returns what it says. */
  static PcapngInterface readInterface(CaptureInput in, long at) {
    String name = "interface description block";
    long length = blockLength(in, at, name, 20);
    if (!in.require(16)) {
      throw in.truncated(at, name, length);
    }
    int linkType = in.getUnsignedShort(8);
    long snaplen = in.getInt(12) & 0xFFFF_FFFFL;
    in.advance(16);
    int tsresol = PcapngInterface.DEFAULT_TSRESOL;
    long tsOffset = 0;
    long end = at + length - 4;
    while (in.offset() + 4 <= end) {
      long optionAt = in.offset();
      if (!in.require(4)) {
        throw in.truncated(at, name, length);
      }
      int code = in.getUnsignedShort(0);
      int optionLength = in.getUnsignedShort(2);
      int padded = (optionLength + 3) & ~3;
      if (optionAt + 4 + padded > end) {
        throw in.corrupt(at, "option " + code + " of " + optionLength + " bytes at offset " + optionAt
            + " overruns the " + name + " of " + length + " bytes");
      }
      in.advance(4);
      if (code == OPT_ENDOFOPT) {
        break;
      }
      if (code == IF_TSRESOL || code == IF_TSOFFSET) {
        int expected = code == IF_TSRESOL ? 1 : 8;
        if (optionLength != expected) {
          throw in.corrupt(at, (code == IF_TSRESOL ? "if_tsresol" : "if_tsoffset") + " option at offset "
              + optionAt + " has " + optionLength + " bytes (expected: " + expected + ")");
        }
        if (!in.require(padded)) {
          throw in.truncated(at, name, length);
        }
        if (code == IF_TSRESOL) {
          tsresol = in.getUnsignedByte(0);
        } else {
          tsOffset = in.getLong(0);
        }
        in.advance(padded);
      } else if (!in.skip(padded)) {
        throw in.truncated(at, name, length);
      }
    }
    finishBlock(in, at, length, name);
    if (!PcapngInterface.isSupportedResolution(tsresol)) {
      throw in.corrupt(at, "if_tsresol " + PcapngInterface.describeResolution(tsresol)
          + " (expected: 10^-0..10^-19 or 2^-0..2^-63)");
    }
    return new PcapngInterface(linkType, snaplen, tsresol, tsOffset);
  }

  /** Checks the leading length of the buffered block header at {@code at}. */
  static long blockLength(CaptureInput in, long at, String name, int minimum) {
    long length = in.getInt(4) & 0xFFFF_FFFFL;
    if (length < minimum || length % 4 != 0 || length > PcapngReader.MAX_BLOCK_LENGTH) {
      throw in.corrupt(at, name + " length " + length + " (expected: multiple of 4, >= " + minimum + ", <= "
          + PcapngReader.MAX_BLOCK_LENGTH + ")");
    }
    return length;
  }

  /** Skips what is left of the block before its trailing length, then checks that length. */
  static void finishBlock(CaptureInput in, long at, long length, String name) {
    long rest = at + length - 4 - in.offset();
    if (!in.skip(rest) || !in.require(4)) {
      throw in.truncated(at, name, length);
    }
    long trailer = in.getInt(0) & 0xFFFF_FFFFL;
    if (trailer != length) {
      throw in.corrupt(at, name + " trailing length " + trailer + " at offset " + in.offset()
          + " differs from the leading length " + length);
    }
    in.advance(4);
  }
}
