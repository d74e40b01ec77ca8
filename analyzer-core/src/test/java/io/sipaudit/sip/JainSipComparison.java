package io.sipaudit.sip;

import static org.junit.jupiter.api.Assertions.fail;

import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContentType;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.sipaudit.sip.header.CSeq;
import io.sipaudit.sip.header.MediaType;
import io.sipaudit.sip.header.NameAddress;
import io.sipaudit.sip.header.Via;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sip.address.Address;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import org.jspecify.annotations.Nullable;

/**
 * Parses one message with our parser and with JAIN-SIP's {@code StringMsgParser} (the reference) and requires the
 * same values for everything dialog tracking and attribution use. Reusable: feed it any framed SIP message.
 *
 * <p>Example: {@code JainSipComparison.assertSameAs(bytes)} fails with a field-by-field diff such as
 * {@code via[0]: JAIN-SIP <UDP|192.0.2.10|-1|z9hG4bKx|null|-1|false> ours <UDP|192.0.2.10|5060|...>};
 * {@link #differences(byte[])} returns the same lines without failing, for bulk runs over captures. Values that
 * JAIN-SIP itself reports as problems (through its {@code ParseExceptionListener}, which is always set) count as a
 * difference, since JAIN-SIP would otherwise drop such headers silently.
 *
 * <p>Normalisations, each needed because JAIN-SIP re-serialises or reinterprets what it parsed:
 * <ol>
 *   <li><b>Line ends.</b> JAIN-SIP accepts LF-only headers but, with {@code readBody}, treats everything after the
 *       empty line as the body and then rejects a body shorter than Content-Length. We give it the header section
 *       converted to CRLF and the body bytes unchanged, so both sides see the same body. (Our parser reads the
 *       original bytes.)
 *   <li><b>Folded lines.</b> JAIN-SIP joins a continuation line to the previous one <i>without</i> the single SP that
 *       RFC 3261 §7.3.1 says the fold stands for, so {@code "Via: SIP/2.0/UDP\r\n 203.0.113.1"} becomes
 *       {@code "SIP/2.0/UDP203.0.113.1"} ("Missing host name"). We unfold for it (line end plus leading whitespace
 *       made one SP) before handing the message over.
 *   <li><b>URIs.</b> JAIN-SIP returns URIs re-encoded from its parse tree; we keep the text as written. It
 *       lower-cases the scheme ({@code <SIP:Bob@Example.COM>} gives {@code sip:Bob@Example.COM}) and puts brackets
 *       around an unbracketed IPv6 host ({@code sip:9876@fe80:0:0:0:21a:a0ff:fe07:32e0} gives
 *       {@code sip:9876@[fe80:0:0:0:21a:a0ff:fe07:32e0]}, seen in {@code samples/external/heplify/sip_ipv6_udp.pcap}).
 *       Compared with the scheme lower-cased and brackets removed, see {@link #uri(String)}.
 *   <li><b>Display names.</b> JAIN-SIP keeps the escapes of a quoted display name
 *       ({@code "Smith, Bob \"The Builder\""} gives {@code Smith, Bob \"The Builder\"}); we resolve them
 *       ({@code Smith, Bob "The Builder"}). Compared after removing backslash escapes from JAIN-SIP's value. (Also:
 *       for an unquoted {@code Alice   Smith} JAIN-SIP keeps the spaces and we collapse LWS to one SP; Contact display
 *       names are not compared.)
 *   <li><b>User-Agent / Server.</b> JAIN-SIP re-serialises the product list: {@code Foo / 1.0} gives
 *       {@code Foo /1.0}. Compared with whitespace runs collapsed and removed around {@code /}.
 *   <li><b>Content-Type.</b> JAIN-SIP re-serialises the parameters ({@code Application/SDP ; charset = utf-8}
 *       gives {@code Application/SDP;charset=utf-8}). Compared as lower-case {@code type/subtype}.
 *   <li><b>Repeated tag.</b> For {@code To: <sip:a@b>;tag=6204SIPpTag012;tag=2} (sent by SIPp, in
 *       {@code samples/external/pkts/cancel.pcap}) JAIN-SIP keeps the last tag, we keep the first. Compared with the
 *       last of our {@code params().getAll("tag")}.
 *   <li><b>Unbracketed IPv6 sent-by.</b> For {@code Via: SIP/2.0/UDP fe80:0:0:0:21a:a0ff:fe07:32e0:5060} (in
 *       {@code samples/external/heplify/sip_ipv6_udp.pcap}; RFC 3261 requires brackets) JAIN-SIP takes all nine
 *       groups as the host, {@code [fe80:0:0:0:21a:a0ff:fe07:32e0:5060]}, and no port; we take the ninth group as the
 *       port. Via sent-by is compared as {@code host:port} text without brackets, which is the same either way.
 *   <li><b>Missing Content-Length.</b> JAIN-SIP reports 0 (it adds the header); we report -1. Compared with ours
 *       mapped to 0.
 *   <li><b>Absent values.</b> JAIN-SIP uses null for a missing display name, -1 for a missing port or rport
 *       value; we use {@code ""} for the display name (mapped to null here) and -1 for ports.
 * </ol>
 */
final class JainSipComparison {
  private static final StringMsgParser JAIN = new StringMsgParser();
  private static final byte[] CRLF = {'\r', '\n'};

  private JainSipComparison() {}

  /** Asserts that our parser and JAIN-SIP agree on {@code message}, which must hold exactly one framed message. */
  static void assertSameAs(byte[] message) {
    List<String> differences = differences(message);
    if (!differences.isEmpty()) {
      fail("our parser and JAIN-SIP differ on\n" + firstLine(message) + "\n  " + String.join("\n  ", differences));
    }
  }

  /**
   * Returns how our parser and JAIN-SIP differ on one framed message, one line per field such as
   * {@code "callId: JAIN-SIP <a@b> ours <a@c>"}, or a line saying that one of them rejected it; empty if they agree.
   * For bulk runs over captures, where failing at the first difference would hide the rest.
   */
  static List<String> differences(byte[] message) {
    List<String> differences = new ArrayList<>();
    SIPMessage theirs;
    try {
      theirs = parseWithJainSip(message);
    } catch (AssertionError e) {
      differences.add("JAIN-SIP: " + e.getMessage());
      return differences;
    }
    Map<String, Object> expected;
    Map<String, Object> actual;
    try {
      expected = theirs(theirs);
      actual = ours(SipParser.parse(message));
    } catch (SipParseException e) {
      differences.add("ours: " + e.getMessage());
      return differences;
    }
    Set<String> keys = new LinkedHashSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      if (!Objects.equals(expected.get(key), actual.get(key))) {
        differences.add(key + ": JAIN-SIP <" + expected.get(key) + "> ours <" + actual.get(key) + ">");
      }
    }
    return differences;
  }

  /** Parses with JAIN-SIP, always with a listener, and fails listing every problem it reported. */
  static SIPMessage parseWithJainSip(byte[] message) {
    List<String> problems = new ArrayList<>();
    ParseExceptionListener listener = (ex, msg, headerClass, headerText, raw) ->
        problems.add((headerClass == null ? "?" : headerClass.getSimpleName()) + " '" + headerText.strip() + "': "
            + ex.getMessage().strip());
    SIPMessage parsed;
    try {
      parsed = JAIN.parseSIPMessage(crlfHeaders(message), true, false, listener);
    } catch (ParseException e) {
      throw new AssertionError("rejected the message: " + e.getMessage(), e);
    }
    if (parsed == null) {
      throw new AssertionError("returned null (only control characters?)");
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("reported problems: " + problems);
    }
    return parsed;
  }

  private static String firstLine(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int eol = text.indexOf('\n');
    return (eol < 0 ? text : text.substring(0, eol)).strip();
  }

  /**
   * Returns the message with bare LFs in the header section made CRLF and folded lines unfolded (line end plus
   * leading whitespace made one SP); the body is kept byte for byte.
   */
  static byte[] crlfHeaders(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
    int i = 0;
    while (i < message.length) {
      int lf = i;
      while (lf < message.length && message[lf] != '\n') {
        lf++;
      }
      int lineEnd = lf > i && message[lf - 1] == '\r' ? lf - 1 : lf;
      if (lineEnd == i) {
        out.writeBytes(CRLF);
        int bodyStart = Math.min(lf + 1, message.length);
        out.write(message, bodyStart, message.length - bodyStart);
        return out.toByteArray();
      }
      out.write(message, i, lineEnd - i);
      i = lf + 1;
      if (i < message.length && (message[i] == ' ' || message[i] == '\t')) {
        out.write(' ');
        while (i < message.length && (message[i] == ' ' || message[i] == '\t')) {
          i++;
        }
      } else if (lf < message.length) {
        out.writeBytes(CRLF);
      }
    }
    return out.toByteArray();
  }

  static Map<String, Object> ours(SipMessage m) {
    Map<String, Object> v = new LinkedHashMap<>();
    if (m instanceof SipRequest r) {
      v.put("method", r.method().name());
      v.put("requestUri", uri(r.requestUri()));
    } else if (m instanceof SipResponse r) {
      v.put("statusCode", r.statusCode());
      v.put("reasonPhrase", r.reasonPhrase());
    }
    v.put("callId", m.callId());
    CSeq cseq = m.cseq();
    v.put("cseq", cseq == null ? null : cseq.number() + " " + cseq.method().name());
    putAddress(v, "from", m.from());
    putAddress(v, "to", m.to());
    List<Via> vias = m.vias();
    v.put("via.count", vias.size());
    for (int i = 0; i < vias.size(); i++) {
      Via via = vias.get(i);
      v.put("via[" + i + "]", String.join("|", via.transport().toUpperCase(Locale.ROOT), sentBy(via.host(), via.port()),
          String.valueOf(via.branch()), String.valueOf(via.received()), String.valueOf(via.rport()),
          String.valueOf(via.hasRport())));
    }
    v.put("contacts", m.contacts().stream().map(a -> a.isWildcard() ? "*" : uri(a.uri().text())).toList());
    v.put("routes", m.routes().stream().map(a -> uri(a.uri().text())).toList());
    v.put("recordRoutes", m.recordRoutes().stream().map(a -> uri(a.uri().text())).toList());
    v.put("maxForwards", m.maxForwards());
    v.put("contentLength", Math.max(0, m.contentLength()));
    MediaType type = m.mediaType();
    v.put("contentType", type == null ? null : type.essence());
    v.put("userAgent", product(m.userAgent()));
    v.put("server", product(m.server()));
    v.put("body", latin1(m.body()));
    return v;
  }

  static Map<String, Object> theirs(SIPMessage m) {
    Map<String, Object> v = new LinkedHashMap<>();
    if (m instanceof SIPRequest r) {
      v.put("method", r.getMethod());
      v.put("requestUri", uri(r.getRequestURI().toString()));
    } else if (m instanceof SIPResponse r) {
      v.put("statusCode", r.getStatusCode());
      v.put("reasonPhrase", r.getReasonPhrase());
    }
    CallIdHeader callId = m.getCallId();
    v.put("callId", callId == null ? null : callId.getCallId());
    v.put("cseq", m.getCSeq() == null ? null : m.getCSeq().getSeqNumber() + " " + m.getCSeq().getMethod());
    putAddress(v, "from", m.getFrom() == null ? null : m.getFrom().getAddress(),
        m.getFrom() == null ? null : m.getFrom().getTag());
    putAddress(v, "to", m.getTo() == null ? null : m.getTo().getAddress(),
        m.getTo() == null ? null : m.getTo().getTag());
    List<String> vias = new ArrayList<>();
    if (m.getViaHeaders() != null) {
      for (Iterator<?> it = m.getViaHeaders().iterator(); it.hasNext(); ) {
        gov.nist.javax.sip.header.Via via = (gov.nist.javax.sip.header.Via) it.next();
        vias.add(String.join("|", via.getTransport().toUpperCase(Locale.ROOT), sentBy(via.getHost(), via.getPort()),
            String.valueOf(via.getBranch()), String.valueOf(via.getReceived()), String.valueOf(via.getRPort()),
            String.valueOf(via.hasParameter("rport"))));
      }
    }
    v.put("via.count", vias.size());
    for (int i = 0; i < vias.size(); i++) {
      v.put("via[" + i + "]", vias.get(i));
    }
    List<String> contacts = new ArrayList<>();
    if (m.getContactHeaders() != null) {
      for (Iterator<?> it = m.getContactHeaders().iterator(); it.hasNext(); ) {
        Contact c = (Contact) it.next();
        contacts.add(c.isWildCard() ? "*" : uri(c.getAddress().getURI().toString()));
      }
    }
    v.put("contacts", contacts);
    v.put("routes", addressUris(m.getRouteHeaders()));
    v.put("recordRoutes", addressUris(m.getRecordRouteHeaders()));
    MaxForwardsHeader maxForwards = m.getMaxForwards();
    v.put("maxForwards", maxForwards == null ? -1 : maxForwards.getMaxForwards());
    ContentLengthHeader contentLength = m.getContentLength();
    v.put("contentLength", contentLength == null ? -1 : contentLength.getContentLength());
    ContentType type = m.getContentTypeHeader();
    v.put("contentType", type == null ? null
        : (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(Locale.ROOT));
    v.put("userAgent", product(headerValue(m, "User-Agent")));
    v.put("server", product(headerValue(m, "Server")));
    byte[] body = m.getRawContent();
    v.put("body", body == null ? "" : new String(body, StandardCharsets.ISO_8859_1));
    return v;
  }

  private static void putAddress(Map<String, Object> v, String name, @Nullable NameAddress a) {
    v.put(name + ".uri", a == null ? null : uri(a.uri().text()));
    List<String> tags = a == null ? List.of() : a.params().getAll("tag");
    v.put(name + ".tag", tags.isEmpty() ? null : tags.get(tags.size() - 1));
    v.put(name + ".displayName", a == null || a.displayName().isEmpty() ? null : a.displayName());
  }

  private static void putAddress(Map<String, Object> v, String name, @Nullable Address a, @Nullable String tag) {
    v.put(name + ".uri", a == null ? null : uri(a.getURI().toString()));
    v.put(name + ".tag", tag);
    String display = a == null ? null : ((AddressImpl) a).getDisplayName();
    v.put(name + ".displayName", display == null ? null : display.replaceAll("\\\\(.)", "$1"));
  }

  private static List<String> addressUris(@Nullable Iterable<?> headers) {
    List<String> uris = new ArrayList<>();
    if (headers != null) {
      for (Object h : headers) {
        uris.add(uri(((gov.nist.javax.sip.header.AddressParametersHeader) h).getAddress().getURI().toString()));
      }
    }
    return uris;
  }

  private static @Nullable String headerValue(SIPMessage m, String name) {
    Header h = m.getHeader(name);
    return h == null ? null : ((SIPHeader) h).getHeaderValue();
  }

  /** JAIN-SIP re-encodes URIs; compare with a lower-case scheme and without IPv6 brackets. */
  static String uri(String uri) {
    String s = uri.strip().replace("[", "").replace("]", "");
    int colon = s.indexOf(':');
    return colon < 0 ? s : s.substring(0, colon).toLowerCase(Locale.ROOT) + s.substring(colon);
  }

  /** {@code host[:port]} without IPv6 brackets, lower-cased (hostnames are case-insensitive). */
  private static String sentBy(String host, int port) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return (port < 0 ? bare : bare + ":" + port).toLowerCase(Locale.ROOT);
  }

  /** JAIN-SIP re-joins products and comments; collapse whitespace for comparison. */
  private static @Nullable String product(@Nullable String value) {
    return value == null ? null : value.strip().replaceAll("\\s+", " ").replaceAll(" ?/ ?", "/");
  }

  private static String latin1(ByteBuffer body) {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
