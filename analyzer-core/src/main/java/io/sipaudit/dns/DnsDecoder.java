package io.sipaudit.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes a DNS message (RFC 1035 section 4.1) from bytes: header, questions, and the answer, authority and
 * additional records, SRV (RFC 2782), A and AAAA read into values. Names may be compressed (section 4.1.4); a
 * pointer must point before the label it replaces, which rules out loops, and a name may not exceed 255 bytes.
 *
 * <p>Example: {@code DnsDecoder.decode(udpPayload, 0, udpPayload.length)} of the lab resolver's SRV reply gives its
 * three SRV records and the targets' A records. Anything short, overlong or inconsistent throws
 * {@link DnsFormatException} with the offset.
 */
public final class DnsDecoder {
  private static final int HEADER = 12;
  private static final int MAX_NAME = 255;

  private DnsDecoder() {}

  /** Decodes {@code buf[off, off+len)}. */
  public static DnsMessage decode(byte[] buf, int off, int len) {
    Reader r = new Reader(buf, off, off + len);
    if (len < HEADER) {
      throw new DnsFormatException(len, "DNS header needs 12 bytes, got " + len);
    }
    int id = r.u16();
    int flags = r.u16();
    int qd = r.u16();
    int an = r.u16();
    int ns = r.u16();
    int ar = r.u16();
    List<String> questions = new ArrayList<>();
    for (int i = 0; i < qd; i++) {
      questions.add(r.name());
      r.need(4, "question type and class");
      r.pos += 4;
    }
    List<DnsRecord> answers = records(r, an);
    records(r, ns);
    List<DnsRecord> additional = records(r, ar);
    return new DnsMessage(id, (flags & 0x8000) != 0, (flags & 0x0200) != 0, flags & 0x000F, questions, answers,
        additional);
  }

  private static List<DnsRecord> records(Reader r, int count) {
    List<DnsRecord> out = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      String name = r.name();
      r.need(10, "record type, class, TTL and length");
      int type = r.u16();
      r.u16();   // class: IN in practice; others kept as what they say
      long ttl = r.u32();
      if (ttl > Integer.MAX_VALUE) {
        ttl = 0;   // RFC 2181 section 8
      }
      int rdlength = r.u16();
      r.need(rdlength, "record data of " + rdlength + " bytes");
      int end = r.pos + rdlength;
      DnsRecord rec;
      switch (type) {
        case DnsRecord.SRV -> {
          if (rdlength < 7) {
            throw new DnsFormatException(r.pos - r.start, "SRV data of " + rdlength + " bytes (expected: >= 7)");
          }
          int priority = r.u16();
          int weight = r.u16();
          int port = r.u16();
          String target = r.name();   // RFC 2782 forbids compressing it; resolvers accept it, so do we
          if (r.pos != end) {
            throw new DnsFormatException(r.pos - r.start, "SRV target ends " + (r.pos - end)
                + " bytes off its record length");
          }
          rec = new DnsRecord.Srv(name, ttl, priority, weight, port, target);
        }
        case DnsRecord.A, DnsRecord.AAAA -> {
          int size = type == DnsRecord.A ? 4 : 16;
          if (rdlength != size) {
            throw new DnsFormatException(r.pos - r.start, (type == DnsRecord.A ? "A" : "AAAA") + " data of "
                + rdlength + " bytes (expected: " + size + ")");
          }
          rec = new DnsRecord.Address(name, ttl, address(r.buf, r.pos, size));
        }
        default -> rec = new DnsRecord.Other(name, ttl, type);
      }
      r.pos = end;
      out.add(rec);
    }
    return out;
  }

  private static String address(byte[] buf, int at, int size) {
    byte[] a = new byte[size];
    System.arraycopy(buf, at, a, 0, size);
    try {
      return InetAddress.getByAddress(a).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes is always an address", e);
    }
  }

  /** A cursor over the message; offsets in errors are from its start. */
  private static final class Reader {
    final byte[] buf;
    final int start;
    final int end;
    int pos;

    Reader(byte[] buf, int start, int end) {
      this.buf = buf;
      this.start = start;
      this.end = end;
      this.pos = start;
    }

    void need(int n, String what) {
      if (n > end - pos) {
        throw new DnsFormatException(pos - start, "message ends before the " + what);
      }
    }

    int u16() {
      need(2, "16-bit field");
      int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
      pos += 2;
      return v;
    }

    long u32() {
      need(4, "32-bit field");
      long v = (buf[pos] & 0xFFL) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
          | buf[pos + 3] & 0xFF;
      pos += 4;
      return v;
    }

    /**
     * Reads a domain name at the cursor and moves past it (past the first pointer, when compressed). Every pointer
     * must point strictly before the label it stands in for, so following them always ends.
     */
    String name() {
      StringBuilder out = new StringBuilder();
      int p = pos;
      int after = -1;       // where the cursor continues once a pointer was followed
      int limit = p;        // a pointer must point before this
      int length = 1;       // the wire length of the name, the final zero label included
      while (true) {
        if (p >= end) {
          throw new DnsFormatException(p - start, "name runs past the end of the message");
        }
        int b = buf[p] & 0xFF;
        if (b == 0) {
          p++;
          break;
        }
        switch (b & 0xC0) {
          case 0xC0 -> {
            if (p + 1 >= end) {
              throw new DnsFormatException(p - start, "name pointer cut short");
            }
            int target = start + ((b & 0x3F) << 8 | buf[p + 1] & 0xFF);
            if (target >= limit) {
              throw new DnsFormatException(p - start, "name pointer to " + (target - start)
                  + " does not point back (a loop or a forward reference)");
            }
            if (after < 0) {
              after = p + 2;
            }
            limit = target;
            p = target;
          }
          case 0x00 -> {
            if (p + 1 + b > end) {
              throw new DnsFormatException(p - start, "label of " + b + " bytes runs past the end");
            }
            length += b + 1;
            if (length > MAX_NAME) {
              throw new DnsFormatException(p - start, "name longer than 255 bytes");
            }
            if (out.length() > 0) {
              out.append('.');
            }
            for (int i = p + 1; i <= p + b; i++) {
              out.append((char) (buf[i] & 0xFF));
            }
            p += 1 + b;
          }
          default -> throw new DnsFormatException(p - start, "label type 0x" + Integer.toHexString(b & 0xC0)
              + " (extended labels are obsolete, RFC 6891)");
        }
      }
      pos = after >= 0 ? after : p;
      return out.toString().toLowerCase(Locale.ROOT);
    }
  }
}
