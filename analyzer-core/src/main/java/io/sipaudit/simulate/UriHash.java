package io.sipaudit.simulate;

/**
 * The dispatcher's URI hashes (Kamailio alg 1-3, OpenSIPS alg 1-3: user, then host[:port]) worked out on the URI
 * text itself, without parsing it into a {@link io.sipaudit.sip.header.SipUri} or building the keys, for the
 * common case: a {@code sip:} or {@code sips:} URI in US-ASCII with a host name or IPv4 address. Anything else
 * (tel:, IPv6, non-ASCII text, and for OpenSIPS URI parameters, which may name the transport) returns −1 and the
 * caller takes the general path, so both give the same hash.
 *
 * <p>Example: {@code kamailio(" sip:bob@biloxi.com:5080;lr ", 0)} is {@code KamailioHash.hash("bob",
 * "biloxi.com:5080")}; with port 5060 the key is {@code "biloxi.com"}.
 */
public final class UriHash {
  private UriHash() {
  }

  /** Kamailio's URI hash with dispatcher {@code flags} (bit 1: the user only), or −1 for the general path. */
  public static long kamailio(String text, int flags) {
    return kamailio(text, flags, scratch());
  }

  /** As {@link #kamailio(String, int)}, with {@code scratch} from {@link #scratch()} for the parts. */
  public static long kamailio(String text, int flags, int[] scratch) {
    return hash(text, (flags & 1) != 0, false, scratch);
  }

  /** OpenSIPS's {@code get_uri_hash_keys()} hash ({@code userOnly}: flag {@code u}), or −1 for the general path. */
  public static long opensips(String text, boolean userOnly) {
    return opensips(text, userOnly, scratch());
  }

  /** As {@link #opensips(String, boolean)}, with {@code scratch} from {@link #scratch()} for the parts. */
  public static long opensips(String text, boolean userOnly, int[] scratch) {
    return hash(text, userOnly, true, scratch);
  }

  /** Returns room for one URI's parts, to be reused call after call by one replay (not shared between threads). */
  public static int[] scratch() {
    return new int[7];
  }

  /** Indexes of {@link #split}'s result. */
  static final int USER_FROM = 0;
  static final int USER_TO = 1;
  static final int HOST_FROM = 2;
  static final int HOST_TO = 3;
  static final int PORT = 4;
  static final int SIPS = 5;
  static final int PARAMS = 6;

  /**
   * Finds the parts of a stripped US-ASCII {@code sip:}/{@code sips:} URI as {@code SipUri.parse} would: user
   * (without password), host, port (−1 when absent or not a number), whether the scheme is sips and whether URI
   * parameters follow, into {@code out} (7 entries). Returns false, leaving {@code out} undefined, when the URI needs
   * the general parser.
   */
  static boolean split(String s, int[] out) {
    int b = KamailioHash.stripStart(s, 0, s.length());
    int e = KamailioHash.stripEnd(s, b, s.length());
    int colon = -1;
    for (int i = b; i < e; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      if (c == ':' && colon < 0) {
        colon = i;
      }
    }
    if (colon - b == 3 && s.regionMatches(true, b, "sip", 0, 3)) {
      out[SIPS] = 0;
    } else if (colon - b == 4 && s.regionMatches(true, b, "sips", 0, 4)) {
      out[SIPS] = 1;
    } else {
      return false;
    }
    int p = colon + 1;
    int uriEnd = indexOf(s, '?', p, e, e);
    out[USER_FROM] = p;
    out[USER_TO] = p;
    for (int i = uriEnd - 1; i >= p; i--) {
      if (s.charAt(i) == '@') {
        out[USER_TO] = indexOf(s, ':', p, i, i);
        p = i + 1;
        break;
      }
    }
    if (p < uriEnd && s.charAt(p) == '[') {
      return false;
    }
    int semi = indexOf(s, ';', p, uriEnd, uriEnd);
    int hostEnd = semi;
    int colons = 0;
    for (int i = p; i < semi; i++) {
      if (s.charAt(i) == ':') {
        colons++;
        hostEnd = i;
      }
    }
    if (colons > 1) {
      return false;   // an IPv6 address without brackets
    }
    out[HOST_FROM] = p;
    out[HOST_TO] = hostEnd;
    out[PORT] = hostEnd < semi ? port(s, hostEnd + 1, semi) : -1;
    out[PARAMS] = semi < uriEnd ? 1 : 0;
    return true;
  }

  private static long hash(String s, boolean userOnly, boolean opensips, int[] u) {
    if (!split(s, u) || (opensips && u[PARAMS] != 0)) {
      return -1;   // for OpenSIPS a transport parameter may change the default port
    }
    if (userOnly) {
      if (!opensips && u[USER_TO] == u[USER_FROM]) {
        return 0;   // Kamailio hashes no key at all
      }
      return KamailioHash.hashAscii(s, u[USER_FROM], u[USER_TO]);
    }
    int defaultPort = u[SIPS] != 0 ? 5061 : 5060;
    int port = u[PORT];
    int h = mix(s, u[USER_FROM], u[USER_TO], 0);
    return KamailioHash.fold(mixHostPort(s, u[HOST_FROM], u[HOST_TO], port > 0 && port != defaultPort ? port : -1,
        h));
  }

  private static int indexOf(String s, char c, int from, int to, int otherwise) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return otherwise;
  }

  /** A port of 1 to 5 digits up to 65535, else −1 (as {@code SipUri} reads it). */
  private static int port(String s, int from, int to) {
    if (to - from < 1 || to - from > 5) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + c - '0';
    }
    return value <= 65535 ? value : -1;
  }

  private static int mix(String s, int from, int to, int h) {
    int v = 0;
    int k = 0;
    for (int i = from; i < to; i++) {
      v = (v << 8) + s.charAt(i);
      if (++k == 4) {
        h += v ^ (v >>> 3);
        v = 0;
        k = 0;
      }
    }
    return h + (v ^ (v >>> 3));
  }

  /** Mixes the key {@code host} or, with a port (not −1), {@code host:port} with the port in plain decimal. */
  private static int mixHostPort(String s, int from, int to, int port, int h) {
    int v = 0;
    int k = 0;
    int n = to - from;
    int digits = port < 0 ? 0 : port < 10 ? 1 : port < 100 ? 2 : port < 1000 ? 3 : port < 10000 ? 4 : 5;
    int len = n + (port < 0 ? 0 : 1 + digits);
    for (int i = 0; i < len; i++) {
      int c;
      if (i < n) {
        c = s.charAt(from + i);
      } else if (i == n) {
        c = ':';
      } else {
        int pow = 1;
        for (int d = len - 1 - i; d > 0; d--) {
          pow *= 10;
        }
        c = '0' + port / pow % 10;
      }
      v = (v << 8) + c;
      if (++k == 4) {
        h += v ^ (v >>> 3);
        v = 0;
        k = 0;
      }
    }
    return h + (v ^ (v >>> 3));
  }
}
