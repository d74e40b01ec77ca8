package io.sipaudit.net;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reassembles IPv4 and IPv6 fragments into whole IP payloads, in any arrival order.
 *
 * <p>Fragments are keyed by (source, destination, protocol, identification). A datagram is complete when
 * the fragment without "more fragments" has arrived and every byte before its end is covered. Overlapping
 * bytes keep the first copy (and are counted). The table is bounded ({@link #MAX_PENDING} datagrams, 64 KiB
 * each) and entries older than {@link #TIMEOUT} of capture time are dropped as incomplete, like a host's
 * reassembly timer.
 */
final class IpDefragmenter {
  static final int MAX_PENDING = 4096;
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_DATAGRAM = 65535 + 8;

  record Key(InetAddress src, InetAddress dst, int protocol, long id) {}

  private static final class Pending {
    final Instant first;
    final List<int[]> ranges = new ArrayList<>();   // [start, end) of each piece, parallel to pieces
    final List<byte[]> pieces = new ArrayList<>();
    int total = -1;

    Pending(Instant first) {
      this.first = first;
    }
  }

  private final Map<Key, Pending> pending = new LinkedHashMap<>();
  private final NetStats stats;

  IpDefragmenter(NetStats stats) {
    this.stats = stats;
  }

  /**
   * Adds one fragment; returns the whole payload when this fragment completes it, otherwise null.
   *
   * @param offset byte offset of this fragment's data in the original payload
   * @param more the "more fragments" flag
   */
  @Nullable ByteBuffer add(Key key, int offset, boolean more, ByteBuffer data, Instant now) {
    stats.add(NetCounter.IP_FRAGMENTS);
    expire(now);
    int end = offset + data.remaining();
    if (end > MAX_DATAGRAM) {
      stats.malformed("IP fragment ends past 65535 bytes");
      return null;
    }
    Pending p = pending.get(key);
    if (p == null) {
      if (pending.size() >= MAX_PENDING) {
        dropOldest();
      }
      p = new Pending(now);
      pending.put(key, p);
    }
    if (!more) {
      if (p.total >= 0 && p.total != end) {
        stats.malformed("IP fragments disagree on the datagram length");
      }
      p.total = end;
    }
    for (int[] r : p.ranges) {
      if (offset < r[1] && end > r[0]) {
        stats.add(NetCounter.OVERLAPPING_FRAGMENTS);
        break;
      }
    }
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    p.ranges.add(new int[] {offset, end});
    p.pieces.add(bytes);
    return p.total >= 0 ? tryComplete(key, p) : null;
  }

  private @Nullable ByteBuffer tryComplete(Key key, Pending p) {
    byte[] out = new byte[p.total];
    boolean[] filled = null;
    int covered = 0;
    // first copy wins: write pieces in arrival order, skipping bytes already written
    filled = new boolean[p.total];
    for (int i = 0; i < p.pieces.size(); i++) {
      int[] r = p.ranges.get(i);
      byte[] piece = p.pieces.get(i);
      for (int j = r[0]; j < Math.min(r[1], p.total); j++) {
        if (!filled[j]) {
          filled[j] = true;
          out[j] = piece[j - r[0]];
          covered++;
        }
      }
    }
    if (covered < p.total) {
      return null;
    }
    pending.remove(key);
    stats.add(NetCounter.REASSEMBLED_DATAGRAMS);
    return ByteBuffer.wrap(out);
  }

  private void expire(Instant now) {
    Iterator<Pending> it = pending.values().iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      if (Duration.between(p.first, now).compareTo(TIMEOUT) <= 0) {
        break;   // insertion order = age order
      }
      it.remove();
      stats.add(NetCounter.INCOMPLETE_DATAGRAMS);
    }
  }

  private void dropOldest() {
    Iterator<Pending> it = pending.values().iterator();
    it.next();
    it.remove();
    stats.add(NetCounter.INCOMPLETE_DATAGRAMS);
  }

  /** Counts whatever is still incomplete at the end of the capture. */
  void finish() {
    stats.add(NetCounter.INCOMPLETE_DATAGRAMS, pending.size());
    pending.clear();
  }
}
