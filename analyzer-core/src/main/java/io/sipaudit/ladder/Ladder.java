package io.sipaudit.ladder;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The messages of one chosen call, in the order they were read, for a sequence diagram.
 *
 * <p>Example: key {@code "failover-1"}, Call-IDs {@code ["17.17788.lab-failover"]}, 23 messages between the client
 * 127.0.1.100, the balancer 127.0.1.1 and the backends 127.0.1.21 and 127.0.1.22, none omitted.
 *
 * @param key the name the caller gave the call
 * @param callIds every Call-ID whose messages fed it, kept or omitted, in first-seen order
 * @param messages the messages kept, in the order they were read (capture time)
 * @param omitted how many further messages were left out because the ladder was full
 */
public record Ladder(String key, List<String> callIds, List<LadderMessage> messages, long omitted) {

  public Ladder {
    requireNonNull(key, "key");
    callIds = List.copyOf(callIds);
    messages = List.copyOf(messages);
    if (omitted < 0) {
      throw new IllegalArgumentException("omitted " + omitted + " (expected: >= 0)");
    }
  }

  /** Returns every sender and receiver, each once, in order of first appearance (a message's sender first). */
  public List<Endpoint> nodes() {
    Set<Endpoint> nodes = new LinkedHashSet<>();
    for (LadderMessage m : messages) {
      nodes.add(m.src());
      nodes.add(m.dst());
    }
    return List.copyOf(nodes);
  }
}
