package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

/**
 * What a record makes of one of its lines after the header: message text, or framing.
 *
 * <p>Example: in an old-layout FreeSWITCH record, {@code "   Via: SIP/2.0/UDP 192.0.2.4:5090"} is
 * {@code text("Via: SIP/2.0/UDP 192.0.2.4:5090", false)}, and the closing three spaces and 72 dashes are
 * {@link Kind#END}.
 *
 * @param kind what the line is
 * @param text the message text of a {@link Kind#TEXT} line, without decoration; otherwise empty
 * @param crlf whether the line stood for a CR LF line end (ngrep's trailing {@code .} does)
 */
record Payload(Kind kind, String text, boolean crlf) {
  /** The kinds of payload line. */
  enum Kind {
    /** A line of the message (or before it). */
    TEXT,
    /** Decoration to ignore: not message text, not noise. */
    SKIP,
    /** The line closes the record, and with it any message. */
    END,
    /** The line closes the current message; the record goes on (tshark's next SIP PDU in a frame). */
    END_MESSAGE
  }

  static final Payload SKIP = new Payload(Kind.SKIP, "", false);
  static final Payload END = new Payload(Kind.END, "", false);
  static final Payload END_MESSAGE = new Payload(Kind.END_MESSAGE, "", false);

  Payload {
    requireNonNull(kind, "kind");
    requireNonNull(text, "text");
  }

  static Payload text(String text, boolean crlf) {
    return new Payload(Kind.TEXT, text, crlf);
  }
}
