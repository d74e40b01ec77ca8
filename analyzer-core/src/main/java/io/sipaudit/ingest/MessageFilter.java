package io.sipaudit.ingest;

import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A small filter language for SIP messages: terms {@code key=value} or {@code key!=value} joined by
 * {@code and} or {@code ,} (all must hold).
 *
 * <p>Keys: {@code call-id}, {@code method} (request method or, for responses, the CSeq method),
 * {@code status} (a code like {@code 503}, or a class like {@code 5xx}), {@code addr} (source or destination,
 * {@code ip} or {@code ip:port}), {@code src}, {@code dst}, {@code transport}, {@code malformed}
 * ({@code true}/{@code false}). Example: {@code method=INVITE and addr=127.0.1.12}.
 */
public final class MessageFilter implements Predicate<IngestEvent> {
  private record Term(String key, boolean negate, String value) {}

  private static final List<String> KEYS =
      List.of("call-id", "method", "status", "addr", "src", "dst", "transport", "malformed");

  private final List<Term> terms;

  private MessageFilter(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  /** Returns a filter that accepts everything. */
  public static MessageFilter all() {
    return new MessageFilter(List.of());
  }

  /**
   * Parses {@code expression}.
   *
   * @throws IllegalArgumentException naming the bad term and the known keys
   */
  public static MessageFilter parse(String expression) {
    List<Term> terms = new ArrayList<>();
    for (String raw : expression.trim().split("\\s+and\\s+|\\s*,\\s*")) {
      String t = raw.trim();
      if (t.isEmpty()) {
        continue;
      }
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("filter term '" + t + "' (expected: key=value or key!=value)");
      }
      boolean negate = t.charAt(eq - 1) == '!';
      String key = t.substring(0, negate ? eq - 1 : eq).trim().toLowerCase(Locale.ROOT);
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("filter key '" + key + "' (expected one of: " + String.join(", ", KEYS) + ")");
      }
      terms.add(new Term(key, negate, t.substring(eq + 1).trim()));
    }
    return new MessageFilter(terms);
  }

  @Override
  public boolean test(IngestEvent e) {
    for (Term t : terms) {
      if (matches(t, e) == t.negate) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(Term t, IngestEvent e) {
    String v = t.value;
    return switch (t.key) {
      case "malformed" -> Boolean.parseBoolean(v) == (e instanceof MalformedSip);
      case "transport" -> e.transport().name().equalsIgnoreCase(v);
      case "addr" -> endpointMatches(e.src().toString(), v) || endpointMatches(e.dst().toString(), v);
      case "src" -> endpointMatches(e.src().toString(), v);
      case "dst" -> endpointMatches(e.dst().toString(), v);
      default -> e instanceof SipPacket p && messageMatches(t.key, v, p);
    };
  }

  private static boolean messageMatches(String key, String v, SipPacket p) {
    switch (key) {
      case "call-id":
        return v.equals(p.message().callId());
      case "method":
        if (p.message() instanceof SipRequest r) {
          return r.method().name().equalsIgnoreCase(v);
        }
        try {
          return p.message().cseq() != null && p.message().cseq().method().name().equalsIgnoreCase(v);
        } catch (RuntimeException bad) {
          return false;
        }
      case "status":
        if (!(p.message() instanceof SipResponse r)) {
          return false;
        }
        String code = Integer.toString(r.statusCode());
        return v.length() == 3 && v.toLowerCase(Locale.ROOT).endsWith("xx") ? code.charAt(0) == v.charAt(0) : code.equals(v);
      default:
        return false;
    }
  }

  private static boolean endpointMatches(String endpoint, String v) {
    if (endpoint.equals(v)) {
      return true;
    }
    int colon = endpoint.lastIndexOf(':');
    String host = endpoint.substring(0, colon);
    return host.equals(v) || host.equals("[" + v + "]");
  }
}
