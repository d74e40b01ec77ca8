package io.sipaudit.net;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where a payload came from: file, frame number, the frame record's byte offset, and its time.
 *
 * <p>Example: {@code calls.pcap frame 12 (offset 4711) at 2026-11-26T04:45:05.733131Z}. For a reassembled
 * datagram or stream it is the frame that completed it, as tshark reports it.
 *
 * @param source the capture's name (its path as given)
 * @param frame 1-based frame number in that file
 * @param fileOffset byte offset of the frame record in the (uncompressed) file
 * @param timestamp capture time of that frame, or the HEP timestamp for HEP-encapsulated payloads
 */
public record PacketRef(String source, long frame, long fileOffset, Instant timestamp) {
  public PacketRef {
    requireNonNull(source, "source");
    requireNonNull(timestamp, "timestamp");
  }

  /** Returns this reference with another timestamp (HEP carries the original capture time). */
  public PacketRef withTimestamp(Instant t) {
    return new PacketRef(source, frame, fileOffset, t);
  }

  @Override
  public String toString() {
    return source + " frame " + frame + " (offset " + fileOffset + ")";
  }
}
