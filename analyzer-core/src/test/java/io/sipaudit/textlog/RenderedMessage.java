package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.MalformedSip;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * One message of a capture, as the renderers need it: bytes, addresses, transport, time, and which way it went
 * seen from the logging node.
 *
 * <p>Example: the INVITE of frame 3 of {@code rr-alg4}, 127.0.1.100:5060 -> 127.0.1.1:5060 over UDP, is inbound
 * for the balancer node {@code {127.0.1.1}}.
 */
record RenderedMessage(byte[] raw, Endpoint src, Endpoint dst, Transport transport, Instant time, boolean inbound) {
  RenderedMessage {
    requireNonNull(raw, "raw");
    requireNonNull(src, "src");
    requireNonNull(dst, "dst");
    requireNonNull(transport, "transport");
    requireNonNull(time, "time");
  }

  static RenderedMessage of(IngestEvent e, Set<InetAddress> node) {
    ByteBuffer b = e instanceof SipPacket p ? p.message().raw() : ((MalformedSip) e).raw();
    byte[] raw = new byte[b.remaining()];
    b.duplicate().get(raw);
    return new RenderedMessage(raw, e.src(), e.dst(), e.transport(), e.ref().timestamp(),
        node.contains(e.dst().address()) && !node.contains(e.src().address()));
  }

  /** The peer of the node: the sender of an inbound message, the receiver of an outbound one. */
  Endpoint peer() {
    return inbound ? src : dst;
  }

  /** The message as text, byte for byte. */
  String text() {
    return new String(raw, StandardCharsets.ISO_8859_1);
  }

  /** The message without CRs, split into lines (the last, after the final line end, dropped). */
  String[] lines() {
    String t = text().replace("\r", "");
    if (t.endsWith("\n")) {
      t = t.substring(0, t.length() - 1);
    }
    return t.split("\n", -1);
  }

  boolean isRequest() {
    return !text().startsWith("SIP/2.0 ");
  }

  String firstLine() {
    return lines()[0];
  }

  ZonedDateTime utc() {
    return time.atZone(ZoneOffset.UTC);
  }

  /** {@code HH:MM:SS.uuuuuu}. */
  String timeOfDay() {
    ZonedDateTime z = utc();
    return String.format("%02d:%02d:%02d.%06d", z.getHour(), z.getMinute(), z.getSecond(), z.getNano() / 1000);
  }

  /** {@code sec.uuuuuu} since the epoch. */
  String epochMicros() {
    return time.getEpochSecond() + "." + String.format("%06d", time.getNano() / 1000);
  }

  /** The address without brackets, then the port: {@code 2001:db8::1:5060}, {@code 192.0.2.1:5060}. */
  static String unbracketed(Endpoint e) {
    return e.host() + ":" + e.port();
  }
}
