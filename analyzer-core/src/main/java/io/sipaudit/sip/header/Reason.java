package io.sipaudit.sip.header;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One Reason value: why a request was cancelled or failed, in SIP or ISUP (Q.850) terms (RFC 3326 §2).
 *
 * <p>Example: {@code Q.850;cause=16;text="Normal call clearing"} gives protocol {@code Q.850}, cause 16 and text
 * {@code Normal call clearing}; {@code SIP;cause=503;text="Service Unavailable"} often accompanies a balancer's
 * failover.
 *
 * <pre>reason-value   = protocol *(SEMI reason-params)
 * protocol       = "SIP" / "Q.850" / token
 * reason-params  = protocol-cause / reason-text / reason-extension
 * protocol-cause = "cause" EQUAL cause
 * reason-text    = "text" EQUAL quoted-string</pre>
 *
 * @param protocol the protocol token as written
 * @param cause the cause, or -1 when absent or not a number
 * @param text the text without quotes, or null
 * @param params all parameters, including {@code cause} and {@code text}
 */
public record Reason(String protocol, int cause, @Nullable String text, Parameters params) {

  public Reason {
    requireNonNull(protocol, "protocol");
    requireNonNull(params, "params");
    if (cause < -1) {
      throw new IllegalArgumentException("cause " + cause + " (expected: -1 or >= 0)");
    }
  }

  /** Parses one reason-value such as {@code "SIP;cause=480;text=\"Temporarily Unavailable\""}. */
  public static Reason parse(String value) {
    return parse(Cursor.of(value));
  }

  /** Parses one reason-value from {@code buf[start, end)}; errors carry the offset from {@code start}. */
  public static Reason parse(byte[] buf, int start, int end) {
    return parse(new Cursor(buf, start, end));
  }

  /** {@code reason-value = protocol *(SEMI reason-params)}. */
  private static Reason parse(Cursor c) {
    c.skipLws();
    String protocol = c.token("protocol (token)");
    Parameters params = Parameters.parse(c);
    if (!c.skipLws().atEnd()) {
      throw c.error("';' reason-params or end of value");
    }
    return new Reason(protocol, cause(params.get("cause")), params.get("text"), params);
  }

  /** {@code cause = 1*DIGIT}; returns -1 when absent or not a number of at most 9 digits. */
  private static int cause(@Nullable String value) {
    if (value == null || value.isEmpty() || value.length() > 9) {
      return -1;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(value);
  }
}
