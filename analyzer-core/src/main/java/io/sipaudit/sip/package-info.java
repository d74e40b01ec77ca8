/**
 * SIP messages from bytes, knowing nothing of pcap, frames or transports (the {@code sip} stage). A UDP payload such
 * as {@code "INVITE sip:+4930555123@192.0.2.21 SIP/2.0\r\n...Content-Length: 132\r\n\r\nv=0..."} first goes
 * through {@link io.sipaudit.sip.SipFramer}, which finds where the message ends (Content-Length, compact {@code l},
 * keep-alives, truncation, resynchronisation of TCP streams), then through {@link io.sipaudit.sip.SipParser}, which
 * indexes the start line and header lines in one pass and returns a {@link io.sipaudit.sip.SipMessage} whose typed
 * accessors ({@code callId()}, {@code cseq()}, {@code fromTag()}, {@code topVia()}, ...) decode a header only when
 * asked. Bad input becomes data ({@link io.sipaudit.sip.FrameResult}, {@link io.sipaudit.sip.ParseResult.Malformed})
 * or a {@link io.sipaudit.sip.SipParseException} with a byte offset and what was expected. Methods and status codes
 * are open enums ({@link io.sipaudit.sip.SipMethod}, {@link io.sipaudit.sip.StatusCode}). Header value grammars live
 * in {@code io.sipaudit.sip.header}, SDP in {@code io.sipaudit.sip.sdp}. References: RFC 3261 §7, §18.3, §20, §25.
 */
@NullMarked
package io.sipaudit.sip;

import org.jspecify.annotations.NullMarked;
