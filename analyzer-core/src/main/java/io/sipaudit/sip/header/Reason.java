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

  private static Reason parse(Cursor c) {
    c.skipLws();
    String protocol = c.token("protocol (token)");
    Parameters params = Parameters.parse(c);
    if (!c.skipLws().atEnd()) {
      throw c.error("';' reason-params or end of value");
    }
    String cause = params.get("cause");
    int code = cause != null && !cause.isEmpty() && cause.length() <= 9 && cause.chars().allMatch(ch -> ch >= '0' && ch <= '9')
        ? Integer.parseInt(cause)
        : -1;
    return new Reason(protocol, code, params.get("text"), params);
  }
}
