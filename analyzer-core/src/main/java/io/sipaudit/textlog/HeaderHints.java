package io.sipaudit.textlog;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.header.NameAddress;
import io.sipaudit.sip.header.SipUri;
import io.sipaudit.sip.header.Via;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Addresses and transport a message's own headers reveal, for traces that do not give them.
 *
 * <p>Example: a request with {@code Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK1;received=198.51.100.4;rport=
 * 40000} was sent from 198.51.100.4:40000 as seen by its receiver ({@link #viaSource}), and its transport is UDP;
 * {@code INVITE sip:bob@203.0.113.5:5080 SIP/2.0} goes to 203.0.113.5:5080 ({@link #requestTarget}), unless a
 * Route header names the next hop. Names that are not literal addresses give null: no DNS lookup, ever. Headers
 * that do not parse give null too.
 */
final class HeaderHints {
  private HeaderHints() {}

  /** Returns the top Via's sender: {@code received}/{@code rport} when present, else its sent-by. */
  static @Nullable Endpoint viaSource(SipMessage m) {
    Via via = topVia(m);
    if (via == null) {
      return null;
    }
    String host = via.received() != null ? via.received() : via.host();
    int port = via.rport() > 0 ? via.rport() : via.port() > 0 ? via.port() : defaultPort(via.transport());
    return TraceRecord.endpoint(host, Integer.toString(port));
  }

  /** Returns the top Via's sent-by, the address its sender put there (its own). */
  static @Nullable Endpoint viaSentBy(SipMessage m) {
    Via via = topVia(m);
    if (via == null) {
      return null;
    }
    int port = via.port() > 0 ? via.port() : defaultPort(via.transport());
    return TraceRecord.endpoint(via.host(), Integer.toString(port));
  }

  /** Returns where a request goes: its top Route, else its Request-URI. */
  static @Nullable Endpoint requestTarget(SipMessage m) {
    if (!(m instanceof SipRequest r)) {
      return null;
    }
    try {
      List<NameAddress> routes = r.routes();
      SipUri uri = routes.isEmpty() ? r.requestSipUri() : routes.get(0).uri();
      return uriEndpoint(uri);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Returns the top Record-Route's address, which a proxy puts there as its own. */
  static @Nullable Endpoint recordRoute(SipMessage m) {
    try {
      List<NameAddress> rr = m.recordRoutes();
      return rr.isEmpty() ? null : uriEndpoint(rr.get(0).uri());
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Returns the top Via's transport, or null. */
  static @Nullable Transport transport(SipMessage m) {
    Via via = topVia(m);
    return via == null ? null : TraceRecord.transport(via.transport());
  }

  private static @Nullable Endpoint uriEndpoint(SipUri uri) {
    String transport = uri.params().get("transport");
    int port = uri.port() > 0 ? uri.port() : "sips".equals(uri.scheme()) || "tls".equalsIgnoreCase(transport)
        ? 5061 : 5060;
    return TraceRecord.endpoint(uri.host(), Integer.toString(port));
  }

  private static int defaultPort(String transport) {
    return transport.toUpperCase(Locale.ROOT).startsWith("TLS") || transport.equalsIgnoreCase("WSS") ? 5061 : 5060;
  }

  private static @Nullable Via topVia(SipMessage m) {
    try {
      return m.topVia();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
