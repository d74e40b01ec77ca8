package io.sipaudit.capture;

import static java.util.Objects.requireNonNull;

import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * The 24-byte global header of a classic pcap file.
 *
 * <p>Example: the bytes {@code d4 c3 b2 a1 02 00 04 00 00000000 00000000 00000400 01000000} are a
 * little-endian, microsecond file, version 2.4, snaplen 262144, link type 1 (Ethernet).
 *
 * @param byteOrder the byte order of every header field in the file
 * @param nanosecond whether record timestamps count nanoseconds ({@code a1b23c4d}) rather than microseconds
 * @param modified whether this is Kuznetsov's modified format ({@code a1b2cd34}), whose record headers carry
 *     8 more bytes (ifindex u32, protocol u16, pkt_type u8, pad u8)
 * @param versionMajor always 2
 * @param versionMinor 4 in practice; before 2.3 the record header had {@code orig_len} before {@code incl_len}
 * @param snaplen the largest captured length the writer intended, unsigned (0 in some writers' files)
 * @param linkType the LINKTYPE_ value, with the FCS bits above bit 25 masked off ({@code & 0x03FFFFFF})
 */
public record PcapHeader(
    ByteOrder byteOrder,
    boolean nanosecond,
    boolean modified,
    int versionMajor,
    int versionMinor,
    long snaplen,
    int linkType) {

  /** The global header's size in bytes. */
  public static final int SIZE = 24;
  /** The magic of a microsecond file as a big-endian u32; little-endian files start {@code d4 c3 b2 a1}. */
  public static final int MAGIC_MICROS = 0xA1B2C3D4;
  /** The magic of a nanosecond file. */
  public static final int MAGIC_NANOS = 0xA1B23C4D;
  /** The magic of Alexey Kuznetsov's modified format (microseconds, 24-byte record headers). */
  public static final int MAGIC_MODIFIED = 0xA1B2CD34;
  /** The mask libpcap applies to the link-type field ({@code LT_LINKTYPE}). */
  public static final int LINK_TYPE_MASK = 0x03FFFFFF;

  public PcapHeader {
    requireNonNull(byteOrder, "byteOrder");
    if (versionMajor != 2) {
      throw new IllegalArgumentException("pcap version " + versionMajor + "." + versionMinor + " (expected: 2.x)");
    }
    if (snaplen < 0 || snaplen > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("snaplen " + snaplen + " (expected: u32)");
    }
    if ((linkType & ~LINK_TYPE_MASK) != 0) {
      throw new IllegalArgumentException("link type 0x" + Integer.toHexString(linkType) + " has FCS bits set");
    }
  }

  /** Returns the record header size: 16, or 24 for the modified format. */
  public int recordHeaderSize() {
    return modified ? 24 : 16;
  }

  /** Returns whether a big-endian u32 read from the first 4 bytes is one of the six classic pcap magics. */
  static boolean isMagic(int firstFourBigEndian) {
    return magicOrder(firstFourBigEndian) != null;
  }

  /** Returns the byte order that the first four bytes imply, or null when they are not a pcap magic. */
  static @Nullable ByteOrder magicOrder(int firstFourBigEndian) {
    int swapped = Integer.reverseBytes(firstFourBigEndian);
    if (isKnown(firstFourBigEndian)) {
      return ByteOrder.BIG_ENDIAN;
    }
    return isKnown(swapped) ? ByteOrder.LITTLE_ENDIAN : null;
  }

  private static boolean isKnown(int magic) {
    return magic == MAGIC_MICROS || magic == MAGIC_NANOS || magic == MAGIC_MODIFIED;
  }
}
