package io.sipaudit.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Takes user messages out of SCTP DATA chunks (RFC 9260 §3.3.1): one {@link Datagram} per complete message.
 *
 * <p>A message in one chunk has both the B (beginning) and E (end) flags; a fragmented one is collected per
 * (association direction, stream) until its E chunk. Other chunk types (INIT, SACK, HEARTBEAT, ...) are
 * skipped. Example: a DATA chunk with flags 0x03, stream 0, PPID 0 and a 900-byte INVITE yields one datagram.
 */
final class SctpDecoder {
  private static final int MAX_MESSAGE = 1 << 20;

  private final NetStats stats;
  private final EndpointCache endpoints;
  private final Map<String, ByteArrayOutputStream> partial = new HashMap<>();

  SctpDecoder(NetStats stats, EndpointCache endpoints) {
    this.stats = stats;
    this.endpoints = endpoints;
  }

  void decode(PacketRef ref, byte[] srcIp, byte[] dstIp, ByteBuffer b, int off, int end, Consumer<NetEvent> out) {
    if (end - off < 12) {
      stats.malformed("SCTP common header cut short");
      return;
    }
    Endpoint src = endpoints.get(srcIp, NetDecoder.u16(b, off));
    Endpoint dst = endpoints.get(dstIp, NetDecoder.u16(b, off + 2));
    int p = off + 12;
    while (end - p >= 4) {
      int type = b.get(p) & 0xff;
      int flags = b.get(p + 1) & 0xff;
      int len = NetDecoder.u16(b, p + 2);
      if (len < 4 || p + len > end) {
        stats.malformed("SCTP chunk length " + len);
        return;
      }
      if (type == 0 && len >= 16) {
        stats.add(NetCounter.SCTP_DATA_CHUNKS);
        int stream = NetDecoder.u16(b, p + 8);
        data(ref, src, dst, stream, flags, b.slice(p + 16, len - 16), out);
      }
      p += (len + 3) & ~3;
    }
  }

  private void data(PacketRef ref, Endpoint src, Endpoint dst, int stream, int flags, ByteBuffer chunk,
      Consumer<NetEvent> out) {
    boolean begin = (flags & 0x02) != 0;
    boolean endOfMessage = (flags & 0x01) != 0;
    if (begin && endOfMessage) {
      out.accept(new Datagram(ref, src, dst, Transport.SCTP, chunk, null));
      return;
    }
    String key = src + ">" + dst + "#" + stream;
    ByteArrayOutputStream buf = begin ? new ByteArrayOutputStream() : partial.get(key);
    if (buf == null) {
      stats.malformed("SCTP message continued without its first chunk");
      return;
    }
    byte[] bytes = new byte[chunk.remaining()];
    chunk.duplicate().get(bytes);
    buf.writeBytes(bytes);
    if (buf.size() > MAX_MESSAGE) {
      partial.remove(key);
      stats.malformed("SCTP message over 1 MiB");
      return;
    }
    if (endOfMessage) {
      partial.remove(key);
      out.accept(new Datagram(ref, src, dst, Transport.SCTP, ByteBuffer.wrap(buf.toByteArray()), null));
    } else {
      partial.put(key, buf);
    }
  }
}
