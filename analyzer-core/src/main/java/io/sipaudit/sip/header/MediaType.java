package io.sipaudit.sip.header;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A Content-Type value: type, subtype and parameters (RFC 3261 §20.15).
 *
 * <p>Example: {@code multipart/mixed;boundary="unique-boundary-1"} has type {@code multipart}, subtype
 * {@code mixed} and parameter {@code boundary=unique-boundary-1}; {@code Application/SDP} is
 * {@code application/sdp} (type and subtype lower-cased, they are case-insensitive).
 *
 * <pre>media-type = m-type SLASH m-subtype *(SEMI m-parameter)</pre>
 *
 * @param type lower-case type, e.g. {@code "application"}
 * @param subtype lower-case subtype, e.g. {@code "sdp"}
 * @param params the parameters, names lower-cased
 */
public record MediaType(String type, String subtype, Parameters params) {

  public MediaType {
    requireNonNull(type, "type");
    requireNonNull(subtype, "subtype");
    requireNonNull(params, "params");
  }

  /** Parses a value such as {@code "application/sdp"}. */
  public static MediaType parse(String value) {
    return parse(Cursor.of(value));
  }

  /** Parses the value in {@code buf[start, end)}; errors carry the offset from {@code start}. */
  public static MediaType parse(byte[] buf, int start, int end) {
    return parse(new Cursor(buf, start, end));
  }

  /** Returns whether this is {@code type/subtype}, ignoring case. */
  public boolean is(String type, String subtype) {
    return this.type.equalsIgnoreCase(type) && this.subtype.equalsIgnoreCase(subtype);
  }

  /** Returns {@code type/subtype} without parameters. */
  public String essence() {
    return type + "/" + subtype;
  }

  /** {@code media-type = m-type SLASH m-subtype *(SEMI m-parameter)}. */
  private static MediaType parse(Cursor c) {
    c.skipLws();
    String type = c.token("m-type (token)");
    c.expect('/', "'/' after m-type");
    c.skipLws();
    String subtype = c.token("m-subtype (token)");
    Parameters params = Parameters.parse(c);
    if (!c.skipLws().atEnd()) {
      throw c.error("';' m-parameter or end of value");
    }
    return new MediaType(type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT), params);
  }
}
