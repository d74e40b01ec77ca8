package io.sipaudit.sip;

import io.sipaudit.sip.header.CSeq;
import io.sipaudit.sip.header.MediaType;
import io.sipaudit.sip.header.NameAddress;
import io.sipaudit.sip.header.Reason;
import io.sipaudit.sip.header.Via;
import io.sipaudit.sip.sdp.SessionDescription;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed SIP message: a view of its bytes with lazily decoded headers (RFC 3261 §7).
 *
 * <p>Example: for an INVITE relayed by a balancer, {@code callId()} is {@code "a84b4c76e66710@pc33.example"},
 * {@code cseq()} is {@code 314159 INVITE}, {@code from().tag()} is {@code "1928301774"} and {@code topVia().branch()}
 * is the balancer's {@code "z9hG4bK..."} branch.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Headers are found by full or compact name, in any case; values are trimmed and unfolded.
 *   <li>A header that is absent gives null, an empty list or -1. Missing mandatory headers are not an error.
 *   <li>A header that is present but malformed makes its typed accessor throw {@link SipParseException}, with the
 *       offset in the message and the header name; {@link #header(String)} still returns its text.
 *   <li>The message keeps the bytes it was parsed from without copying; they must not change afterwards.
 *   <li>Immutable and safe to share between threads; typed values are computed on first use.
 * </ul>
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

  /** Returns whether this is a request. */
  boolean isRequest();

  /** Returns the first line without its line end, e.g. {@code "SIP/2.0 180 Ringing"}. */
  String startLine();

  /** Returns the whole message as a read-only buffer (position 0). */
  ByteBuffer raw();

  /** Returns the length of the message in bytes, from the start line to the end of the body. */
  int length();

  /** Returns a copy of the message bytes. */
  byte[] toByteArray();

  /** Returns the body as a read-only buffer (empty if none). */
  ByteBuffer body();

  /** Returns the index of all header lines. */
  SipHeaders headerFields();

  /** Returns the Call-ID (RFC 3261 §20.8), or null if absent. */
  @Nullable String callId();

  /** Returns the CSeq (RFC 3261 §20.16), or null if absent. */
  @Nullable CSeq cseq();

  /** Returns the From address with its tag (RFC 3261 §20.20), or null if absent. */
  @Nullable NameAddress from();

  /** Returns the To address with its tag, if any (RFC 3261 §20.39), or null if absent. */
  @Nullable NameAddress to();

  /** Returns the From tag, or null; cheaper than {@code from().tag()} as the URI is not decoded. */
  @Nullable String fromTag();

  /** Returns the To tag, or null (e.g. in an initial request); cheaper than {@code to().tag()}. */
  @Nullable String toTag();

  /** Returns the topmost Via value (RFC 3261 §20.42), or null if there is none. */
  @Nullable Via topVia();

  /** Returns every Via value, top first, across all Via headers and comma lists. */
  List<Via> vias();

  /** Returns every Contact value (RFC 3261 §20.10); {@code *} is a wildcard address. */
  List<NameAddress> contacts();

  /** Returns every Route value, in order (RFC 3261 §20.34). */
  List<NameAddress> routes();

  /** Returns every Record-Route value, in order (RFC 3261 §20.30). */
  List<NameAddress> recordRoutes();

  /** Returns Max-Forwards (RFC 3261 §20.22), or -1 if absent. */
  int maxForwards();

  /** Returns the first Content-Length (RFC 3261 §20.14), or -1 if absent. */
  int contentLength();

  /** Returns the Content-Type value as written, e.g. {@code "application/sdp"}, or null. */
  @Nullable String contentType();

  /** Returns the parsed Content-Type (RFC 3261 §20.15), or null. */
  @Nullable MediaType mediaType();

  /** Returns the first Reason value (RFC 3326), or null. */
  @Nullable Reason reason();

  /** Returns every Reason value, e.g. one SIP and one Q.850 cause. */
  List<Reason> reasons();

  /** Returns the User-Agent value (RFC 3261 §20.41), or null. */
  @Nullable String userAgent();

  /** Returns the Server value (RFC 3261 §20.35), or null. */
  @Nullable String server();

  /** Returns the {@code username} of the first Authorization, else Proxy-Authorization, header; or null. */
  @Nullable String authorizationUsername();

  /** Returns the whole value of the first header with this name (full or compact, any case), or null. */
  @Nullable String header(String name);

  /**
   * Returns the comma-separated elements of every header with this name, in order (RFC 3261 §7.3.1). Meant for
   * list headers; for others, such as a Date with a comma, use {@link #headerLines(String)}.
   */
  List<String> headers(String name);

  /** Returns the whole value of every header line with this name, in order. */
  List<String> headerLines(String name);

  /**
   * Returns the SDP body (application/sdp, or the first such part of a multipart body), or null. A malformed
   * {@code m=}, {@code c=} or rtpmap line throws {@link SipParseException} with its offset in the message.
   */
  @Nullable SessionDescription sdp();
}
