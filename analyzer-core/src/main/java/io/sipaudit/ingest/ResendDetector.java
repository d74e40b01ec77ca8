package io.sipaudit.ingest;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.header.CSeq;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Marks retransmitted ("resent") SIP messages exactly as Wireshark's SIP dissector does, so that our counts
 * match {@code tshark -z sip,stat}.
 *
 * <p>Only UDP. State is kept per (Call-ID, source address and port, destination address and port): the last
 * CSeq number and method, and whether a request or a final response was last seen. A request is resent when
 * it repeats the CSeq number and method of a request seen last in that direction (ACK and CANCEL never
 * count); a final response is resent when it repeats the CSeq and the status code of the final response seen
 * last. Example: INVITE CSeq 1, then the same INVITE again → the second is resent; 100, 200, 200 from the
 * same side → the second 200 is resent.
 *
 * <p>Unlike Wireshark, entries idle for {@link #IDLE} of capture time are dropped, so memory follows the
 * number of concurrent calls, not the file size; a retransmission that late would not be one anyway.
 *
 * <p>The entries outlive many young collections, so they are laid out for the garbage collector: each is one
 * object that no other entry points to, in a slab addressed by index; the open-addressing table holds
 * {@code hash << 32 | index + 1} and the least-recently-used list is threaded through int indices. A lookup
 * then writes only primitives into old objects, which leaves no card dirty for the next young collection. The
 * hash is the Call-ID's, so the (usually four) directions of a call share one Call-ID string.
 */
final class ResendDetector {
  static final Duration IDLE = Duration.ofSeconds(120);
  private static final long IDLE_SECONDS = IDLE.getSeconds();
  private static final int NONE = -1;

  /** One (Call-ID, source, destination) and its state; also a node of the LRU list. */
  private static final class Entry extends ResendState {
    final int hash;
    final String callId;
    final Endpoint src;
    final Endpoint dst;
    long lastSeconds;
    int lastNanos;
    int older = NONE;
    int newer = NONE;

    Entry(int hash, String callId, Endpoint src, Endpoint dst, long cseq, String method) {
      super(cseq, method);
      this.hash = hash;
      this.callId = callId;
      this.src = src;
      this.dst = dst;
    }

  }

  /** {@code hash << 32 | (slab index + 1)}, or 0 for a free slot; linear probing, at most half full. */
  private long[] table = new long[1024];
  private Entry[] slab = new Entry[512];
  /** Free slab indices: a stack of those freed, then everything from {@link #slabUsed} on. */
  private int[] free = new int[512];
  private int freeCount;
  private int slabUsed;
  private int size;
  private int eldest = NONE;
  private int newest = NONE;

  /** Returns whether {@code packet} is a retransmission, and records it. */
  boolean isResend(SipPacket packet) {
    if (packet.transport() != Transport.UDP) {
      return false;
    }
    SipMessage m = packet.message();
    String callId = m.callId();
    CSeq cseq;
    try {
      cseq = m.cseq();
    } catch (RuntimeException e) {
      return false;
    }
    if (callId == null || cseq == null) {
      return false;
    }
    Instant now = packet.ref().timestamp();
    long seconds = now.getEpochSecond();
    int nanos = now.getNano();
    expire(seconds, nanos);
    String method = cseq.method().name();
    Entry s = lookup(callId, packet.src(), packet.dst(), cseq.number(), method);
    boolean fresh = s.lastSeconds == Long.MIN_VALUE;   // a new entry has no previous CSeq
    s.lastSeconds = seconds;
    s.lastNanos = nanos;
    return s.see(m, cseq.number(), method, fresh);
  }

  /** Returns the number of entries held, for tests. */
  int size() {
    return size;
  }

  /**
   * Returns the entry for the key, made the newest; a new one (with {@code lastSeconds == Long.MIN_VALUE}) when
   * there was none.
   */
  private Entry lookup(String callId, Endpoint src, Endpoint dst, long cseq, String method) {
    int h = hash(callId);
    int mask = table.length - 1;
    int i = h & mask;
    Entry sameHash = null;
    for (long t; (t = table[i]) != 0; i = (i + 1) & mask) {
      if ((int) (t >>> 32) == h) {
        int index = (int) t - 1;
        Entry e = slab[index];
        if (Objects.equals(e.src, src) && Objects.equals(e.dst, dst) && e.callId.equals(callId)) {
          touch(index, e);
          return e;
        }
        sameHash = e;
      }
    }
    // The other directions of a call sit next to this slot (same hash): share their Call-ID string.
    String id = sameHash != null && sameHash.callId.equals(callId) ? sameHash.callId : callId;
    int index = allocate();
    Entry e = new Entry(h, id, src, dst, cseq, method);
    e.lastSeconds = Long.MIN_VALUE;
    slab[index] = e;
    table[i] = (long) h << 32 | (index + 1);
    append(index, e);
    if (++size > table.length / 2) {
      growTable();
    }
    return e;
  }

  /** Drops entries idle for more than {@link #IDLE}, oldest use first, as far as they are in use order. */
  private void expire(long seconds, int nanos) {
    while (eldest != NONE) {
      int index = eldest;
      Entry e = slab[index];
      long idle = seconds - e.lastSeconds;
      if (idle < IDLE_SECONDS || (idle == IDLE_SECONDS && nanos <= e.lastNanos)) {
        break;   // use order: the rest were used more recently
      }
      unlink(e);
      removeFromTable(e.hash, index);
      slab[index] = null;
      free[freeCount++] = index;
      size--;
    }
  }

  /** Hashes the Call-ID only, so that the directions of one call share a probe run and their Call-ID string. */
  private static int hash(String callId) {
    int h = callId.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private int allocate() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    if (slabUsed == slab.length) {
      slab = Arrays.copyOf(slab, slab.length * 2);
      free = new int[slab.length];   // empty here: every freed index was reused before the slab filled up
    }
    return slabUsed++;
  }

  private void touch(int index, Entry e) {
    if (index != newest) {
      unlink(e);
      append(index, e);
    }
  }

  private void append(int index, Entry e) {
    e.older = newest;
    e.newer = NONE;
    if (newest != NONE) {
      slab[newest].newer = index;
    } else {
      eldest = index;
    }
    newest = index;
  }

  private void unlink(Entry e) {
    if (e.older != NONE) {
      slab[e.older].newer = e.newer;
    } else {
      eldest = e.newer;
    }
    if (e.newer != NONE) {
      slab[e.newer].older = e.older;
    } else {
      newest = e.older;
    }
    e.older = NONE;
    e.newer = NONE;
  }

  /** Removes the table slot of slab entry {@code index}, shifting back the slots after it (no tombstones). */
  private void removeFromTable(int hash, int index) {
    int mask = table.length - 1;
    int i = hash & mask;
    while ((int) table[i] != index + 1) {
      i = (i + 1) & mask;
    }
    table[i] = 0;
    for (int j = (i + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      int home = (int) (table[j] >>> 32) & mask;
      // move slot j into the hole at i unless its home lies cyclically in (i, j]
      if (((j - home) & mask) >= ((j - i) & mask)) {
        table[i] = table[j];
        table[j] = 0;
        i = j;
      }
    }
  }

  private void growTable() {
    long[] old = table;
    table = new long[old.length * 2];
    int mask = table.length - 1;
    for (long t : old) {
      if (t != 0) {
        int i = (int) (t >>> 32) & mask;
        while (table[i] != 0) {
          i = (i + 1) & mask;
        }
        table[i] = t;
      }
    }
  }
}
