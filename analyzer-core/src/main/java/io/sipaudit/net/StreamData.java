package io.sipaudit.net;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;

/**
 * In-order bytes of one direction of a TCP connection, as reassembled so far.
 *
 * <p>{@code skippedBefore} is the number of bytes lost before these (a capture gap, or data that arrived
 * when the connection was first seen mid-stream); a consumer that frames messages must resynchronise after
 * a non-zero value. {@code midStream} is true for the first data of a connection whose start (SYN) was not
 * captured.
 *
 * @param ref the frame that delivered (or completed) these bytes
 * @param flow the direction
 * @param transport TCP (or TLS for counted, undecodable streams: never emitted with data)
 * @param data the bytes, read-only
 * @param skippedBefore bytes missing before {@code data}; 0 when contiguous with the previous data
 * @param midStream true when the connection's start was not seen and this is its first data
 */
public record StreamData(
    PacketRef ref, FlowKey flow, Transport transport, ByteBuffer data, long skippedBefore, boolean midStream)
    implements NetEvent {

  public StreamData {
    requireNonNull(ref, "ref");
    requireNonNull(flow, "flow");
    requireNonNull(transport, "transport");
    requireNonNull(data, "data");
    if (skippedBefore < 0) {
      throw new IllegalArgumentException("skippedBefore " + skippedBefore + " (expected: >= 0)");
    }
    data = data.isReadOnly() ? data : data.asReadOnlyBuffer();
  }
}
