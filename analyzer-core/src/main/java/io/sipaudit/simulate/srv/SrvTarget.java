package io.sipaudit.simulate.srv;

import static java.util.Objects.requireNonNull;

import io.sipaudit.config.SrvZone;
import java.util.List;

/**
 * One SRV record of the service being replayed, with the addresses its target resolves to.
 *
 * <p>Example: {@code _sip._udp.voice.lab. 60 IN SRV 10 50 5060 a.voice.lab.} with {@code a.voice.lab. A 127.0.1.121}
 * is priority 10, weight 50, target {@code a.voice.lab}, host:ports {@code [127.0.1.121:5060]}, TTL 60, arrival 0.
 *
 * @param priority lower is tried first
 * @param weight share within a priority (0: only when nothing else is left, RFC 2782)
 * @param target the target name
 * @param hostPorts {@code address:port} for each address of the target, in order (tried in turn)
 * @param ttl the record's TTL in seconds, -1 when unknown
 * @param arrival the record's place in the answer or zone file (0 first): some stacks keep it among equals
 */
public record SrvTarget(int priority, int weight, String target, List<String> hostPorts, long ttl, int arrival) {
  public SrvTarget {
    requireNonNull(target, "target");
    hostPorts = List.copyOf(hostPorts);
    if (priority < 0 || priority > 65535 || weight < 0 || weight > 65535) {
      throw new IllegalArgumentException("priority " + priority + ", weight " + weight + " (expected: 0-65535)");
    }
  }

  /** Returns the targets of one service of a zone, in file order; targets without an address are kept (empty). */
  public static List<SrvTarget> of(List<SrvZone.Srv> records) {
    List<SrvTarget> out = new java.util.ArrayList<>();
    for (SrvZone.Srv r : records) {
      out.add(new SrvTarget(r.priority(), r.weight(), r.target(), r.hostPorts(), r.ttl(), out.size()));
    }
    return out;
  }

  @Override
  public String toString() {
    return priority + " " + weight + " " + target + " " + hostPorts;
  }
}
