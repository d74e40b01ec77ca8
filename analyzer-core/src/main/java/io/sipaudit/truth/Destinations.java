package io.sipaudit.truth;

import java.util.Locale;

/**
 * Normalises the destinations found in a balancer log to {@code host:port}.
 *
 * <p>{@code sip:127.0.1.12:5060;transport=tcp} becomes {@code 127.0.1.12:5060}; {@code sip:[::1]} becomes
 * {@code [::1]:5060}; {@code sips:gw.example.com} and {@code sip:gw.example.com;transport=tls} become
 * {@code gw.example.com:5061}; a bare
 * {@code 127.0.1.12:5060} stays as it is.
 */
public final class Destinations {
  private Destinations() {
  }

  /** Returns {@code host:port} for a SIP URI or a {@code host[:port]} string. */
  public static String hostPort(String destination) {
    String s = destination.trim();
    int defaultPort = 5060;
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sips:")) {
      defaultPort = 5061;
      s = s.substring(5);
    } else if (lower.startsWith("sip:")) {
      s = s.substring(4);
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    int cut = indexOfAny(s, ";?>");
    if (cut >= 0) {
      for (String param : s.substring(cut + 1).split("[;?>]")) {
        if (param.strip().equalsIgnoreCase("transport=tls")) {
          defaultPort = 5061;   // RFC 3261 §19.1.2: 5061 for TLS (Kamailio's ;transport=tls destinations)
        }
      }
      s = s.substring(0, cut);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("no host in destination '" + destination + "'");
    }
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed IPv6 reference in '" + destination + "'");
      }
      return close + 1 < s.length() && s.charAt(close + 1) == ':' ? s : s.substring(0, close + 1) + ":" + defaultPort;
    }
    return s.indexOf(':') >= 0 ? s : s + ":" + defaultPort;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
