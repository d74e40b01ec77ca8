package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

import io.sipaudit.capture.PcapWriter;
import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.MalformedSip;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes SIP messages, from a text trace or a capture, as a pcap that Wireshark, sngrep and sipaudit read: one
 * synthetic Ethernet/IP/UDP or TCP packet per message, at the message's time, between its addresses.
 *
 * <p>Example: {@code try (PcapConversion out = new PcapConversion(PcapWriter.create(path, 1, MICROS, false))) {
 * new SipIngest().run(List.of(Path.of("pjsip.log")), out); }}. UDP and SCTP messages become UDP datagrams; TCP,
 * TLS and WebSocket messages become TCP segments of one connection per direction, with consecutive sequence
 * numbers and no handshake, the SIP in clear text. A UDP message larger than an IPv4 datagram can hold
 * (65,507 bytes) is skipped and counted.
 */
public final class PcapConversion implements Consumer<IngestEvent>, AutoCloseable {
  /** Ethernet, the link type written. */
  public static final int LINKTYPE_ETHERNET = 1;
  private static final int MAX_UDP_PAYLOAD = 65_507;
  private static final int MAX_TCP_SEGMENT = 65_000;

  private final PcapWriter writer;
  private final Map<String, long[]> sequence = new HashMap<>();
  private long written;
  private long skipped;

  /** Writes to {@code writer}, which must have link type {@link #LINKTYPE_ETHERNET}; closes it when closed. */
  public PcapConversion(PcapWriter writer) {
    this.writer = requireNonNull(writer, "writer");
  }

  @Override
  public void accept(IngestEvent e) {
    ByteBuffer raw = e instanceof SipPacket p ? p.message().raw() : ((MalformedSip) e).raw();
    byte[] payload = new byte[raw.remaining()];
    raw.duplicate().get(payload);
    if (e.transport() == Transport.UDP || e.transport() == Transport.SCTP) {
      if (payload.length > MAX_UDP_PAYLOAD) {
        skipped++;
        return;
      }
      writer.write(e.ref().timestamp(), FrameEncoder.udp(e.src(), e.dst(), payload));
      written++;
      return;
    }
    long[] mine = sequence.computeIfAbsent(key(e.src(), e.dst()), k -> new long[] {1});
    long[] theirs = sequence.computeIfAbsent(key(e.dst(), e.src()), k -> new long[] {1});
    for (int off = 0; off < payload.length; off += MAX_TCP_SEGMENT) {
      byte[] segment = java.util.Arrays.copyOfRange(payload, off, Math.min(payload.length, off + MAX_TCP_SEGMENT));
      writer.write(e.ref().timestamp(), FrameEncoder.tcp(e.src(), e.dst(), mine[0], theirs[0], segment));
      mine[0] += segment.length;
    }
    written++;
  }

  /** Returns the messages written. */
  public long written() {
    return written;
  }

  /** Returns the UDP messages too large for a datagram, not written. */
  public long skipped() {
    return skipped;
  }

  private static String key(Endpoint from, Endpoint to) {
    return from + ">" + to;
  }

  @Override
  public void close() {
    writer.close();
  }
}
