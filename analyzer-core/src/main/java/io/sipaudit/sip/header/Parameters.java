package io.sipaudit.sip.header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
  public static final Parameters NONE = new Parameters(new String[0], 0);

  /** Parameter names common enough to be worth not allocating. */
  private static final String[] COMMON_NAMES = {"tag", "branch", "received", "rport", "lr", "transport", "user",
      "maddr", "ttl", "expires", "q", "ftag", "did", "method", "cause", "text", "remote", "ob", "reg-id",
      "refresher", "boundary", "charset", "version", "id", "alias", "phone-context", "sigcomp-id"};

  /** Bytes that end an unquoted parameter value. */
  private static final boolean[] VALUE_STOP = new boolean[256];

  static {
    for (char c : ";,?>\" \t\r\n".toCharArray()) {
      VALUE_STOP[c] = true;
    }
  }

  /** Alternating lower-case names and values in {@code [0, length)}; a parameter without a value has {@code ""}. */
  private final String[] pairs;
  private final int length;

  private Parameters(String[] pairs, int length) {
    this.pairs = pairs;
    this.length = length;
  }

  /** Returns the first value of {@code name} ({@code ""} if it has none), or null if absent. */
  public @Nullable String get(String name) {
    for (int i = 0; i < length; i += 2) {
      if (pairs[i].equalsIgnoreCase(name)) {
        return pairs[i + 1];
      }
    }
    return null;
  }

  /**
   * Returns every value of {@code name}, in order. A parameter should appear once, but some senders repeat one,
   * e.g. SIPp's {@code ;tag=6204SIPpTag012;tag=2}; {@link #get(String)} returns the first.
   */
  public List<String> getAll(String name) {
    List<String> values = new ArrayList<>(1);
    for (int i = 0; i < length; i += 2) {
      if (pairs[i].equalsIgnoreCase(name)) {
        values.add(pairs[i + 1]);
      }
    }
    return values;
  }

  /** Returns whether {@code name} is present, with or without a value. */
  public boolean has(String name) {
    return get(name) != null;
  }

  /** Returns the number of parameters. */
  public int size() {
    return length / 2;
  }

  /** Returns whether there are none. */
  public boolean isEmpty() {
    return length == 0;
  }

  /** Returns the parameters as an ordered, unmodifiable map from lower-case name to value. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < length; i += 2) {
      map.putIfAbsent(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** Returns {@code ;name=value...} in the original order, values unquoted. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i += 2) {
      sb.append(';').append(pairs[i]);
      if (!pairs[i + 1].isEmpty()) {
        sb.append('=').append(pairs[i + 1]);
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Parameters other && Arrays.equals(pairs, 0, length, other.pairs, 0, other.length);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < length; i++) {
      h = 31 * h + pairs[i].hashCode();
    }
    return h;
  }

  /**
   * Parses {@code *( SEMI generic-param )} from the cursor, stopping at the first byte that is neither LWS nor
   * {@code ;} (the caller decides whether that is an error). Unquoted values run to {@code ;}, {@code ,}, {@code ?},
   * {@code >} or whitespace, so IPv6 addresses such as {@code received=2001:db8::9} are kept whole.
   */
  static Parameters parse(Cursor c) {
    String[] pairs = null;
    int n = 0;
    while (c.consume(';')) {
      c.skipLws();
      int from = c.pos;
      while (!c.atEnd() && Cursor.isToken(c.peek())) {
        c.pos++;
      }
      if (c.pos == from) {
        throw c.error("parameter name (token)");
      }
      String name = name(c.buf, from, c.pos);
      String value = "";
      if (c.consume('=')) {
        c.skipLws();
        value = c.peek() == '"' ? c.quotedString() : plainValue(c);
      }
      if (pairs == null) {
        pairs = new String[6];
      } else if (n == pairs.length) {
        pairs = Arrays.copyOf(pairs, n * 2);
      }
      pairs[n++] = name;
      pairs[n++] = value;
    }
    return pairs == null ? NONE : new Parameters(pairs, n);
  }

  /** Returns the lower-case name in {@code buf[from, to)}, without a new String for common names. */
  static String name(byte[] buf, int from, int to) {
    int len = to - from;
    for (String common : COMMON_NAMES) {
      if (common.length() == len && matchesIgnoreCase(buf, from, common)) {
        return common;
      }
    }
    return new String(buf, from, len, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
  }

  static boolean matchesIgnoreCase(byte[] buf, int from, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      int b = buf[from + i];
      if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Returns parameters from alternating lower-case names and values. */
  static Parameters of(List<String> pairs) {
    return pairs.isEmpty() ? NONE : new Parameters(pairs.toArray(new String[0]), pairs.size());
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
    int p = from;
    while (p < c.end && !VALUE_STOP[c.buf[p] & 0xff]) {
      p++;
    }
    c.pos = p;
    return c.string(from, p);
  }
}
