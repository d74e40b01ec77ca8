package io.sipaudit.sip;

import io.sipaudit.sip.header.SipUri;

/**
 * A SIP request: method and Request-URI, plus everything in {@link SipMessage}.
 *
 * <p>Example: {@code "INVITE sip:+4930123@gw.example;user=phone SIP/2.0"} has method {@link SipMethod#INVITE}
 * and Request-URI {@code "sip:+4930123@gw.example;user=phone"}.
 */
public final class SipRequest extends MessageBase implements SipMessage {
  private final SipMethod method;
  private final int uriStart;
  private final int uriEnd;

  SipRequest(Layout layout, SipMethod method, int uriStart, int uriEnd) {
    super(layout);
    this.method = method;
    this.uriStart = uriStart;
    this.uriEnd = uriEnd;
  }

  @Override
  public boolean isRequest() {
    return true;
  }

  /** Returns the method. */
  public SipMethod method() {
    return method;
  }

  /** Returns the Request-URI as written. */
  public String requestUri() {
    return Ascii.string(buf, uriStart, uriEnd);
  }

  /** Returns the Request-URI's parts (user, host, port, parameters). */
  public SipUri requestSipUri() {
    return SipUri.parse(buf, uriStart, uriEnd);
  }

  /** Returns the start line and size, e.g. {@code "INVITE sip:bob@b.example SIP/2.0 (612 bytes)"}. */
  @Override
  public String toString() {
    return startLine() + " (" + length + " bytes)";
  }
}
