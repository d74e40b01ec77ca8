package io.sipaudit.sip.header;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A URI as found in a Request-URI, From, To, Contact or Route: the parts of {@code sip:}, {@code sips:} and
 * {@code tel:} URIs, and the bare text of any other scheme.
 *
 * <p>Example: {@code sip:alice;day=tue@[2001:db8::7]:5061;transport=tcp?subject=x} has user {@code alice;day=tue},
 * host {@code [2001:db8::7]} (IPv6 references keep their brackets), port 5061 and parameter
 * {@code transport=tcp}; {@code tel:+1-201-555-0123;phone-context=example.com} has user
 * {@code +1-201-555-0123}, no host and parameter {@code phone-context}.
 *
 * <pre>SIP-URI  = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
 * userinfo = ( user / telephone-subscriber ) [ ":" password ] "@"
 * hostport = host [ ":" port ]
 * host     = hostname / IPv4address / IPv6reference
 * telephone-uri = "tel:" telephone-subscriber   (RFC 3966)</pre>
 *
 * <p>Lenient, never throws: a redacted or odd host such as {@code <PUBLIC IP>} is kept as text; a port that is not
 * 1..65535 digits is reported as -1. An IPv6 address without brackets (not RFC grammar, but seen in the wild) is
 * split from its port as {@link HostPort} describes.
 *
 * @param text the URI as written (after unfolding)
 * @param scheme lower-case scheme, e.g. {@code "sip"}; {@code ""} when there is no colon (e.g. a Contact {@code *})
 * @param user the user part without password, or the tel: number; {@code ""} if none
 * @param host the host as written; {@code ""} for tel: and other schemes
 * @param port the port, or -1 when absent or not a number
 * @param params the URI parameters ({@code ;transport=tcp;lr}); names lower-cased
 */
public record SipUri(String text, String scheme, String user, String host, int port, Parameters params) {
  private static final String[] KNOWN_SCHEMES = {"sip", "sips", "tel"};

  public SipUri {
    requireNonNull(text, "text");
    requireNonNull(scheme, "scheme");
    requireNonNull(user, "user");
    requireNonNull(host, "host");
    requireNonNull(params, "params");
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " (expected: -1 or 0..65535)");
    }
  }

  /** Parses a URI such as {@code "sip:bob@192.0.2.4:5060;transport=udp"}. */
  public static SipUri parse(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, 0, bytes.length);
  }

  /** Parses the URI in {@code buf[start, end)}. */
  public static SipUri parse(byte[] buf, int start, int end) {
    String text = new String(buf, start, end - start, StandardCharsets.UTF_8);
    int colon = indexOf(buf, start, end, ':');
    if (colon < 0) {
      return new SipUri(text, "", "", "", -1, Parameters.NONE);
    }
    String scheme = scheme(buf, start, colon);
    int p = colon + 1;
    if (scheme.equals("tel")) {
      int semi = stop(buf, p, end, ';');
      return new SipUri(text, scheme, string(buf, p, semi), "", -1, uriParams(buf, semi, end));
    }
    if (!scheme.equals("sip") && !scheme.equals("sips")) {
      return new SipUri(text, scheme, "", "", -1, Parameters.NONE);
    }
    int headers = indexOf(buf, p, end, '?');
    int uriEnd = headers < 0 ? end : headers;
    String user = "";
    int at = lastIndexOf(buf, p, uriEnd, '@');
    if (at >= 0) {
      int password = indexOf(buf, p, at, ':');
      user = string(buf, p, password < 0 ? at : password);
      p = at + 1;
    }
    int hostEnd;
    if (p < uriEnd && buf[p] == '[') {
      int close = indexOf(buf, p, uriEnd, ']');
      hostEnd = close < 0 ? stop(buf, p, uriEnd, ';') : close + 1;
    } else {
      hostEnd = HostPort.hostEnd(buf, p, stop(buf, p, uriEnd, ';'));
    }
    String host = string(buf, p, hostEnd);
    int paramsStart = stop(buf, hostEnd, uriEnd, ';');
    int port = hostEnd < uriEnd && buf[hostEnd] == ':' ? port(buf, hostEnd + 1, paramsStart) : -1;
    return new SipUri(text, scheme, user, host, port, uriParams(buf, paramsStart, uriEnd));
  }

  /** Returns whether the scheme is {@code sip} or {@code sips}. */
  public boolean isSip() {
    return scheme.equals("sip") || scheme.equals("sips");
  }

  /** Returns {@code host:port}, or the host alone when there is no port. */
  public String hostPort() {
    return port < 0 ? host : host + ":" + port;
  }

  /** Returns the text as written. */
  @Override
  public String toString() {
    return text;
  }

  /** {@code uri-parameters = *( ";" uri-parameter )}, read from the {@code ;} at {@code p} to {@code end}. */
  private static Parameters uriParams(byte[] buf, int p, int end) {
    if (p >= end) {
      return Parameters.NONE;
    }
    List<String> pairs = new ArrayList<>(8);
    while (p < end) {
      int next = stop(buf, p + 1, end, ';');
      int eq = indexOf(buf, p + 1, next, '=');
      if (next > p + 1) {
        pairs.add(Parameters.name(buf, p + 1, eq < 0 ? next : eq));
        pairs.add(eq < 0 ? "" : string(buf, eq + 1, next));
      }
      p = next;
    }
    return Parameters.of(pairs);
  }

  /** Returns the lower-case scheme, without a new String for sip, sips and tel. */
  private static String scheme(byte[] buf, int from, int to) {
    for (String known : KNOWN_SCHEMES) {
      if (known.length() == to - from && Parameters.matchesIgnoreCase(buf, from, known)) {
        return known;
      }
    }
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
  }

  private static int port(byte[] buf, int from, int to) {
    if (to - from < 1 || to - from > 5) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      if (buf[i] < '0' || buf[i] > '9') {
        return -1;
      }
      value = value * 10 + buf[i] - '0';
    }
    return value <= 65535 ? value : -1;
  }

  private static int indexOf(byte[] buf, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (buf[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] buf, int from, int to, char c) {
    for (int i = to - 1; i >= from; i--) {
      if (buf[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the index of {@code c} in {@code [from, to)}, or {@code to}. */
  private static int stop(byte[] buf, int from, int to, char c) {
    int i = indexOf(buf, from, to, c);
    return i < 0 ? to : i;
  }

  private static String string(byte[] buf, int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.UTF_8);
  }
}
