package io.sipaudit.sip.header;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One Via value: the transport and address a request was sent from, with its branch and NAT parameters.
 *
 * <p>Example: {@code SIP/2.0/UDP [2001:db8::9]:5060;branch=z9hG4bK74bf9;received=2001:db8::10;rport=41000} has
 * transport {@code UDP}, host {@code [2001:db8::9]}, port 5060, branch {@code z9hG4bK74bf9}, received
 * {@code 2001:db8::10} and rport 41000. A bare {@code ;rport} (RFC 3581 §3, as sent by the client) gives
 * {@link #hasRport()} true and {@link #rport()} -1.
 *
 * <pre>via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
 * sent-protocol = protocol-name SLASH protocol-version SLASH transport
 * sent-by       = host [ COLON port ]</pre>
 *
 * @param protocol protocol name and version, normally {@code "SIP/2.0"}
 * @param transport the transport as written, e.g. {@code "UDP"}, {@code "TCP"}, {@code "WSS"}
 * @param host the sent-by host as written; IPv6 references keep their brackets
 * @param port the sent-by port, or -1 when absent (the transport's default applies)
 * @param params the via-params, names lower-cased
 */
public record Via(String protocol, String transport, String host, int port, Parameters params) {
  private static final String SIP_2_0 = "SIP/2.0";
  private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "udp", "tcp", "tls"};

  public Via {
    requireNonNull(protocol, "protocol");
    requireNonNull(transport, "transport");
    requireNonNull(host, "host");
    requireNonNull(params, "params");
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " (expected: -1 or 0..65535)");
    }
  }

  /** Parses one via-parm such as {@code "SIP/2.0/TCP 192.0.2.4:5060;branch=z9hG4bKx"}. */
  public static Via parse(String value) {
    return parse(Cursor.of(value));
  }

  /** Parses one via-parm from {@code buf[start, end)}; errors carry the offset from {@code start}. */
  public static Via parse(byte[] buf, int start, int end) {
    return parse(new Cursor(buf, start, end));
  }

  /** Returns the branch parameter (RFC 3261 §8.1.1.7), or null. */
  public @Nullable String branch() {
    return params.get("branch");
  }

  /** Returns the received parameter (the source address seen by the next hop, RFC 3261 §18.2.1), or null. */
  public @Nullable String received() {
    return params.get("received");
  }

  /** Returns whether an rport parameter is present, with or without a value (RFC 3581). */
  public boolean hasRport() {
    return params.has("rport");
  }

  /** Returns the rport value filled in by the next hop, or -1 when absent or empty. */
  public int rport() {
    String value = params.get("rport");
    if (value == null || value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    int port = Integer.parseInt(value);
    return port <= 65535 ? port : -1;
  }

  /** Returns {@code host:port}, or the host alone when there is no port. */
  public String sentBy() {
    return port < 0 ? host : host + ":" + port;
  }

  /** {@code via-parm = sent-protocol LWS sent-by *( SEMI via-params )}. */
  private static Via parse(Cursor c) {
    c.skipLws();
    String protocol;
    if (c.end - c.pos >= 8 && Parameters.matchesIgnoreCase(c.buf, c.pos, "sip/2.0/")) {
      protocol = SIP_2_0;
      c.pos += 8;
    } else {
      String name = c.token("protocol-name");
      c.expect('/', "'/' after protocol-name");
      c.skipLws();
      String version = c.token("protocol-version");
      c.expect('/', "'/' after protocol-version");
      protocol = name.toUpperCase(Locale.ROOT) + "/" + version;
    }
    c.skipLws();
    String transport = transport(c);
    int beforeLws = c.pos;
    c.skipLws();
    if (c.pos == beforeLws) {
      throw c.error("LWS before sent-by");
    }
    int hostStart = c.pos;
    int hostEnd = sentByHost(c);
    String host = c.string(hostStart, hostEnd);
    int port = -1;
    boolean portFollows = c.pos > hostEnd; // "host:port" read as one run
    if (portFollows) {
      c.pos = hostEnd + 1;
    }
    if (portFollows || c.consume(':')) {
      c.skipLws();
      long value = c.digits("port (1*DIGIT)");
      if (value > 65535) {
        throw c.error("port <= 65535");
      }
      port = (int) value;
    }
    Parameters params = Parameters.parse(c);
    if (!c.skipLws().atEnd()) {
      throw c.error("';' via-param or end of value");
    }
    return new Via(protocol, transport, host, port, params);
  }

  /** {@code transport = "UDP" / "TCP" / "TLS" / "SCTP" / "TLS-SCTP" / other-transport}, as written. */
  private static String transport(Cursor c) {
    int from = c.pos;
    while (!c.atEnd() && Cursor.isToken(c.peek())) {
      c.pos++;
    }
    if (c.pos == from) {
      throw c.error("transport (token)");
    }
    for (String known : TRANSPORTS) {
      if (known.length() == c.pos - from && Cursor.regionEquals(c.buf, from, known)) {
        return known;
      }
    }
    return c.string(from, c.pos);
  }

  /**
   * {@code host = hostname / IPv4address / IPv6reference}: moves past {@code host[:port]} written without spaces and
   * returns where the host ends; unbracketed IPv6 is split by {@link HostPort}.
   */
  private static int sentByHost(Cursor c) {
    int from = c.pos;
    if (c.peek() == '[') {
      int close = c.find(']');
      if (close < 0) {
        throw c.error("']' closing the IPv6reference");
      }
      c.pos = close + 1;
      return c.pos;
    }
    while (!c.atEnd() && (Cursor.isToken(c.peek()) || c.peek() == ':')) {
      c.pos++;
    }
    int hostEnd = HostPort.hostEnd(c.buf, from, c.pos);
    if (hostEnd == from) {
      throw c.error("sent-by host");
    }
    return hostEnd;
  }
}
