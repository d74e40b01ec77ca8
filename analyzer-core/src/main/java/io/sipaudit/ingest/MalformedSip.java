package io.sipaudit.ingest;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import java.nio.ByteBuffer;

/**
 * A SIP message that could not be parsed: kept, counted and shown, never fatal.
 *
 * <p>Example: {@code capture.pcap frame 7 (offset 1190), byte 31 of the message: header line without ':'}.
 *
 * @param ref file, frame and time
 * @param src sender
 * @param dst receiver
 * @param transport the transport
 * @param offset byte offset of the problem inside the message
 * @param reason what was expected
 * @param raw the message bytes, read-only
 */
public record MalformedSip(
    PacketRef ref, Endpoint src, Endpoint dst, Transport transport, int offset, String reason, ByteBuffer raw)
    implements IngestEvent {

  public MalformedSip {
    requireNonNull(ref, "ref");
    requireNonNull(src, "src");
    requireNonNull(dst, "dst");
    requireNonNull(transport, "transport");
    requireNonNull(reason, "reason");
    requireNonNull(raw, "raw");
    raw = raw.isReadOnly() ? raw : raw.asReadOnlyBuffer();
  }

  /** Returns {@code "<file> frame N (offset M), byte K: reason"}. */
  public String location() {
    return ref + ", byte " + offset + " of the message: " + reason;
  }
}
