package io.sipaudit.sip.header;

/**
 * Splits {@code host [":" port]} when the host is not a bracketed IPv6 reference, tolerating the unbracketed IPv6
 * addresses some phones send although RFC 3261 requires brackets.
 *
 * <p>Example: {@code 192.0.2.4:5060} splits before {@code :5060}; {@code fe80:0:0:0:21a:a0ff:fe07:32e0:5060} (nine
 * groups, no {@code ::}) splits before the ninth group, the port; {@code fe80::1:5060} is ambiguous and is taken
 * whole as the host, as are eight-group addresses.
 *
 * <pre>hostport = host [ ":" port ]
 * host     = hostname / IPv4address / IPv6reference</pre>
 */
final class HostPort {
  private HostPort() {}

  /** Returns where the host ends in {@code buf[from, to)}: at the colon before the port, or {@code to}. */
  static int hostEnd(byte[] buf, int from, int to) {
    int colons = 0;
    int last = -1;
    boolean doubleColon = false;
    for (int i = from; i < to; i++) {
      if (buf[i] == ':') {
        doubleColon |= last == i - 1 && colons > 0;
        colons++;
        last = i;
      }
    }
    if (colons == 1 || (colons == 8 && !doubleColon)) {
      return last;
    }
    return to;
  }
}
