package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One record of a text trace: a header (a banner line, or a block of lines) saying what the trace knows about the
 * message, then the message lines, each undecorated by {@link #payload}. Subclasses fill the fields as they read
 * the header; what stays null is inferred later.
 *
 * <p>Example: {@code recv 584 bytes from udp/[192.0.2.4]:5090 at 12:30:57.916812:} gives direction
 * {@link Direction#IN}, transport UDP, source 192.0.2.4:5090, a time of day and 584 bytes.
 */
class TraceRecord {
  /** What {@link #header} did with a line. */
  enum HeaderStep {
    /** The line belongs to the header, which goes on. */
    MORE,
    /** The line belongs to the header, which is complete. */
    DONE,
    /** The header was already complete: the line is payload. */
    NOT_MINE
  }

  final TextFormat format;
  final long line;
  final long offset;
  Direction direction = Direction.UNKNOWN;
  @Nullable Transport transport;
  @Nullable Endpoint src;
  @Nullable Endpoint dst;
  @Nullable LogTime time;
  /** The message size on the wire as the trace gives it, or -1. */
  int byteCount = -1;
  /** Whether this record carries the rest of an IP datagram whose first fragment opened an earlier record. */
  boolean fragment;
  /** Something to say about every message of the record, e.g. that its body is not in the trace; or null. */
  @Nullable String note;
  /** The resolved time, once the first message of the record asked for it. */
  TimeResolver.@Nullable Resolved resolved;
  int messages;
  int noise;

  TraceRecord(TextFormat format, TextLine opening) {
    this.format = requireNonNull(format, "format");
    this.line = opening.number();
    this.offset = opening.offset();
  }

  /** Offers a line that follows the opening line while the header is incomplete. */
  HeaderStep header(TextLine next) {
    return HeaderStep.NOT_MINE;
  }

  /** Returns whether the line is certainly message data (a byte count says so), never a marker of any format. */
  boolean owns(TextLine next) {
    return false;
  }

  /** Returns what a line after the header is; {@code following} is the line after it (null at the end). */
  Payload payload(TextLine next, boolean inMessage, @Nullable TextLine following) {
    return Payload.text(next.text(), next.crlf());
  }

  /** Returns the message text a line would give, without changing any state; used to look one line ahead. */
  String preview(TextLine next) {
    return next.text();
  }

  /** Returns whether messages of this format carry their body in the trace (tshark -V shows it dissected). */
  boolean bodies() {
    return true;
  }

  /** Returns whether the format logs one message per record (TCP segments and frames may hold several). */
  boolean oneMessage() {
    return true;
  }

  /** Returns whether a record without a message is a keep-alive (else it is framing, like tshark's block head). */
  boolean expectsMessage() {
    return true;
  }

  /**
   * Returns whether this record continues an unfinished message of {@code previous}: the next TCP segment of the
   * same connection direction, or the next fragment of the same datagram.
   */
  boolean continues(TraceRecord previous) {
    if (previous.format != format || src == null || dst == null || previous.src == null || previous.dst == null) {
      return false;
    }
    if (fragment) {
      return src.address().equals(previous.src.address()) && dst.address().equals(previous.dst.address());
    }
    return transport == Transport.TCP && previous.transport == Transport.TCP
        && src.equals(previous.src) && dst.equals(previous.dst);
  }

  /** Returns the endpoint of a literal address and a port, or null for names, redactions and bad ports. */
  static @Nullable Endpoint endpoint(String host, @Nullable String port) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    int p = 0;
    if (port != null) {
      if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      p = Integer.parseInt(port);
    }
    if (p > 65535 || h.isEmpty()) {
      return null;
    }
    byte[] v4 = ipv4(h);
    try {
      if (v4 != null) {
        return new Endpoint(InetAddress.getByAddress(v4), p);
      }
      boolean v6 = h.indexOf(':') >= 0 && h.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
      return v6 ? new Endpoint(InetAddress.getByName(h), p) : null;   // a literal: no lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Returns the four bytes of a dotted-quad IPv4 address, or null. */
  private static byte @Nullable [] ipv4(String h) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= h.length(); i++) {
      char c = i < h.length() ? h.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else if (c == '.' && value >= 0 && part < 4) {
        out[part++] = (byte) value;
        value = -1;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  /** Returns the endpoint of {@code ip:port} split at the last colon (IPv6 unbracketed), or null. */
  static @Nullable Endpoint endpointAtLastColon(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      return endpoint(hostPort, null);
    }
    String host = hostPort.substring(0, colon);
    return endpoint(host, hostPort.substring(colon + 1));
  }

  /** Returns the transport a trace names ({@code udp}, {@code TCP}, {@code wss}, ...), or null. */
  static @Nullable Transport transport(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "UDP", "UDP6" -> Transport.UDP;
      case "TCP", "TCP6" -> Transport.TCP;
      case "TLS", "TLS6" -> Transport.TLS;
      case "SCTP" -> Transport.SCTP;
      case "WS", "WSS", "WS6", "WSS6" -> Transport.WS;
      default -> null;
    };
  }
}
