/**
 * Parsers and value types for SIP header values, one per grammar area of RFC 3261 §25.1 and its extensions:
 * {@link io.sipaudit.sip.header.Via}, {@link io.sipaudit.sip.header.NameAddress} with its
 * {@link io.sipaudit.sip.header.SipUri} (sip:, sips:, tel:, IPv6 references),
 * {@link io.sipaudit.sip.header.CSeq}, {@link io.sipaudit.sip.header.Parameters},
 * {@link io.sipaudit.sip.header.Reason} (RFC 3326), {@link io.sipaudit.sip.header.MediaType},
 * {@link io.sipaudit.sip.header.Credentials} and {@link io.sipaudit.sip.header.SessionId} (RFC 7989). For example
 * {@code Via.parse("SIP/2.0/UDP [2001:db8::9]:5060;branch=z9hG4bK74bf9;rport")} gives transport {@code UDP}, host
 * {@code [2001:db8::9]}, port 5060 and a bare rport. Each parser reads one value from {@code byte[] buf, start, end}
 * (folded line breaks count as whitespace), is named after its ABNF rule, and throws
 * {@link io.sipaudit.sip.SipParseException} with the offset within the value and what was expected; the message
 * model moves that offset into the message. Values are immutable records.
 */
@NullMarked
package io.sipaudit.sip.header;

import org.jspecify.annotations.NullMarked;
