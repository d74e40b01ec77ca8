package io.sipaudit.dns;

import static java.util.Objects.requireNonNull;

/**
 * One resource record of a DNS answer, names in lower case without the final dot.
 *
 * <p>Example: {@code _sip._udp.voice.lab. 0 IN SRV 10 50 5060 a.voice.lab.} is
 * {@code Srv("_sip._udp.voice.lab", 0, 10, 50, 5060, "a.voice.lab")}.
 */
public sealed interface DnsRecord permits DnsRecord.Srv, DnsRecord.Address, DnsRecord.Other {
  /** SRV (RFC 2782, type 33). */
  int SRV = 33;
  /** A (RFC 1035, type 1). */
  int A = 1;
  /** AAAA (RFC 3596, type 28). */
  int AAAA = 28;

  /** Returns the owner name. */
  String name();

  /** Returns the TTL in seconds (RFC 2181 section 8: values with the top bit set read as 0). */
  long ttl();

  /** An SRV record. */
  record Srv(String name, long ttl, int priority, int weight, int port, String target) implements DnsRecord {
    public Srv {
      requireNonNull(name, "name");
      requireNonNull(target, "target");
    }
  }

  /** An A or AAAA record; {@code address} in the usual text form ({@code 127.0.1.121}, {@code 2001:db8::1}). */
  record Address(String name, long ttl, String address) implements DnsRecord {
    public Address {
      requireNonNull(name, "name");
      requireNonNull(address, "address");
    }
  }

  /** Any other type, kept by type number only. */
  record Other(String name, long ttl, int type) implements DnsRecord {
    public Other {
      requireNonNull(name, "name");
    }
  }
}
