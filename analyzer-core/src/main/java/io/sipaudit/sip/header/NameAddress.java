package io.sipaudit.sip.header;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * An address with optional display name and header parameters, as in From, To, Contact, Route and Record-Route.
 *
 * <p>Example: {@code "Smith, Bob \"The Builder\"" <sip:bob@example.com>;tag=a73kszlfl} has display name
 * {@code Smith, Bob "The Builder"} (quotes removed, escapes resolved), URI {@code sip:bob@example.com} and tag
 * {@code a73kszlfl}. Without angle brackets, as in {@code sip:bob@example.com;tag=x}, the parameters belong to the
 * header, not the URI (RFC 3261 §20). A Contact of {@code *} has {@link #isWildcard()}.
 *
 * <pre>from-spec = ( name-addr / addr-spec ) *( SEMI from-param )
 * name-addr = [ display-name ] LAQUOT addr-spec RAQUOT
 * display-name = *(token LWS) / quoted-string</pre>
 *
 * @param displayName the display name, {@code ""} if there is none
 * @param uri the address
 * @param params the header parameters after the address ({@code tag}, {@code expires}, {@code lr} is a URI param)
 */
public record NameAddress(String displayName, SipUri uri, Parameters params) {
  private static final SipUri WILDCARD = new SipUri("*", "", "", "", -1, Parameters.NONE);
  private static final SipUri UNDECODED = new SipUri("", "", "", "", -1, Parameters.NONE);

  public NameAddress {
    requireNonNull(displayName, "displayName");
    requireNonNull(uri, "uri");
    requireNonNull(params, "params");
  }

  /** Parses one address such as {@code "Alice <sip:alice@atlanta.example.com>;tag=1928301774"}. */
  public static NameAddress parse(String value) {
    Cursor c = Cursor.of(value);
    return parse(c, true);
  }

  /** Parses one address from {@code buf[start, end)}; errors carry the offset from {@code start}. */
  public static NameAddress parse(byte[] buf, int start, int end) {
    return parse(new Cursor(buf, start, end), true);
  }

  /**
   * Returns the {@code tag} parameter of the address in {@code buf[start, end)}, or null; checks the same grammar as
   * {@link #parse(byte[], int, int)} but decodes neither the display name nor the URI.
   */
  public static @Nullable String tag(byte[] buf, int start, int end) {
    return parse(new Cursor(buf, start, end), false).tag();
  }

  /** Returns the (first) {@code tag} parameter, or null when absent (e.g. the To of an initial request). */
  public @Nullable String tag() {
    return params.get("tag");
  }

  /** Returns whether this is the Contact wildcard {@code *} of a REGISTER that removes all bindings. */
  public boolean isWildcard() {
    return uri.text().equals("*");
  }

  /**
   * Returns where a display name that is neither tokens nor a quoted string ends, when a {@code '<'} follows it
   * before any parameter; otherwise {@code from}. Some user agents write one, e.g. Nero SIPPS's
   * {@code f: \"arik\" <sip:816666@voip.example.net>;tag=6433ef9}; tshark reads its address and tag, and so do we.
   */
  private static int lenientDisplayNameEnd(Cursor c, int from) {
    for (int q = from; q < c.end; q++) {
      byte b = c.buf[q];
      if (b == '<') {
        return q;
      }
      if (b == ';' || b == '>' || b < 0x20) {
        return from;
      }
    }
    return from;
  }

  /**
   * {@code (name-addr / addr-spec) *(SEMI generic-param)}, or the Contact wildcard {@code "*"}; with {@code decode}
   * false, leaves the display name empty and the URI unparsed.
   */
  private static NameAddress parse(Cursor c, boolean decode) {
    c.skipLws();
    if (c.peek() == '*') {
      c.pos++;
      Parameters params = Parameters.parse(c);
      expectEnd(c);
      return new NameAddress("", WILDCARD, params);
    }
    String displayName = "";
    if (c.peek() == '"') {
      if (decode) {
        displayName = c.quotedString();
      } else {
        c.skipQuotedString();
      }
      c.skipLws();
      if (c.peek() != '<') {
        throw c.error("'<' after display-name");
      }
    } else {
      int p = c.pos;
      while (p < c.end && (Cursor.isToken(c.buf[p]) || Cursor.isLws(c.buf[p]))) {
        p++;
      }
      if (p < c.end && c.buf[p] != '<') {
        p = lenientDisplayNameEnd(c, p);
      }
      if (p < c.end && c.buf[p] == '<') {
        displayName = decode ? c.collapsed(c.pos, p) : "";
        c.pos = p;
      }
    }
    SipUri uri;
    if (c.peek() == '<') {
      int close = c.find('>');
      if (close < 0) {
        throw c.error("'>' closing the addr-spec");
      }
      int from = c.pos + 1;
      int to = close;
      while (from < to && Cursor.isLws(c.buf[from])) {
        from++;
      }
      while (to > from && Cursor.isLws(c.buf[to - 1])) {
        to--;
      }
      uri = decode ? SipUri.parse(c.buf, from, to) : UNDECODED;
      c.pos = close + 1;
    } else {
      int from = c.pos;
      while (!c.atEnd() && c.peek() != ';' && !Cursor.isLws(c.peek())) {
        c.pos++;
      }
      if (c.pos == from) {
        throw c.error("name-addr or addr-spec");
      }
      uri = decode ? SipUri.parse(c.buf, from, c.pos) : UNDECODED;
    }
    Parameters params = Parameters.parse(c);
    expectEnd(c);
    return new NameAddress(displayName, uri, params);
  }

  private static void expectEnd(Cursor c) {
    if (!c.skipLws().atEnd()) {
      throw c.error("';' header parameter or end of value");
    }
  }
}
