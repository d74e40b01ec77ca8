package io.sipaudit.ladder;

import static java.util.Objects.requireNonNull;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.MalformedSip;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.Endpoint;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipResponse;
import io.sipaudit.sip.header.CSeq;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Collects the ladders of a few chosen calls from a second pass over the input: a sink for
 * {@link io.sipaudit.ingest.SipIngest} that keeps the messages whose Call-ID is one of those asked for.
 *
 * <p>Example: {@code new LadderCollector(Map.of("17.17788.lab-failover", "failover-1"), 200, 4000)} run over
 * {@code priority-alg8-failover/capture.pcap} gives one ladder, {@code "failover-1"}, with the messages of that call
 * in capture order. Several Call-IDs may map to one key (the legs of a call whose Call-ID the balancer changed);
 * they then share one ladder.
 *
 * <p>Memory is bounded by keys × {@code maxMessagesPerLadder} × {@code maxTextChars}: messages beyond the cap are
 * only counted ({@link Ladder#omitted()}), and only kept messages are remembered for spotting retransmissions.
 * Messages that could not be parsed are kept when their Call-ID can be read from the raw bytes; they have status 0,
 * their first line as summary and the parse error as problem, and are never marked as retransmissions.
 *
 * <p>Not thread-safe: {@code SipIngest} calls its sink on one thread.
 */
public final class LadderCollector implements Consumer<IngestEvent> {

  /** What makes a message the same one again. */
  private record Identity(Endpoint src, Endpoint dst, String startLine, @Nullable CSeq cseq, @Nullable String branch) {}

  /** One ladder while it fills. */
  private static final class Builder {
    final Set<String> callIds = new LinkedHashSet<>();
    final List<LadderMessage> messages = new ArrayList<>();
    final Set<Identity> seen = new HashSet<>();
    long omitted;
  }

  private final Map<String, String> callIdToKey;
  private final Map<String, Builder> byKey = new LinkedHashMap<>();
  private final int maxMessagesPerLadder;
  private final int maxTextChars;

  /**
   * Creates a collector.
   *
   * @param callIdToKey the Call-IDs to collect and the ladder each belongs to; its iteration order is the order of
   *     {@link #ladders()}
   * @param maxMessagesPerLadder the most messages a ladder keeps, at least 1
   * @param maxTextChars the most characters of a message's text kept, at least 0
   */
  public LadderCollector(Map<String, String> callIdToKey, int maxMessagesPerLadder, int maxTextChars) {
    if (maxMessagesPerLadder < 1) {
      throw new IllegalArgumentException("maxMessagesPerLadder " + maxMessagesPerLadder + " (expected: >= 1)");
    }
    if (maxTextChars < 0) {
      throw new IllegalArgumentException("maxTextChars " + maxTextChars + " (expected: >= 0)");
    }
    this.callIdToKey = new LinkedHashMap<>(requireNonNull(callIdToKey, "callIdToKey"));
    for (String key : this.callIdToKey.values()) {
      byKey.computeIfAbsent(requireNonNull(key, "key"), k -> new Builder());
    }
    this.maxMessagesPerLadder = maxMessagesPerLadder;
    this.maxTextChars = maxTextChars;
  }

  @Override
  public void accept(IngestEvent event) {
    if (event instanceof SipPacket p) {
      String callId = p.message().callId();
      Builder b = callId == null ? null : builder(callId);
      if (b != null && room(b, callId)) {
        add(b, p, callId);
      }
    } else if (event instanceof MalformedSip m) {
      String callId = MessageText.callIdOf(m.raw());
      Builder b = callId == null ? null : builder(callId);
      if (b != null && room(b, callId)) {
        b.messages.add(new LadderMessage(m.ref(), m.src(), m.dst(), m.transport(), MessageText.firstLine(m.raw()), 0,
            callId, MessageText.capped(m.raw(), maxTextChars), false,
            "byte " + m.offset() + " of the message: " + m.reason()));
      }
    }
  }

  /**
   * Returns the ladders, in the order of the keys in the map given to the constructor. A key none of whose Call-IDs
   * was seen has no entry, so every ladder returned has at least one message.
   */
  public Map<String, Ladder> ladders() {
    Map<String, Ladder> out = new LinkedHashMap<>();
    byKey.forEach((key, b) -> {
      if (!b.messages.isEmpty()) {
        out.put(key, new Ladder(key, List.copyOf(b.callIds), b.messages, b.omitted));
      }
    });
    return Collections.unmodifiableMap(out);
  }

  private @Nullable Builder builder(String callId) {
    String key = callIdToKey.get(callId);
    return key == null ? null : byKey.get(key);
  }

  /** Notes the Call-ID and returns whether the ladder has room for one more message, counting it if not. */
  private boolean room(Builder b, String callId) {
    b.callIds.add(callId);
    if (b.messages.size() < maxMessagesPerLadder) {
      return true;
    }
    b.omitted++;
    return false;
  }

  private void add(Builder b, SipPacket p, String callId) {
    SipMessage m = p.message();
    String startLine = m.startLine();
    boolean again = !b.seen.add(
        new Identity(p.src(), p.dst(), startLine, MessageText.cseq(m), MessageText.branch(m)));
    int status = m instanceof SipResponse r ? r.statusCode() : 0;
    b.messages.add(new LadderMessage(p.ref(), p.src(), p.dst(), p.transport(), MessageText.summary(m), status, callId,
        MessageText.capped(m.raw(), maxTextChars), again, p.problem()));
  }
}
