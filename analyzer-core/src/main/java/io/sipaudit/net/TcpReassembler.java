package io.sipaudit.net;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts each direction of each TCP connection back in order and hands the bytes to its application decoder.
 *
 * <p>Per direction: a SYN fixes the start; without one (capture began mid-connection) the first data does,
 * and the first {@link StreamData} says {@code midStream}. Retransmitted and overlapping bytes are trimmed;
 * out-of-order segments wait in a bounded buffer ({@link #MAX_PENDING_BYTES}); when it overflows, or at FIN,
 * RST or the end of the capture, the missing bytes are declared lost and the next data carries
 * {@code skippedBefore}. The connection table is bounded ({@link #MAX_FLOWS}, least recently used evicted).
 * What each direction carries (SIP, TLS, WebSocket, HEP) is decided by {@link StreamApp} from its first bytes.
 */
final class TcpReassembler {
  static final int MAX_FLOWS = 65536;
  static final int MAX_PENDING_BYTES = 256 * 1024;
  static final int MAX_PENDING_SEGMENTS = 512;
  private static final int SYN = 0x02;
  private static final int FIN = 0x01;
  private static final int RST = 0x04;

  static final class Flow {
    final FlowKey key;
    final StreamApp app;
    boolean initialised;
    boolean midStream;
    long base;       // sequence number of stream byte 0
    long next;       // stream bytes delivered so far
    final TreeMap<Long, byte[]> pending = new TreeMap<>();
    int pendingBytes;
    long skipped;    // bytes lost before the next delivery

    Flow(FlowKey key, StreamApp app) {
      this.key = key;
      this.app = app;
    }
  }

  private final NetStats stats;
  private final Map<FlowKey, Flow> flows = new LinkedHashMap<>(256, 0.75f, true);

  TcpReassembler(NetStats stats) {
    this.stats = stats;
  }

  void segment(PacketRef ref, FlowKey key, long seq, int flags, ByteBuffer payload, Consumer<NetEvent> out) {
    Flow f = flows.get(key);
    if (f == null) {
      if (flows.size() >= MAX_FLOWS) {
        Iterator<Flow> eldest = flows.values().iterator();
        Flow old = eldest.next();
        eldest.remove();
        close(ref, old, out);
      }
      if (!flows.containsKey(key.reverse())) {
        stats.add(NetCounter.TCP_CONNECTIONS);
      }
      Flow reverse = flows.get(key.reverse());
      f = new Flow(key, new StreamApp(key, stats, reverse == null ? null : reverse.app));
      flows.put(key, f);
    }
    if ((flags & SYN) != 0) {
      f.base = (seq + 1) & 0xffffffffL;
      f.next = 0;
      f.initialised = true;
      f.midStream = false;
      f.pending.clear();
      f.pendingBytes = 0;
    }
    int len = payload.remaining();
    if (len > 0) {
      if (!f.initialised) {
        f.base = seq;
        f.initialised = true;
        f.midStream = true;
      }
      data(ref, f, seq, payload, out);
    }
    if ((flags & (FIN | RST)) != 0) {
      flows.remove(key);
      close(ref, f, out);
      if ((flags & RST) != 0) {
        Flow other = flows.remove(key.reverse());
        if (other != null) {
          close(ref, other, out);
        }
      }
    }
  }

  private void data(PacketRef ref, Flow f, long seq, ByteBuffer payload, Consumer<NetEvent> out) {
    int len = payload.remaining();
    long expected = (f.base + f.next) & 0xffffffffL;
    int diff = (int) (seq - expected);   // signed distance modulo 2^32
    if (diff < 0) {
      if ((long) diff + len <= 0) {
        stats.add(NetCounter.TCP_RETRANSMISSIONS);
        return;
      }
      payload = payload.slice(-diff, len + diff);
      diff = 0;
    }
    if (diff == 0) {
      deliver(ref, f, payload, out);
      drain(ref, f, out);
      return;
    }
    stats.add(NetCounter.TCP_OUT_OF_ORDER);
    long at = f.next + diff;
    byte[] copy = new byte[len];
    payload.duplicate().get(copy);
    byte[] had = f.pending.put(at, copy);
    f.pendingBytes += len - (had == null ? 0 : had.length);
    if (f.pendingBytes > MAX_PENDING_BYTES || f.pending.size() > MAX_PENDING_SEGMENTS) {
      skipToPending(ref, f, out);
    }
  }

  /** Declares the bytes before the first waiting segment lost and goes on from there. */
  private void skipToPending(PacketRef ref, Flow f, Consumer<NetEvent> out) {
    if (f.pending.isEmpty()) {
      return;
    }
    long first = f.pending.firstKey();
    if (first > f.next) {
      stats.add(NetCounter.TCP_GAPS);
      stats.add(NetCounter.TCP_GAP_BYTES, first - f.next);
      f.skipped += first - f.next;
      f.next = first;
    }
    drain(ref, f, out);
  }

  private void drain(PacketRef ref, Flow f, Consumer<NetEvent> out) {
    while (!f.pending.isEmpty() && f.pending.firstKey() <= f.next) {
      Map.Entry<Long, byte[]> e = f.pending.pollFirstEntry();
      byte[] bytes = e.getValue();
      f.pendingBytes -= bytes.length;
      long end = e.getKey() + bytes.length;
      if (end <= f.next) {
        stats.add(NetCounter.TCP_RETRANSMISSIONS);
        continue;
      }
      int from = (int) (f.next - e.getKey());
      deliver(ref, f, ByteBuffer.wrap(bytes, from, bytes.length - from).slice(), out);
    }
  }

  private void deliver(PacketRef ref, Flow f, ByteBuffer bytes, Consumer<NetEvent> out) {
    f.next += bytes.remaining();
    long skipped = f.skipped;
    boolean mid = f.midStream;
    f.skipped = 0;
    f.midStream = false;
    f.app.accept(ref, bytes, skipped, mid, out);
  }

  private void close(PacketRef ref, Flow f, Consumer<NetEvent> out) {
    while (!f.pending.isEmpty()) {
      skipToPending(ref, f, out);
    }
    f.app.close(ref, out);
  }

  /** Flushes and closes every open direction at the end of the capture. */
  void finish(PacketRef last, Consumer<NetEvent> out) {
    for (Flow f : new ArrayList<>(flows.values())) {
      close(last, f, out);
    }
    flows.clear();
  }
}
