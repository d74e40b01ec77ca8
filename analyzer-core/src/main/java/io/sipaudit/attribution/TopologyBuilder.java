package io.sipaudit.attribution;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.sip.SipMethod;
import io.sipaudit.sip.SipRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns the roles of the nodes from the attributed calls and the OPTIONS probes seen.
 *
 * <p>A node that forwarded calls to backends is a balancer; a node that received attempts is a backend; a node
 * that sent calls to a balancer is a client. A node with several kinds of evidence gets the role with the
 * most calls behind it (an HA balancer pair is two balancers; a balancer that also answers calls itself stays
 * a balancer). A node that received one leg of a call and sent another with a new Call-ID is a B2BUA (an SBC).
 * Feed it every ingest event (for the probes) and every attributed call.
 */
public final class TopologyBuilder {
  private static final class Counts {
    long balanced;
    long offered;
    long started;
    long probesSent;
    long probesReceived;
    long bridged;
  }

  private final Map<Endpoint, Counts> nodes = new HashMap<>();

  /** Counts an OPTIONS probe (any other event is ignored). */
  public void probe(IngestEvent e) {
    if (e instanceof SipPacket p && p.message() instanceof SipRequest r && r.method().equals(SipMethod.OPTIONS)
        && r.toTag() == null) {
      node(p.listeningSource()).probesSent++;
      node(p.dst()).probesReceived++;
    }
  }

  /** Counts the evidence of one call. */
  public void call(AttributedCall c) {
    if (c.balancer() != null && !c.attempts().isEmpty()) {
      node(c.balancer()).balanced++;
    }
    c.attempts().stream().map(Attempt::backend).distinct().forEach(b -> node(b).offered++);
    if (c.client() != null) {
      node(c.client()).started++;
    }
  }

  /** Counts a call for which {@code node} received one leg and sent another (a B2BUA or SBC). */
  public void bridged(Endpoint node) {
    node(node).bridged++;
  }

  private Counts node(Endpoint e) {
    return nodes.computeIfAbsent(e, k -> new Counts());
  }

  /** Returns the nodes, balancers first, then backends, clients and others, each by address. */
  public List<Node> nodes() {
    List<Node> out = new ArrayList<>(nodes.size());
    nodes.forEach((e, c) -> out.add(new Node(e, role(c), c.balanced, c.offered, c.started, c.probesSent,
        c.probesReceived, c.bridged)));
    out.sort(Comparator.comparing(Node::role).thenComparing(Node::address));
    return out;
  }

  private static NodeRole role(Counts c) {
    if (c.balanced > 0 && c.balanced >= c.offered) {
      return NodeRole.BALANCER;
    }
    if (c.bridged > 0 && c.bridged >= c.offered) {
      return NodeRole.B2BUA;
    }
    if (c.offered > 0 || (c.probesReceived > 0 && c.probesSent == 0 && c.started == 0)) {
      return NodeRole.BACKEND;   // also a destination that is only probed: in the pool, but given no calls
    }
    if (c.started > 0) {
      return NodeRole.CLIENT;
    }
    return c.probesSent > 0 && c.probesReceived == 0 ? NodeRole.BALANCER : NodeRole.OTHER;
  }
}
