package io.sipaudit.sip.header;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A Session-ID value: the end-to-end session identifier of RFC 7989, which survives balancers and B2BUAs that
 * rewrite the Call-ID.
 *
 * <p>Example: {@code ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2} gives local
 * {@code ab30317f1a784dc48ff824d0d3715d86} and remote {@code 47755a9de7794ba387653f2099600ef2}. The "null" UUID
 * (32 zeros) is kept as written.
 *
 * <pre>session-id-value = local-uuid *(SEMI sess-id-param)
 * local-uuid       = sess-uuid / null
 * sess-id-param    = remote-param / generic-param
 * remote-param     = "remote" EQUAL remote-uuid
 * sess-uuid        = 32(DIGIT / %x61-66)</pre>
 *
 * @param local the sender's UUID, lower-cased
 * @param remote the peer's UUID, lower-cased, or null when the {@code remote} parameter is absent
 * @param params all parameters
 */
public record SessionId(String local, @Nullable String remote, Parameters params) {

  public SessionId {
    requireNonNull(local, "local");
    requireNonNull(params, "params");
  }

  /** Parses a value such as {@code "ab30317f1a784dc48ff824d0d3715d86;remote=00000000000000000000000000000000"}. */
  public static SessionId parse(String value) {
    return parse(Cursor.of(value));
  }

  /** Parses the value in {@code buf[start, end)}; errors carry the offset from {@code start}. */
  public static SessionId parse(byte[] buf, int start, int end) {
    return parse(new Cursor(buf, start, end));
  }

  /** Returns whether the local UUID is the null UUID (32 zeros), sent before the peer's UUID is known. */
  public boolean isLocalNull() {
    return local.chars().allMatch(c -> c == '0');
  }

  /** {@code session-id-value = local-uuid *(SEMI sess-id-param)}. */
  private static SessionId parse(Cursor c) {
    c.skipLws();
    String local = c.token("local-uuid (32 hex digits)");
    Parameters params = Parameters.parse(c);
    if (!c.skipLws().atEnd()) {
      throw c.error("';' sess-id-param or end of value");
    }
    String remote = params.get("remote");
    return new SessionId(local.toLowerCase(Locale.ROOT), remote == null ? null : remote.toLowerCase(Locale.ROOT),
        params);
  }
}
