package io.sipaudit.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decides what one direction of a TCP connection carries and decodes it: plain bytes (SIP, passed on as
 * {@link StreamData}), TLS (counted, dropped), WebSocket after an HTTP upgrade (RFC 6455 frames, RFC 7118 SIP
 * messages, passed on as {@link Datagram}s) or HEP3 messages back to back.
 *
 * <p>Both directions of a connection share one {@link Connection}, so a TLS ServerHello marks the client's
 * direction too, and a WebSocket upgrade request prepares the server's 101 reply.
 */
final class StreamApp {
  private static final int MAX_HTTP_HEADER = 16 * 1024;
  private static final int MAX_BUFFER = 1 << 20;

  enum Kind { UNKNOWN, PLAIN, TLS, HTTP_HEADER, WEBSOCKET, HEP }

  static final class Connection {
    boolean tls;
    boolean websocket;
  }

  private final FlowKey flow;
  private final NetStats stats;
  private final Connection connection;
  private Kind kind = Kind.UNKNOWN;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final ByteArrayOutputStream wsMessage = new ByteArrayOutputStream();
  private boolean wsInMessage;
  private boolean sentData;

  StreamApp(FlowKey flow, NetStats stats, @Nullable StreamApp reverse) {
    this.flow = flow;
    this.stats = stats;
    this.connection = reverse == null ? new Connection() : reverse.connection;
  }

  void accept(PacketRef ref, ByteBuffer bytes, long skipped, boolean midStream, Consumer<NetEvent> out) {
    if (connection.tls) {
      kind = Kind.TLS;
    }
    if (kind == Kind.UNKNOWN) {
      kind = sniff(bytes);
    }
    switch (kind) {
      case TLS -> { }
      case PLAIN, UNKNOWN -> {
        sentData = true;
        out.accept(new StreamData(ref, flow, Transport.TCP, bytes, skipped, midStream));
      }
      case HTTP_HEADER -> httpHeader(ref, bytes, out);
      case WEBSOCKET -> {
        if (skipped > 0) {
          stats.malformed("WebSocket stream gap (frames lost)");
          buffer.reset();
          wsMessage.reset();
          wsInMessage = false;
        }
        append(bytes);
        websocketFrames(ref, out);
      }
      case HEP -> {
        if (skipped > 0) {
          buffer.reset();
        }
        append(bytes);
        hepMessages(ref, out);
      }
    }
  }

  void close(PacketRef ref, Consumer<NetEvent> out) {
    if (sentData) {
      out.accept(new StreamClosed(ref, flow));
    }
  }

  private Kind sniff(ByteBuffer b) {
    int n = b.remaining();
    int p = b.position();
    if (n >= 3 && (b.get(p) >= 0x14 && b.get(p) <= 0x17) && b.get(p + 1) == 0x03 && (b.get(p + 2) & 0xff) <= 4) {
      if (!connection.tls) {
        connection.tls = true;
        boolean clientHello = n >= 6 && b.get(p) == 0x16 && b.get(p + 5) == 0x01;
        stats.tls(clientHello ? flow : flow.reverse());
      }
      return Kind.TLS;
    }
    String head = ascii(b, Math.min(n, 13));
    if (head.startsWith("HEP3")) {
      return Kind.HEP;
    }
    if (head.startsWith("GET ") || head.startsWith("HTTP/1.1 101") || head.startsWith("HTTP/1.0 101")) {
      return Kind.HTTP_HEADER;
    }
    return Kind.PLAIN;
  }

  /** Collects an HTTP header; after an Upgrade to websocket the rest of the stream is WebSocket frames. */
  private void httpHeader(PacketRef ref, ByteBuffer bytes, Consumer<NetEvent> out) {
    append(bytes);
    byte[] all = buffer.toByteArray();
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      if (all.length > MAX_HTTP_HEADER) {
        kind = Kind.PLAIN;
        buffer.reset();
        sentData = true;
        out.accept(new StreamData(ref, flow, Transport.TCP, ByteBuffer.wrap(all), 0, false));
      }
      return;
    }
    String header = new String(all, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    buffer.reset();
    if (header.contains("websocket")) {
      kind = Kind.WEBSOCKET;
      if (!connection.websocket) {
        connection.websocket = true;
        stats.add(NetCounter.WEBSOCKET_CONNECTIONS);
      }
      buffer.write(all, end + 4, all.length - end - 4);
      websocketFrames(ref, out);
    } else {
      kind = Kind.PLAIN;   // plain HTTP: pass it on; the SIP stage will not recognise it
      sentData = true;
      out.accept(new StreamData(ref, flow, Transport.TCP, ByteBuffer.wrap(all), 0, false));
    }
  }

  /** Decodes complete RFC 6455 frames from the buffer; each finished text/binary message is one datagram. */
  private void websocketFrames(PacketRef ref, Consumer<NetEvent> out) {
    byte[] all = buffer.toByteArray();
    int p = 0;
    while (all.length - p >= 2) {
      int b0 = all[p] & 0xff;
      int b1 = all[p + 1] & 0xff;
      boolean fin = (b0 & 0x80) != 0;
      int opcode = b0 & 0x0f;
      boolean masked = (b1 & 0x80) != 0;
      long len = b1 & 0x7f;
      int h = 2;
      if (len == 126) {
        if (all.length - p < 4) {
          break;
        }
        len = ((all[p + 2] & 0xff) << 8) | (all[p + 3] & 0xff);
        h = 4;
      } else if (len == 127) {
        if (all.length - p < 10) {
          break;
        }
        len = ByteBuffer.wrap(all, p + 2, 8).getLong();
        h = 10;
      }
      if (len < 0 || len > MAX_BUFFER) {
        stats.malformed("WebSocket frame length " + len);
        buffer.reset();
        return;
      }
      int maskAt = p + h;
      if (masked) {
        h += 4;
      }
      if (all.length - p < h + len) {
        break;
      }
      int start = p + h;
      byte[] payload = new byte[(int) len];
      for (int i = 0; i < len; i++) {
        payload[i] = masked ? (byte) (all[start + i] ^ all[maskAt + (i & 3)]) : all[start + i];
      }
      p = start + (int) len;
      if (opcode >= 8) {
        continue;   // close, ping, pong
      }
      if (opcode != 0) {
        wsMessage.reset();
        wsInMessage = true;
      } else if (!wsInMessage) {
        stats.malformed("WebSocket continuation without a first frame");
        continue;
      }
      wsMessage.writeBytes(payload);
      if (fin) {
        wsInMessage = false;
        stats.add(NetCounter.WEBSOCKET_MESSAGES);
        out.accept(new Datagram(ref, flow.src(), flow.dst(), Transport.WS, ByteBuffer.wrap(wsMessage.toByteArray()), null));
        wsMessage.reset();
      }
    }
    keepFrom(all, p);
  }

  /** Frames HEP3 messages by their length field (HEP over TCP). */
  private void hepMessages(PacketRef ref, Consumer<NetEvent> out) {
    byte[] all = buffer.toByteArray();
    int p = 0;
    while (all.length - p >= 6) {
      if (all[p] != 'H' || all[p + 1] != 'E' || all[p + 2] != 'P' || all[p + 3] != '3') {
        stats.malformed("HEP3 stream out of step");
        buffer.reset();
        return;
      }
      int len = ((all[p + 4] & 0xff) << 8) | (all[p + 5] & 0xff);
      if (len < 6) {
        stats.malformed("HEP3 length " + len);
        buffer.reset();
        return;
      }
      if (all.length - p < len) {
        break;
      }
      HepDecoder.decode(ref, ByteBuffer.wrap(all, p, len).slice(), stats, out);
      p += len;
    }
    keepFrom(all, p);
  }

  private void append(ByteBuffer bytes) {
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    buffer.writeBytes(copy);
    if (buffer.size() > MAX_BUFFER) {
      stats.malformed("TCP application buffer over 1 MiB (dropped)");
      buffer.reset();
    }
  }

  private void keepFrom(byte[] all, int p) {
    buffer.reset();
    buffer.write(all, p, all.length - p);
  }

  private static String ascii(ByteBuffer b, int n) {
    byte[] a = new byte[n];
    b.get(b.position(), a);
    return new String(a, StandardCharsets.ISO_8859_1);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
