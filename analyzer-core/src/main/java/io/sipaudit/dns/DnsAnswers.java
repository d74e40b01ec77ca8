package io.sipaudit.dns;

import io.sipaudit.config.SrvZone;
import io.sipaudit.net.Datagram;
import io.sipaudit.net.FlowKey;
import io.sipaudit.net.PortWatcher;
import io.sipaudit.net.StreamClosed;
import io.sipaudit.net.StreamData;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The DNS answers a capture holds, gathered beside the SIP reading ({@link io.sipaudit.ingest.SipIngest#watch}):
 * responses from port 53 over UDP, and over TCP (two-byte length prefix, RFC 1035 section 4.2.2), decoded and kept
 * as distinct SRV and address records, with the largest TTL seen and the order they first arrived in. Queries are
 * counted; malformed messages, truncated (TC) replies and error responses are counted and their records left out
 * (a resolver asks again over TCP after TC). Memory: the distinct records, at most {@link #MAX_RECORDS}.
 *
 * <p>Example: the lab capture {@code srv-failover-lb0} holds 60 replies for {@code _sip._udp.voice.lab SRV} (three
 * records, in rotating order, TTL 0) and the targets' A records: {@link #zone()} gives the same three records and
 * addresses as its {@code srv.zone}.
 */
public final class DnsAnswers implements PortWatcher {
  /** The most distinct records kept; more are counted in {@link #dropped()}. */
  public static final int MAX_RECORDS = 10_000;
  private static final int MAX_TCP_BUFFER = 2 + 65_535;

  private record SrvKey(String service, int priority, int weight, int port, String target) {}

  private static final class Seen {
    long ttl;
    final long frame;
    final Instant first;
    Instant last;

    Seen(long ttl, long frame, Instant at) {
      this.ttl = ttl;
      this.frame = frame;
      this.first = at;
      this.last = at;
    }
  }

  private final Map<SrvKey, Seen> srv = new LinkedHashMap<>();
  private final Map<String, Set<String>> addresses = new LinkedHashMap<>();
  private final Map<FlowKey, ByteBuffer> tcp = new HashMap<>();
  private final Map<String, Set<List<SrvKey>>> answerSets = new HashMap<>();
  private long responses;
  private long queries;
  private long malformed;
  private long truncated;
  private long errors;
  private long dropped;
  private long tcpGaps;
  private @Nullable String firstProblem;

  @Override
  public int port() {
    return 53;
  }

  @Override
  public void datagram(Datagram d) {
    if (d.src().port() != 53) {
      queries++;
      return;
    }
    ByteBuffer p = d.payload();
    byte[] buf = new byte[p.remaining()];
    p.duplicate().get(buf);
    message(buf, 0, buf.length, d.ref().frame(), d.ref().timestamp(), d.ref().source());
  }

  @Override
  public void stream(StreamData s) {
    if (s.flow().src().port() != 53) {
      return;   // queries over TCP: not needed
    }
    ByteBuffer b = tcp.get(s.flow());
    if (s.skippedBefore() > 0 || s.midStream()) {
      tcpGaps++;
      tcp.put(s.flow(), null);
      return;   // lengths cannot be found again after a gap: skip the rest of this connection
    }
    if (b == null) {
      if (tcp.containsKey(s.flow())) {
        return;
      }
      b = ByteBuffer.allocate(MAX_TCP_BUFFER);
      tcp.put(s.flow(), b);
    }
    ByteBuffer data = s.data().duplicate();
    if (data.remaining() > b.remaining()) {
      malformed("TCP DNS message longer than 65,535 bytes", s.ref().frame(), s.ref().source());
      tcp.put(s.flow(), null);   // give up on this connection
      return;
    }
    b.put(data);
    while (b.position() >= 2) {
      int len = (b.get(0) & 0xFF) << 8 | b.get(1) & 0xFF;
      if (b.position() < 2 + len) {
        break;
      }
      message(b.array(), 2, len, s.ref().frame(), s.ref().timestamp(), s.ref().source());
      int rest = b.position() - 2 - len;
      System.arraycopy(b.array(), 2 + len, b.array(), 0, rest);
      b.position(rest);
    }
  }

  @Override
  public void closed(StreamClosed c) {
    tcp.remove(c.flow());
  }

  private void message(byte[] buf, int off, int len, long frame, Instant at, String source) {
    DnsMessage m;
    try {
      m = DnsDecoder.decode(buf, off, len);
    } catch (DnsFormatException e) {
      malformed(e.getMessage(), frame, source);
      return;
    }
    if (!m.response()) {
      queries++;
      return;
    }
    responses++;
    if (m.truncated()) {
      truncated++;
      return;
    }
    if (m.rcode() != 0) {
      errors++;
      return;
    }
    List<SrvKey> set = new ArrayList<>();
    for (List<DnsRecord> section : List.of(m.answers(), m.additional())) {
      for (DnsRecord r : section) {
        if (r instanceof DnsRecord.Srv s) {
          SrvKey k = new SrvKey(s.name(), s.priority(), s.weight(), s.port(), s.target());
          if (section == m.answers()) {
            set.add(k);
          }
          Seen seen = srv.get(k);
          if (seen != null) {
            seen.ttl = Math.max(seen.ttl, s.ttl());
            seen.last = at;
          } else if (size() < MAX_RECORDS) {
            srv.put(k, new Seen(s.ttl(), frame, at));
          } else {
            dropped++;
          }
        } else if (r instanceof DnsRecord.Address a) {
          Set<String> list = addresses.computeIfAbsent(a.name(), x -> new LinkedHashSet<>());
          if (!list.contains(a.address())) {
            if (size() < MAX_RECORDS) {
              list.add(a.address());
            } else {
              dropped++;
            }
          }
        }
      }
    }
    if (!set.isEmpty()) {
      set.sort(java.util.Comparator.comparing(SrvKey::toString));
      Set<List<SrvKey>> sets = answerSets.computeIfAbsent(set.get(0).service(), x -> new LinkedHashSet<>());
      if (sets.size() < 100) {
        sets.add(List.copyOf(set));
      }
    }
  }

  private int size() {
    return srv.size() + addresses.values().stream().mapToInt(Set::size).sum();
  }

  private void malformed(String reason, long frame, String source) {
    malformed++;
    if (firstProblem == null) {
      firstProblem = source + " frame " + frame + ": " + reason;
    }
  }

  /**
   * Returns the SRV records seen, as a zone: in the order they first arrived, each with the largest TTL seen and
   * every address its target was given, {@code line} being the frame of the first answer that held it.
   */
  public SrvZone zone(String source) {
    List<SrvZone.Srv> out = new ArrayList<>();
    srv.forEach((k, seen) -> {
      List<String> a = List.copyOf(addresses.getOrDefault(k.target(), Set.of()));
      out.add(new SrvZone.Srv(k.service(), k.priority(), k.weight(), k.port(), k.target(),
          a.isEmpty() ? null : a.get(0), (int) Math.min(seen.frame, Integer.MAX_VALUE), seen.ttl, a));
    });
    return SrvZone.of(source, out);
  }

  /** Returns whether any SRV record was seen. */
  public boolean hasSrv() {
    return !srv.isEmpty();
  }

  /** Returns how many different record sets the answers for {@code service} held (1 when it never changed). */
  public int answerSets(String service) {
    return answerSets.getOrDefault(service, Set.of()).size();
  }

  /** Returns the responses decoded (queries and malformed messages not included). */
  public long responses() {
    return responses;
  }

  /** Returns the queries seen. */
  public long queries() {
    return queries;
  }

  /** Returns the messages that could not be decoded. */
  public long malformed() {
    return malformed;
  }

  /** Returns the responses with the TC flag, whose records were left out. */
  public long truncated() {
    return truncated;
  }

  /** Returns the responses with an error code (NXDOMAIN, SERVFAIL, ...). */
  public long errors() {
    return errors;
  }

  /** Returns the records not kept because {@link #MAX_RECORDS} was reached. */
  public long dropped() {
    return dropped;
  }

  /** Returns the TCP connections on port 53 skipped from a gap on. */
  public long tcpGaps() {
    return tcpGaps;
  }

  /** Returns where the first malformed message was and why, or null. */
  public @Nullable String firstProblem() {
    return firstProblem;
  }
}
