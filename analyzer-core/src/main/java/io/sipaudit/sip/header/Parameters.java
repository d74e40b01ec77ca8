package io.sipaudit.sip.header;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ;name=value} parameters of a header value or URI, in order, with names compared ignoring case.
 * Immutable.
 *
 * <p>Example: {@code ;branch=z9hG4bK776;rport;received=192.0.2.4} gives {@code get("branch") = "z9hG4bK776"},
 * {@code get("rport") = ""} (present without a value), {@code get("ttl") = null}. Quoted values are returned
 * without quotes.
 *
 * <pre>generic-param = token [ EQUAL gen-value ]
 * gen-value     = token / host / quoted-string</pre>
 */
public final class Parameters {
  /** No parameters. */
  public static final Parameters NONE = new Parameters(new String[0]);

  /** Alternating lower-case names and values; a parameter without a value has {@code ""}. */
  private final String[] pairs;

  private Parameters(String[] pairs) {
    this.pairs = pairs;
  }

  /** Returns the value of {@code name} ({@code ""} if it has none), or null if absent. */
  public @Nullable String get(String name) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i].equalsIgnoreCase(name)) {
        return pairs[i + 1];
      }
    }
    return null;
  }

  /** Returns whether {@code name} is present, with or without a value. */
  public boolean has(String name) {
    return get(name) != null;
  }

  /** Returns the number of parameters. */
  public int size() {
    return pairs.length / 2;
  }

  /** Returns whether there are none. */
  public boolean isEmpty() {
    return pairs.length == 0;
  }

  /** Returns the parameters as an ordered, unmodifiable map from lower-case name to value. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.putIfAbsent(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** Returns {@code ;name=value...} in the original order, values unquoted. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      sb.append(';').append(pairs[i]);
      if (!pairs[i + 1].isEmpty()) {
        sb.append('=').append(pairs[i + 1]);
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Parameters other && java.util.Arrays.equals(pairs, other.pairs);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(pairs);
  }

  /**
   * Parses {@code *( SEMI generic-param )} from the cursor, stopping at the first byte that is neither LWS nor
   * {@code ;} (the caller decides whether that is an error). Unquoted values run to {@code ;}, {@code ,}, {@code ?},
   * {@code >} or whitespace, so IPv6 addresses such as {@code received=2001:db8::9} are kept whole.
   */
  static Parameters parse(Cursor c) {
    List<String> pairs = null;
    while (c.consume(';')) {
      c.skipLws();
      String name = c.token("parameter name (token)").toLowerCase(Locale.ROOT);
      String value = "";
      if (c.consume('=')) {
        c.skipLws();
        value = c.peek() == '"' ? c.quotedString() : plainValue(c);
      }
      if (pairs == null) {
        pairs = new ArrayList<>(8);
      }
      pairs.add(name);
      pairs.add(value);
    }
    return pairs == null ? NONE : new Parameters(pairs.toArray(new String[0]));
  }

  /** Returns parameters from alternating lower-case names and values. */
  static Parameters of(List<String> pairs) {
    return pairs.isEmpty() ? NONE : new Parameters(pairs.toArray(new String[0]));
  }

  /** Parses parameters from a string such as {@code ";tag=1928301774;x=y"}. */
  public static Parameters parse(String text) {
    Cursor c = Cursor.of(text);
    Parameters p = parse(c);
    if (!c.skipLws().atEnd()) {
      throw c.error("';' generic-param");
    }
    return p;
  }

  private static String plainValue(Cursor c) {
    int from = c.pos;
    while (!c.atEnd()) {
      byte b = c.peek();
      if (b == ';' || b == ',' || b == '?' || b == '>' || b == '"' || Cursor.isLws(b)) {
        break;
      }
      c.pos++;
    }
    return c.string(from, c.pos);
  }
}
