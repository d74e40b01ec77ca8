package io.sipaudit.capture;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One packet record read from a capture file, before any decoding: link-layer bytes and where they came from.
 *
 * <p>Example: frame 12 of {@code calls.pcap}, record at byte offset 4711, link type 1 (Ethernet),
 * 842 bytes captured of 842 on the wire, at 2026-11-26T04:45:05.733131Z.
 *
 * @param number 1-based position among the packet records of its file (what tshark calls the frame number)
 * @param timestamp capture time, to the file's resolution (micro- or nanoseconds)
 * @param linkType the LINKTYPE_ value of the interface the packet was captured on (1 Ethernet, 113 SLL, ...)
 * @param originalLength the length on the wire; larger than {@code data.remaining()} when snaplen cut the packet
 * @param data the captured bytes, read-only, position 0
 * @param interfaceId the pcapng interface id within its section (0 for classic pcap)
 * @param fileOffset byte offset of the record (pcap record header or pcapng block) in the uncompressed file
 */
public record CapturedFrame(
    long number,
    Instant timestamp,
    int linkType,
    int originalLength,
    ByteBuffer data,
    int interfaceId,
    long fileOffset) {

  public CapturedFrame {
    requireNonNull(timestamp, "timestamp");
    requireNonNull(data, "data");
    if (number < 1) {
      throw new IllegalArgumentException("frame number " + number + " (expected: >= 1)");
    }
    if (originalLength < data.remaining()) {
      throw new IllegalArgumentException(
          "original length " + originalLength + " < captured length " + data.remaining());
    }
    data = data.isReadOnly() ? data : data.asReadOnlyBuffer();
  }

  /** Returns the number of bytes captured. */
  public int capturedLength() {
    return data.remaining();
  }

  /** Returns whether snaplen cut this packet short. */
  public boolean truncated() {
    return originalLength > data.remaining();
  }
}
