package io.sipaudit.sip;

import io.sipaudit.sip.header.Parameters;
import io.sipaudit.sip.header.SessionId;
import org.jspecify.annotations.Nullable;

/**
 * Headers that tie together the legs of one call when a balancer or B2BUA changes the Call-ID: {@code X-CID} and
 * {@code X-Call-ID} (vendor headers that carry the original Call-ID), {@code Session-ID} (RFC 7989) and the IMS
 * charging id of {@code P-Charging-Vector} (RFC 7315 §4.6).
 *
 * <p>Example: {@code P-Charging-Vector: icid-value=1234bc9876e;icid-generated-at=192.0.6.8;orig-ioi=home1.net}
 * gives {@code icid(m) = "1234bc9876e"}.
 */
public final class Correlation {
  private Correlation() {}

  /** Returns the {@code X-CID} value, or null. */
  public static @Nullable String xCid(SipMessage m) {
    return m.header("X-CID");
  }

  /** Returns the {@code X-Call-ID} value, or null. */
  public static @Nullable String xCallId(SipMessage m) {
    return m.header("X-Call-ID");
  }

  /**
   * Returns the parsed {@code Session-ID}, or null.
   *
   * @throws SipParseException when the header is present but malformed
   */
  public static @Nullable SessionId sessionId(SipMessage m) {
    String value = m.header("Session-ID");
    return value == null ? null : SessionId.parse(value);
  }

  /**
   * Returns the {@code icid-value} of {@code P-Charging-Vector}, or null.
   *
   * <pre>P-Charging-Vector = "P-Charging-Vector" HCOLON icid-value *(SEMI charge-params)
   * icid-value = "icid-value" EQUAL gen-value</pre>
   *
   * @throws SipParseException when the header is present but malformed
   */
  public static @Nullable String icid(SipMessage m) {
    String value = m.header("P-Charging-Vector");
    return value == null ? null : Parameters.parse(";" + value).get("icid-value");
  }
}
