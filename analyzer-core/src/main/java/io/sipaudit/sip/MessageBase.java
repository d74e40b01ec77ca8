package io.sipaudit.sip;

import io.sipaudit.sip.header.CSeq;
import io.sipaudit.sip.header.Credentials;
import io.sipaudit.sip.header.MediaType;
import io.sipaudit.sip.header.NameAddress;
import io.sipaudit.sip.header.Reason;
import io.sipaudit.sip.header.Via;
import io.sipaudit.sip.sdp.SdpBodies;
import io.sipaudit.sip.sdp.SessionDescription;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What requests and responses share: the bytes, the header index, and the typed accessors of {@link SipMessage}.
 *
 * <p>Example: {@code callId()} of a message with {@code "i: 3848276298220188511@atlanta.example.com"} decodes that
 * header once and returns the cached String afterwards.
 *
 * <p>Caching uses the racy single-check idiom (as {@link String#hashCode()} does): a field may be computed twice by
 * two threads, but each computes the same immutable value, so messages are safe to share.
 */
abstract class MessageBase {
  /** Where a message lies in {@code buf}: {@code [start, start+length)}, the body from {@code bodyStart}. */
  record Layout(byte[] buf, int start, int length, int bodyStart, SipHeaders headers) {}

  final byte[] buf;
  final int start;
  final int length;
  final int bodyStart;
  final SipHeaders headers;

  private @Nullable String callId;
  private @Nullable CSeq cseq;
  private @Nullable NameAddress from;
  private @Nullable NameAddress to;
  private @Nullable Via topVia;
  private @Nullable List<Via> vias;

  MessageBase(Layout layout) {
    this.buf = layout.buf();
    this.start = layout.start();
    this.length = layout.length();
    this.bodyStart = layout.bodyStart();
    this.headers = layout.headers();
  }

  public ByteBuffer raw() {
    return ByteBuffer.wrap(buf, start, length).slice().asReadOnlyBuffer();
  }

  public int length() {
    return length;
  }

  public byte[] toByteArray() {
    return Arrays.copyOfRange(buf, start, start + length);
  }

  public ByteBuffer body() {
    return ByteBuffer.wrap(buf, bodyStart, start + length - bodyStart).slice().asReadOnlyBuffer();
  }

  public SipHeaders headerFields() {
    return headers;
  }

  public String startLine() {
    int lf = Ascii.indexOfLf(buf, start, start + length);
    int end = lf < 0 ? start + length : lf;
    return Ascii.string(buf, start, end > start && buf[end - 1] == Ascii.CR ? end - 1 : end);
  }

  public @Nullable String callId() {
    String value = callId;
    if (value == null) {
      int i = headers.find(HeaderName.CALL_ID, 0);
      value = i < 0 ? null : headers.unfold(headers.valueStart(i), headers.valueEnd(i));
      callId = value;
    }
    return value;
  }

  public @Nullable CSeq cseq() {
    CSeq value = cseq;
    if (value == null) {
      value = TypedHeaders.first(this, HeaderName.CSEQ, CSeq::parse);
      cseq = value;
    }
    return value;
  }

  public @Nullable NameAddress from() {
    NameAddress value = from;
    if (value == null) {
      value = TypedHeaders.first(this, HeaderName.FROM, NameAddress::parse);
      from = value;
    }
    return value;
  }

  public @Nullable NameAddress to() {
    NameAddress value = to;
    if (value == null) {
      value = TypedHeaders.first(this, HeaderName.TO, NameAddress::parse);
      to = value;
    }
    return value;
  }

  public @Nullable String fromTag() {
    NameAddress parsed = from;
    return parsed != null ? parsed.tag() : TypedHeaders.first(this, HeaderName.FROM, NameAddress::tag);
  }

  public @Nullable String toTag() {
    NameAddress parsed = to;
    return parsed != null ? parsed.tag() : TypedHeaders.first(this, HeaderName.TO, NameAddress::tag);
  }

  public @Nullable Via topVia() {
    Via value = topVia;
    if (value == null) {
      value = TypedHeaders.firstElement(this, HeaderName.VIA, Via::parse);
      topVia = value;
    }
    return value;
  }

  public List<Via> vias() {
    List<Via> value = vias;
    if (value == null) {
      value = TypedHeaders.elements(this, HeaderName.VIA, Via::parse);
      vias = value;
    }
    return value;
  }

  public List<NameAddress> contacts() {
    return TypedHeaders.elements(this, HeaderName.CONTACT, NameAddress::parse);
  }

  public List<NameAddress> routes() {
    return TypedHeaders.elements(this, HeaderName.ROUTE, NameAddress::parse);
  }

  public List<NameAddress> recordRoutes() {
    return TypedHeaders.elements(this, HeaderName.RECORD_ROUTE, NameAddress::parse);
  }

  public int maxForwards() {
    return TypedHeaders.number(this, HeaderName.MAX_FORWARDS);
  }

  public int contentLength() {
    return TypedHeaders.number(this, HeaderName.CONTENT_LENGTH);
  }

  public @Nullable String contentType() {
    return header("Content-Type");
  }

  public @Nullable MediaType mediaType() {
    return TypedHeaders.first(this, HeaderName.CONTENT_TYPE, MediaType::parse);
  }

  public @Nullable Reason reason() {
    return TypedHeaders.firstElement(this, HeaderName.REASON, Reason::parse);
  }

  public List<Reason> reasons() {
    return TypedHeaders.elements(this, HeaderName.REASON, Reason::parse);
  }

  public @Nullable String userAgent() {
    return header("User-Agent");
  }

  public @Nullable String server() {
    return header("Server");
  }

  public @Nullable String authorizationUsername() {
    Credentials credentials = TypedHeaders.first(this, HeaderName.AUTHORIZATION, Credentials::parse);
    if (credentials == null) {
      credentials = TypedHeaders.first(this, HeaderName.PROXY_AUTHORIZATION, Credentials::parse);
    }
    return credentials == null ? null : credentials.username();
  }

  public @Nullable String header(String name) {
    return headers.get(name);
  }

  public List<String> headers(String name) {
    return headers.values(name);
  }

  public List<String> headerLines(String name) {
    return headers.getAll(name);
  }

  public @Nullable SessionDescription sdp() {
    MediaType type = mediaType();
    if (type == null || bodyStart >= start + length) {
      return null;
    }
    try {
      return SdpBodies.find(type, buf, bodyStart, start + length);
    } catch (SipParseException e) {
      throw e.shift(bodyStart - start, "body");
    }
  }
}
