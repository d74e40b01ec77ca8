package io.sipaudit.sip.header;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An Authorization or Proxy-Authorization value: the scheme and its comma-separated auth-params
 * (RFC 3261 §20.7, §22.4).
 *
 * <p>Example: {@code Digest username="alice", realm="atlanta.example.com", nonce="84a4cc6f", uri="sip:ss2.example",
 * response="7587245234b3434cc3412213e5f113a5"} gives scheme {@code Digest} and username {@code alice}.
 *
 * <pre>credentials     = ("Digest" LWS digest-response) / other-response
 * digest-response = dig-resp *(COMMA dig-resp)
 * username        = "username" EQUAL username-value
 * auth-param      = auth-param-name EQUAL ( token / quoted-string )</pre>
 *
 * @param scheme the scheme as written, e.g. {@code "Digest"}
 * @param params the auth-params, names lower-cased, values unquoted
 */
public record Credentials(String scheme, Parameters params) {

  public Credentials {
    requireNonNull(scheme, "scheme");
    requireNonNull(params, "params");
  }

  /** Parses a value such as {@code "Digest username=\"alice\", realm=\"example.com\""}. */
  public static Credentials parse(String value) {
    return parse(Cursor.of(value));
  }

  /** Parses the value in {@code buf[start, end)}; errors carry the offset from {@code start}. */
  public static Credentials parse(byte[] buf, int start, int end) {
    return parse(new Cursor(buf, start, end));
  }

  /** Returns the {@code username} auth-param, or null. */
  public @Nullable String username() {
    return params.get("username");
  }

  /** {@code credentials = auth-scheme LWS auth-param *(COMMA auth-param)}. */
  private static Credentials parse(Cursor c) {
    c.skipLws();
    String scheme = c.token("auth-scheme (token)");
    List<String> pairs = new ArrayList<>();
    do {
      c.skipLws();
      if (c.atEnd()) {
        break;
      }
      pairs.add(c.token("auth-param name (token)").toLowerCase(Locale.ROOT));
      c.expect('=', "'=' after auth-param name");
      c.skipLws();
      if (c.peek() == '"') {
        pairs.add(c.quotedString());
      } else {
        int from = c.pos;
        while (!c.atEnd() && c.peek() != ',' && !Cursor.isLws(c.peek())) {
          c.pos++;
        }
        pairs.add(c.string(from, c.pos));
      }
    } while (c.consume(','));
    if (!c.skipLws().atEnd()) {
      throw c.error("',' auth-param or end of value");
    }
    return new Credentials(scheme, Parameters.of(pairs));
  }
}
