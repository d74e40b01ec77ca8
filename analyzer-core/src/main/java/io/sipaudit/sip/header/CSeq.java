package io.sipaudit.sip.header;

import static java.util.Objects.requireNonNull;

import io.sipaudit.sip.SipMethod;

/**
 * The CSeq header: a sequence number and the method of the request it belongs to (RFC 3261 §20.16).
 *
 * <p>Example: {@code CSeq: 4711 INVITE} gives number 4711 and method {@link SipMethod#INVITE}; a CANCEL or ACK
 * repeats the number of the INVITE it refers to.
 *
 * <pre>CSeq = "CSeq" HCOLON 1*DIGIT LWS Method</pre>
 *
 * @param number the sequence number, 0..2^32-1
 * @param method the request method
 */
public record CSeq(long number, SipMethod method) {

  public CSeq {
    requireNonNull(method, "method");
    if (number < 0 || number > 0xffffffffL) {
      throw new IllegalArgumentException("CSeq number " + number + " (expected: 0..2^32-1)");
    }
  }

  /** Parses a value such as {@code "1 INVITE"}. */
  public static CSeq parse(String value) {
    return parse(Cursor.of(value));
  }

  /** Parses the value in {@code buf[start, end)}; errors carry the offset from {@code start}. */
  public static CSeq parse(byte[] buf, int start, int end) {
    return parse(new Cursor(buf, start, end));
  }

  /** {@code CSeq = 1*DIGIT LWS Method} (the value after HCOLON). */
  private static CSeq parse(Cursor c) {
    c.skipLws();
    long number = c.digits("sequence number (1*DIGIT, at most 2^32-1)");
    int beforeLws = c.pos;
    if (c.skipLws().pos == beforeLws) {
      throw c.error("LWS after the sequence number");
    }
    int from = c.pos;
    while (!c.atEnd() && Cursor.isToken(c.peek())) {
      c.pos++;
    }
    if (c.pos == from) {
      throw c.error("Method (token)");
    }
    SipMethod method = SipMethod.of(c.buf, from, c.pos - from);
    if (!c.skipLws().atEnd()) {
      throw c.error("end of value after Method");
    }
    return new CSeq(number, method);
  }

  /** Returns the header value, for example {@code "4711 INVITE"}. */
  @Override
  public String toString() {
    return number + " " + method;
  }
}
