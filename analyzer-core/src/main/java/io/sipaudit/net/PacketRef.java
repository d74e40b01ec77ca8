package io.sipaudit.net;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * Where a payload came from: file, frame number, the frame record's byte offset, and its time.
 *
 * <p>Example: {@code calls.pcap frame 12 (offset 4711) at 2026-11-26T04:45:05.733131Z}. For a reassembled
 * datagram or stream it is the frame that completed it, as tshark reports it. For a text trace the frame is the
 * 1-based line where the message starts and the offset that line's byte offset; values the trace did not hold
 * (FreeSWITCH's missing date, the logging node's own address) are listed in {@link #inferred()}.
 *
 * @param source the capture's name (its path as given, or {@code "-"} for standard input)
 * @param frame 1-based frame number in that file (for a text trace: line number)
 * @param fileOffset byte offset of the frame record (or line) in the (uncompressed) file
 * @param timestamp capture time of that frame, or the HEP timestamp for HEP-encapsulated payloads
 * @param inferred the values that were filled in by sipaudit rather than read from the input; empty for captures
 */
public record PacketRef(String source, long frame, long fileOffset, Instant timestamp, Set<Inferred> inferred) {

  /** A value of a message's location that a text trace did not hold and sipaudit filled in. */
  public enum Inferred {
    /** The time, or its date, is assumed: FreeSWITCH's time of day, a synthetic clock, or {@code --date}. */
    TIME,
    /** The sender's address is assumed: the logging node itself, or read from a Via header. */
    SOURCE,
    /** The receiver's address is assumed: the logging node itself, or read from the Request-URI. */
    DESTINATION,
    /** The transport is taken from the Via header. */
    TRANSPORT
  }

  public PacketRef {
    requireNonNull(source, "source");
    requireNonNull(timestamp, "timestamp");
    inferred = Set.copyOf(requireNonNull(inferred, "inferred"));
  }

  /** A location whose every value was read from the input, as for all captures. */
  public PacketRef(String source, long frame, long fileOffset, Instant timestamp) {
    this(source, frame, fileOffset, timestamp, Set.of());
  }

  /** Returns this reference with another timestamp (HEP carries the original capture time). */
  public PacketRef withTimestamp(Instant t) {
    return new PacketRef(source, frame, fileOffset, t, inferred);
  }

  /** Returns whether {@code value} was filled in rather than read from the input. */
  public boolean isInferred(Inferred value) {
    return inferred.contains(value);
  }

  @Override
  public String toString() {
    return source + " frame " + frame + " (offset " + fileOffset + ")";
  }
}
