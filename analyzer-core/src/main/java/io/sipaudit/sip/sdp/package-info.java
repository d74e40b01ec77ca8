/**
 * The parts of an SDP body (RFC 4566) that tell where a call's media goes: connection addresses at session and media
 * level, media lines (type, port, protocol, formats), {@code a=rtpmap} codec names and the direction attribute
 * (RFC 3264). For example {@code m=audio 54400 RTP/AVP 0 101} with {@code a=rtpmap:101 telephone-event/8000} gives
 * codecs {@code [PCMU, telephone-event]}. {@link io.sipaudit.sip.sdp.SdpBodies} finds the SDP in a plain
 * {@code application/sdp} body or in the first such part of a {@code multipart/*} body; other SDP lines are skipped.
 */
@NullMarked
package io.sipaudit.sip.sdp;

import org.jspecify.annotations.NullMarked;
