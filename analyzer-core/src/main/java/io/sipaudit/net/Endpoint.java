package io.sipaudit.net;

import static java.util.Objects.requireNonNull;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address and port, printed as {@code 127.0.1.1:5060} or {@code [2001:db8::1]:5060}.
 *
 * @param address the IPv4 or IPv6 address
 * @param port 0..65535
 */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {
  public Endpoint {
    requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " (expected: 0..65535)");
    }
  }

  /** Returns the endpoint for raw address bytes (4 or 16 of them) and a port. */
  public static Endpoint of(byte[] address, int port) {
    try {
      return new Endpoint(InetAddress.getByAddress(address), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address of " + address.length + " bytes (expected: 4 or 16)", e);
    }
  }

  /** Parses {@code 10.0.0.1:5060} or {@code [::1]:5060}; only literal addresses, never a DNS lookup. */
  public static Endpoint parse(String hostPort) {
    String s = hostPort.trim();
    int colon = s.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("'" + hostPort + "' (expected: ip:port)");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!host.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("'" + hostPort + "' is not a literal IP address and port");
    }
    try {
      return new Endpoint(InetAddress.getByName(host), Integer.parseInt(s.substring(colon + 1)));
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + hostPort + "' (expected: ip:port)", e);
    }
  }

  /** Returns the address without the port: {@code 127.0.1.1}, or IPv6 in RFC 5952 form {@code 2001:db8::1}. */
  public String host() {
    return address instanceof Inet6Address v6 ? compress(v6.getAddress()) : address.getHostAddress();
  }

  /** RFC 5952 §4: lower-case hex, no leading zeros, the longest run (two or more) of zero groups as "::". */
  private static String compress(byte[] a) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLen - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(g[i]));
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return address instanceof Inet6Address ? "[" + host() + "]:" + port : host() + ":" + port;
  }

  @Override
  public int compareTo(Endpoint o) {
    byte[] a = address.getAddress();
    byte[] b = o.address.getAddress();
    if (a.length != b.length) {
      return Integer.compare(a.length, b.length);
    }
    for (int i = 0; i < a.length; i++) {
      int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(port, o.port);
  }
}
