package io.sipaudit.textlog;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.SipIngest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lab captures in {@code samples/*}/{@code capture.pcap}, read once with {@link SipIngest}, and the addresses
 * of the node a node-centric log would have been written on: the balancer.
 *
 * <p>Example: for {@code tcp-rr-alg4} the node is {@code {127.0.1.1, 127.0.0.1}}: the balancer listens on the
 * first and connects to its backends from the second.
 */
final class LabCaptures {
  private LabCaptures() {}

  /** Returns the lab captures, sorted by sample name. */
  static List<Path> all() throws Exception {
    Path samples = repoRoot().resolve("samples");
    try (Stream<Path> dirs = Files.list(samples)) {
      return dirs.map(d -> d.resolve("capture.pcap")).filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Returns every event of a capture, in order. */
  static List<IngestEvent> read(Path capture) {
    List<IngestEvent> events = new ArrayList<>();
    SipIngest.Result r = new SipIngest().run(List.of(capture), events::add);
    if (!r.errors().isEmpty()) {
      throw new IllegalStateException(capture + ": " + r.errors());
    }
    return events;
  }

  /**
   * Returns the fewest addresses that take part in every message, picked greedily by how many messages they are
   * in: the logging node of a balancer capture.
   */
  static Set<InetAddress> node(List<IngestEvent> events) {
    Set<InetAddress> node = new HashSet<>();
    List<IngestEvent> left = events;
    while (!left.isEmpty()) {
      Map<InetAddress, Integer> count = new HashMap<>();
      for (IngestEvent e : left) {
        count.merge(e.src().address(), 1, Integer::sum);
        if (!e.dst().address().equals(e.src().address())) {
          count.merge(e.dst().address(), 1, Integer::sum);
        }
      }
      InetAddress top = count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      node.add(top);
      left = left.stream().filter(e -> !node.contains(e.src().address()) && !node.contains(e.dst().address())).toList();
    }
    return node;
  }

  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/lab"))) {
        return p;
      }
    }
    throw new IllegalStateException("samples/lab not found above " + Path.of("").toAbsolutePath());
  }
}
