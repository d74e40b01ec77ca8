package io.sipaudit.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One line of a dispatcher set: a destination URI with its flags, priority and attributes.
 *
 * <p>Example: {@code 1 sip:10.0.0.11:5060;transport=tcp 0 10 weight=50;duid=pbx1} is set 1, destination
 * {@code sip:10.0.0.11:5060;transport=tcp}, flags 0, priority 10, attributes {@code weight=50} and
 * {@code duid=pbx1}, with {@link #hostPort()} {@code 10.0.0.11:5060}.
 *
 * @param setId the set
 * @param uri the destination URI, {@code sip:} added when the line had no scheme (as Kamailio does)
 * @param flags the initial state bits (1 inactive, 2 trying, 4 disabled, 8 probing, 16 no DNS)
 * @param priority the priority (higher first)
 * @param attrs the attributes by lower-case name (a repeated name keeps the last value)
 * @param line the 1-based line number in the file
 */
public record Destination(int setId, String uri, int flags, int priority, Map<String, String> attrs, int line) {
  public Destination {
    requireNonNull(uri, "uri");
    attrs = Map.copyOf(attrs);
  }

  /** Returns {@code host:port} of the URI, the port defaulting to 5060 (5061 for sips or {@code ;transport=tls}). */
  public String hostPort() {
    return io.sipaudit.truth.Destinations.hostPort(uri);
  }

  /** Returns an integer attribute in Kamailio's accepted range 1..100 ({@code weight}, {@code rweight}), else 0. */
  public int percentAttr(String name) {
    String v = attrs.get(name);
    try {
      int n = v == null ? 0 : Integer.parseInt(v.trim());
      return n >= 1 && n <= 100 ? n : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Returns an integer attribute such as {@code maxload} or {@code latency}, or 0 when absent or not a number. */
  public int intAttr(String name) {
    String v = attrs.get(name);
    try {
      return v == null ? 0 : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Returns an attribute, or null. */
  public @Nullable String attr(String name) {
    return attrs.get(name);
  }

  /** Returns whether the initial state makes the destination unusable (inactive or disabled). */
  public boolean skippedAtLoad() {
    return (flags & (1 | 4)) != 0;
  }
}
