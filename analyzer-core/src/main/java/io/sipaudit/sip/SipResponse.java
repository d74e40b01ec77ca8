package io.sipaudit.sip;

/**
 * A SIP response: status code and reason phrase, plus everything in {@link SipMessage}.
 *
 * <p>Example: {@code "SIP/2.0 503 Service Unavailable"} has status {@link StatusCode#SERVICE_UNAVAILABLE}; the
 * phrase is the one received, which may differ from the RFC's ({@code "SIP/2.0 200 Okay"}).
 */
public final class SipResponse extends MessageBase implements SipMessage {
  private final int code;
  private final int reasonStart;
  private final int reasonEnd;

  SipResponse(Layout layout, int code, int reasonStart, int reasonEnd) {
    super(layout);
    this.code = code;
    this.reasonStart = reasonStart;
    this.reasonEnd = reasonEnd;
  }

  @Override
  public boolean isRequest() {
    return false;
  }

  /** Returns the status code as an open-enum value. */
  public StatusCode status() {
    return StatusCode.of(code);
  }

  /** Returns the numeric status code, 100..699. */
  public int statusCode() {
    return code;
  }

  /** Returns the reason phrase as received, possibly empty. */
  public String reasonPhrase() {
    return Ascii.string(buf, reasonStart, reasonEnd);
  }

  /** Returns the start line and size, e.g. {@code "SIP/2.0 200 OK (480 bytes)"}. */
  @Override
  public String toString() {
    return startLine() + " (" + length + " bytes)";
  }
}
