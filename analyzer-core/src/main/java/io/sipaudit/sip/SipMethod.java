package io.sipaudit.sip;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A SIP request method: an open enum with constants for the standard methods and fresh instances for
 * extension tokens.
 *
 * <p>Example: {@code SipMethod.of("INVITE") == SipMethod.INVITE}; {@code SipMethod.of("X-PING")} is a new,
 * non-standard method equal to any other {@code X-PING}. Methods are case-sensitive (RFC 3261 §7.1), so
 * {@code of("invite")} is an extension method, not {@link #INVITE}.
 *
 * <pre>Method = INVITEm / ACKm / OPTIONSm / BYEm / CANCELm / REGISTERm / extension-method
 * extension-method = token</pre>
 */
public final class SipMethod implements Comparable<SipMethod> {

  /** Starts a session, RFC 3261 §13. */
  public static final SipMethod INVITE = new SipMethod("INVITE", true);
  /** Confirms the final response to an INVITE, RFC 3261 §13.2.2.4 and §17.1.1.3. */
  public static final SipMethod ACK = new SipMethod("ACK", true);
  /** Ends a session, RFC 3261 §15.1. */
  public static final SipMethod BYE = new SipMethod("BYE", true);
  /** Cancels a pending request, RFC 3261 §9. */
  public static final SipMethod CANCEL = new SipMethod("CANCEL", true);
  /** Queries capabilities; also the usual health probe of load balancers, RFC 3261 §11. */
  public static final SipMethod OPTIONS = new SipMethod("OPTIONS", true);
  /** Binds an address-of-record to contacts, RFC 3261 §10. */
  public static final SipMethod REGISTER = new SipMethod("REGISTER", true);
  /** Acknowledges a reliable provisional response, RFC 3262 §7.1. */
  public static final SipMethod PRACK = new SipMethod("PRACK", true);
  /** Modifies a session before it is established, RFC 3311 §5. */
  public static final SipMethod UPDATE = new SipMethod("UPDATE", true);
  /** Carries mid-session application information, RFC 6086 §4. */
  public static final SipMethod INFO = new SipMethod("INFO", true);
  /** Requests event notifications, RFC 6665 §4.1. */
  public static final SipMethod SUBSCRIBE = new SipMethod("SUBSCRIBE", true);
  /** Delivers an event notification, RFC 6665 §4.2. */
  public static final SipMethod NOTIFY = new SipMethod("NOTIFY", true);
  /** Asks the recipient to contact a third party, RFC 3515 §2. */
  public static final SipMethod REFER = new SipMethod("REFER", true);
  /** Carries an instant message, RFC 3428 §4. */
  public static final SipMethod MESSAGE = new SipMethod("MESSAGE", true);
  /** Publishes event state, RFC 3903 §4. */
  public static final SipMethod PUBLISH = new SipMethod("PUBLISH", true);

  private static final SipMethod[] STANDARD = {INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, UPDATE, INFO,
      SUBSCRIBE, NOTIFY, REFER, MESSAGE, PUBLISH};
  private static final Map<String, SipMethod> KNOWN = Stream.of(STANDARD)
      .collect(Collectors.toUnmodifiableMap(SipMethod::name, Function.identity()));

  private final String name;
  private final boolean standard;

  private SipMethod(String name, boolean standard) {
    this.name = name;
    this.standard = standard;
  }

  /**
   * Returns the constant for a standard method, or a fresh instance for an extension token; never throws
   * for a non-empty name.
   */
  public static SipMethod of(String name) {
    requireNonNull(name, "name");
    SipMethod known = KNOWN.get(name);
    if (known != null) {
      return known;
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty SIP method (expected: token)");
    }
    return new SipMethod(name, false);
  }

  /** Returns the method for the {@code len} bytes at {@code off}; creates no String for a standard method. */
  public static SipMethod of(byte[] buf, int off, int len) {
    for (SipMethod m : STANDARD) {
      if (m.name.length() == len && Ascii.regionMatches(buf, off, m.name)) {
        return m;
      }
    }
    return of(Ascii.string(buf, off, off + len));
  }

  /** Returns the method token, for example {@code "INVITE"}. */
  public String name() {
    return name;
  }

  /** Returns whether this is one of the constants above rather than an extension method. */
  public boolean isStandard() {
    return standard;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipMethod other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public int compareTo(SipMethod o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
