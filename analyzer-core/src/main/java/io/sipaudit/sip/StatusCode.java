package io.sipaudit.sip;

/**
 * A SIP response status code: an open enum with constants for the registered codes and fresh instances for
 * any other code in 100..699.
 *
 * <p>Example: {@code StatusCode.of(503) == StatusCode.SERVICE_UNAVAILABLE}; {@code StatusCode.of(499)} is an
 * unregistered 4xx code with reason phrase {@code ""} that equals any other {@code of(499)}. The reason phrase
 * of a constant is the RFC's; the phrase actually received is {@link SipResponse#reasonPhrase()}.
 *
 * <pre>Status-Code = Informational / Redirection / Success / Client-Error / Server-Error
 *               / Global-Failure / extension-code
 * extension-code = 3DIGIT</pre>
 */
public final class StatusCode implements Comparable<StatusCode> {

  private static final StatusCode[] KNOWN = new StatusCode[700];

  /** 100 Trying, RFC 3261 §21.1.1. */
  public static final StatusCode TRYING = known(100, "Trying");
  /** 180 Ringing, RFC 3261 §21.1.2. */
  public static final StatusCode RINGING = known(180, "Ringing");
  /** 181 Call Is Being Forwarded, RFC 3261 §21.1.3. */
  public static final StatusCode CALL_IS_BEING_FORWARDED = known(181, "Call Is Being Forwarded");
  /** 182 Queued, RFC 3261 §21.1.4. */
  public static final StatusCode QUEUED = known(182, "Queued");
  /** 183 Session Progress, RFC 3261 §21.1.5. */
  public static final StatusCode SESSION_PROGRESS = known(183, "Session Progress");
  /** 199 Early Dialog Terminated, RFC 6228 §8. */
  public static final StatusCode EARLY_DIALOG_TERMINATED = known(199, "Early Dialog Terminated");
  /** 200 OK, RFC 3261 §21.2.1. */
  public static final StatusCode OK = known(200, "OK");
  /** 202 Accepted, RFC 3265 §6.4, deprecated by RFC 6665 §8.3.1. */
  public static final StatusCode ACCEPTED = known(202, "Accepted");
  /** 204 No Notification, RFC 5839 §8.3.1. */
  public static final StatusCode NO_NOTIFICATION = known(204, "No Notification");
  /** 300 Multiple Choices, RFC 3261 §21.3.1. */
  public static final StatusCode MULTIPLE_CHOICES = known(300, "Multiple Choices");
  /** 301 Moved Permanently, RFC 3261 §21.3.2. */
  public static final StatusCode MOVED_PERMANENTLY = known(301, "Moved Permanently");
  /** 302 Moved Temporarily, RFC 3261 §21.3.3. */
  public static final StatusCode MOVED_TEMPORARILY = known(302, "Moved Temporarily");
  /** 305 Use Proxy, RFC 3261 §21.3.4. */
  public static final StatusCode USE_PROXY = known(305, "Use Proxy");
  /** 380 Alternative Service, RFC 3261 §21.3.5. */
  public static final StatusCode ALTERNATIVE_SERVICE = known(380, "Alternative Service");
  /** 400 Bad Request, RFC 3261 §21.4.1. */
  public static final StatusCode BAD_REQUEST = known(400, "Bad Request");
  /** 401 Unauthorized, RFC 3261 §21.4.2. */
  public static final StatusCode UNAUTHORIZED = known(401, "Unauthorized");
  /** 402 Payment Required, RFC 3261 §21.4.3. */
  public static final StatusCode PAYMENT_REQUIRED = known(402, "Payment Required");
  /** 403 Forbidden, RFC 3261 §21.4.4. */
  public static final StatusCode FORBIDDEN = known(403, "Forbidden");
  /** 404 Not Found, RFC 3261 §21.4.5. */
  public static final StatusCode NOT_FOUND = known(404, "Not Found");
  /** 405 Method Not Allowed, RFC 3261 §21.4.6. */
  public static final StatusCode METHOD_NOT_ALLOWED = known(405, "Method Not Allowed");
  /** 406 Not Acceptable, RFC 3261 §21.4.7. */
  public static final StatusCode NOT_ACCEPTABLE = known(406, "Not Acceptable");
  /** 407 Proxy Authentication Required, RFC 3261 §21.4.8. */
  public static final StatusCode PROXY_AUTHENTICATION_REQUIRED = known(407, "Proxy Authentication Required");
  /** 408 Request Timeout, RFC 3261 §21.4.9. */
  public static final StatusCode REQUEST_TIMEOUT = known(408, "Request Timeout");
  /** 410 Gone, RFC 3261 §21.4.10. */
  public static final StatusCode GONE = known(410, "Gone");
  /** 412 Conditional Request Failed, RFC 3903 §11.2.1. */
  public static final StatusCode CONDITIONAL_REQUEST_FAILED = known(412, "Conditional Request Failed");
  /** 413 Request Entity Too Large, RFC 3261 §21.4.11. */
  public static final StatusCode REQUEST_ENTITY_TOO_LARGE = known(413, "Request Entity Too Large");
  /** 414 Request-URI Too Long, RFC 3261 §21.4.12. */
  public static final StatusCode REQUEST_URI_TOO_LONG = known(414, "Request-URI Too Long");
  /** 415 Unsupported Media Type, RFC 3261 §21.4.13. */
  public static final StatusCode UNSUPPORTED_MEDIA_TYPE = known(415, "Unsupported Media Type");
  /** 416 Unsupported URI Scheme, RFC 3261 §21.4.14. */
  public static final StatusCode UNSUPPORTED_URI_SCHEME = known(416, "Unsupported URI Scheme");
  /** 420 Bad Extension, RFC 3261 §21.4.15. */
  public static final StatusCode BAD_EXTENSION = known(420, "Bad Extension");
  /** 421 Extension Required, RFC 3261 §21.4.16. */
  public static final StatusCode EXTENSION_REQUIRED = known(421, "Extension Required");
  /** 422 Session Interval Too Small, RFC 4028 §6. */
  public static final StatusCode SESSION_INTERVAL_TOO_SMALL = known(422, "Session Interval Too Small");
  /** 423 Interval Too Brief, RFC 3261 §21.4.17. */
  public static final StatusCode INTERVAL_TOO_BRIEF = known(423, "Interval Too Brief");
  /** 430 Flow Failed, RFC 5626 §11.5. */
  public static final StatusCode FLOW_FAILED = known(430, "Flow Failed");
  /** 439 First Hop Lacks Outbound Support, RFC 5626 §11.6. */
  public static final StatusCode FIRST_HOP_LACKS_OUTBOUND_SUPPORT = known(439, "First Hop Lacks Outbound Support");
  /** 480 Temporarily Unavailable, RFC 3261 §21.4.18. */
  public static final StatusCode TEMPORARILY_UNAVAILABLE = known(480, "Temporarily Unavailable");
  /** 481 Call/Transaction Does Not Exist, RFC 3261 §21.4.19. */
  public static final StatusCode CALL_OR_TRANSACTION_DOES_NOT_EXIST = known(481, "Call/Transaction Does Not Exist");
  /** 482 Loop Detected, RFC 3261 §21.4.20. */
  public static final StatusCode LOOP_DETECTED = known(482, "Loop Detected");
  /** 483 Too Many Hops, RFC 3261 §21.4.21. */
  public static final StatusCode TOO_MANY_HOPS = known(483, "Too Many Hops");
  /** 484 Address Incomplete, RFC 3261 §21.4.22. */
  public static final StatusCode ADDRESS_INCOMPLETE = known(484, "Address Incomplete");
  /** 485 Ambiguous, RFC 3261 §21.4.23. */
  public static final StatusCode AMBIGUOUS = known(485, "Ambiguous");
  /** 486 Busy Here, RFC 3261 §21.4.24. */
  public static final StatusCode BUSY_HERE = known(486, "Busy Here");
  /** 487 Request Terminated, RFC 3261 §21.4.25. */
  public static final StatusCode REQUEST_TERMINATED = known(487, "Request Terminated");
  /** 488 Not Acceptable Here, RFC 3261 §21.4.26. */
  public static final StatusCode NOT_ACCEPTABLE_HERE = known(488, "Not Acceptable Here");
  /** 489 Bad Event, RFC 6665 §8.3.2. */
  public static final StatusCode BAD_EVENT = known(489, "Bad Event");
  /** 491 Request Pending, RFC 3261 §21.4.27. */
  public static final StatusCode REQUEST_PENDING = known(491, "Request Pending");
  /** 493 Undecipherable, RFC 3261 §21.4.28. */
  public static final StatusCode UNDECIPHERABLE = known(493, "Undecipherable");
  /** 500 Server Internal Error, RFC 3261 §21.5.1. */
  public static final StatusCode SERVER_INTERNAL_ERROR = known(500, "Server Internal Error");
  /** 501 Not Implemented, RFC 3261 §21.5.2. */
  public static final StatusCode NOT_IMPLEMENTED = known(501, "Not Implemented");
  /** 502 Bad Gateway, RFC 3261 §21.5.3. */
  public static final StatusCode BAD_GATEWAY = known(502, "Bad Gateway");
  /** 503 Service Unavailable, RFC 3261 §21.5.4. */
  public static final StatusCode SERVICE_UNAVAILABLE = known(503, "Service Unavailable");
  /** 504 Server Time-out, RFC 3261 §21.5.5. */
  public static final StatusCode SERVER_TIMEOUT = known(504, "Server Time-out");
  /** 505 Version Not Supported, RFC 3261 §21.5.6. */
  public static final StatusCode VERSION_NOT_SUPPORTED = known(505, "Version Not Supported");
  /** 513 Message Too Large, RFC 3261 §21.5.7. */
  public static final StatusCode MESSAGE_TOO_LARGE = known(513, "Message Too Large");
  /** 580 Precondition Failure, RFC 3312 §8. */
  public static final StatusCode PRECONDITION_FAILURE = known(580, "Precondition Failure");
  /** 600 Busy Everywhere, RFC 3261 §21.6.1. */
  public static final StatusCode BUSY_EVERYWHERE = known(600, "Busy Everywhere");
  /** 603 Decline, RFC 3261 §21.6.2. */
  public static final StatusCode DECLINE = known(603, "Decline");
  /** 604 Does Not Exist Anywhere, RFC 3261 §21.6.3. */
  public static final StatusCode DOES_NOT_EXIST_ANYWHERE = known(604, "Does Not Exist Anywhere");
  /** 606 Not Acceptable, RFC 3261 §21.6.4. */
  public static final StatusCode NOT_ACCEPTABLE_ANYWHERE = known(606, "Not Acceptable");
  /** 607 Unwanted, RFC 8197 §3. */
  public static final StatusCode UNWANTED = known(607, "Unwanted");
  /** 608 Rejected, RFC 8688 §3. */
  public static final StatusCode REJECTED = known(608, "Rejected");

  private final int code;
  private final String reasonPhrase;

  private StatusCode(int code, String reasonPhrase) {
    this.code = code;
    this.reasonPhrase = reasonPhrase;
  }

  private static StatusCode known(int code, String reasonPhrase) {
    StatusCode s = new StatusCode(code, reasonPhrase);
    KNOWN[code] = s;
    return s;
  }

  /** Returns the constant for a registered code, or a fresh instance for another code in 100..699. */
  public static StatusCode of(int code) {
    if (code < 100 || code > 699) {
      throw new IllegalArgumentException("status code " + code + " (expected: 100..699)");
    }
    StatusCode known = KNOWN[code];
    return known != null ? known : new StatusCode(code, "");
  }

  /** Returns the numeric code, for example {@code 486}. */
  public int code() {
    return code;
  }

  /** Returns the RFC's reason phrase for a registered code, or {@code ""}. */
  public String reasonPhrase() {
    return reasonPhrase;
  }

  /** Returns whether this code has a constant above. */
  public boolean isRegistered() {
    return KNOWN[code] != null;
  }

  /** Returns the class digit: 1 for 1xx, ..., 6 for 6xx. */
  public int codeClass() {
    return code / 100;
  }

  /** Returns whether this is a 1xx (provisional) response, RFC 3261 §21.1. */
  public boolean isProvisional() {
    return code < 200;
  }

  /** Returns whether this is a 2xx (success) response, RFC 3261 §21.2. */
  public boolean isSuccess() {
    return code >= 200 && code < 300;
  }

  /** Returns whether this is a final response (2xx to 6xx), RFC 3261 §7.2. */
  public boolean isFinal() {
    return code >= 200;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatusCode other && code == other.code;
  }

  @Override
  public int hashCode() {
    return code;
  }

  @Override
  public int compareTo(StatusCode o) {
    return Integer.compare(code, o.code);
  }

  /** Returns the code and RFC phrase, for example {@code "503 Service Unavailable"}. */
  @Override
  public String toString() {
    return reasonPhrase.isEmpty() ? Integer.toString(code) : code + " " + reasonPhrase;
  }
}
