package io.sipaudit.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of everything the network stage saw, used and could not use. Single-threaded, mutable, owned by one
 * {@link NetDecoder}; read it after {@link NetDecoder#finish}.
 *
 * <p>By-kind tallies have readable keys: unknown link types ({@code "LINKTYPE 147"}), non-IP payloads
 * ({@code "ethertype 0x0806"}), other IP protocols ({@code "IP protocol 1 (ICMP)"}), tunnels
 * ({@code "GRE/ERSPAN-II"}), and malformed headers ({@code "IPv4 header length 12 < 20"}).
 */
public final class NetStats {
  private static final int MAX_TLS_SAMPLES = 100;

  private final long[] counters = new long[NetCounter.values().length];
  private final Map<String, Long> unknownLinkTypes = new TreeMap<>();
  private final Map<String, Long> notDecoded = new TreeMap<>();
  private final Map<String, Long> tunnels = new TreeMap<>();
  private final Map<String, Long> malformed = new TreeMap<>();
  private final List<FlowKey> tlsConnections = new ArrayList<>();

  void add(NetCounter c) {
    counters[c.ordinal()]++;
  }

  void add(NetCounter c, long n) {
    counters[c.ordinal()] += n;
  }

  void unknownLinkType(int linkType) {
    unknownLinkTypes.merge("LINKTYPE " + linkType, 1L, Long::sum);
  }

  void notDecoded(String kind) {
    notDecoded.merge(kind, 1L, Long::sum);
  }

  void tunnel(String kind) {
    tunnels.merge(kind, 1L, Long::sum);
  }

  void malformed(String kind) {
    malformed.merge(kind, 1L, Long::sum);
  }

  void tls(FlowKey clientToServer) {
    add(NetCounter.TLS_CONNECTIONS);
    if (tlsConnections.size() < MAX_TLS_SAMPLES) {
      tlsConnections.add(clientToServer);
    }
  }

  /** Returns a counter's value. */
  public long get(NetCounter c) {
    return counters[c.ordinal()];
  }

  /** Returns frames per unknown link type, for example {@code "LINKTYPE 147" -> 3}. */
  public Map<String, Long> unknownLinkTypes() {
    return Collections.unmodifiableMap(unknownLinkTypes);
  }

  /** Returns packets per kind that was recognised but not decoded further (ARP, ICMP, ESP, ...). */
  public Map<String, Long> notDecoded() {
    return Collections.unmodifiableMap(notDecoded);
  }

  /** Returns packets per tunnel kind unwrapped ({@code "GRE/TEB"}, {@code "VXLAN"}, {@code "IP-in-IP"}, ...). */
  public Map<String, Long> tunnels() {
    return Collections.unmodifiableMap(tunnels);
  }

  /** Returns packets per kind of malformed header. */
  public Map<String, Long> malformed() {
    return Collections.unmodifiableMap(malformed);
  }

  /** Returns the first 100 TLS connections seen (client to server, where the handshake showed it). */
  public List<FlowKey> tlsConnections() {
    return Collections.unmodifiableList(tlsConnections);
  }
}
