package io.sipaudit.ladder;

import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;
import io.sipaudit.sip.header.CSeq;
import io.sipaudit.sip.header.Via;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a ladder shows of a message: its one-line summary, its text cut to a length, and, for a message that could
 * not be parsed, the Call-ID and first line read straight from the bytes.
 *
 * <p>Example: {@code "SIP/2.0 503 Service Unavailable\r\n...CSeq: 1 INVITE..."} is summarised as
 * {@code "503 Service Unavailable (INVITE)"}; its text cut to 10 characters is
 * {@code "SIP/2.0 50\n[… 412 more characters]"}.
 */
final class MessageText {
  /** The most of a malformed message's first line that a summary keeps. */
  static final int MAX_FIRST_LINE = 200;
  /** How far into a malformed message the Call-ID is looked for. */
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  /** {@code Call-ID} or its compact form {@code i}, HCOLON, the value (RFC 3261 §20.8, §7.3.3). */
  private static final Pattern CALL_ID =
      Pattern.compile("^(?:call-id|i)[ \\t]*:[ \\t]*(\\S[^\\r\\n]*?)[ \\t]*\\r?$",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  private MessageText() {}

  /** Returns {@code "INVITE sip:2000@lab.example"} or {@code "503 Service Unavailable (INVITE)"}. */
  static String summary(SipMessage m) {
    if (m instanceof SipRequest r) {
      return r.method().name() + " " + r.requestUri();
    }
    SipResponse r = (SipResponse) m;
    String phrase = r.reasonPhrase();
    String s = phrase.isEmpty() ? Integer.toString(r.statusCode()) : r.statusCode() + " " + phrase;
    CSeq cseq = cseq(m);
    return cseq == null ? s : s + " (" + cseq.method().name() + ")";
  }

  /** Returns the CSeq, or null when it is absent or malformed. */
  static @Nullable CSeq cseq(SipMessage m) {
    try {
      return m.cseq();
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  /** Returns the top Via's branch, or null when there is none or the Via is malformed. */
  static @Nullable String branch(SipMessage m) {
    try {
      Via via = m.topVia();
      return via == null ? null : via.branch();
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  /**
   * Returns the bytes as UTF-8 text (malformed sequences replaced), cut after {@code maxChars} characters with
   * {@code "\n[… N more characters]"}; a surrogate pair is never split.
   */
  static String capped(ByteBuffer bytes, int maxChars) {
    String all = StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    if (all.length() <= maxChars) {
      return all;
    }
    int keep = maxChars > 0 && Character.isHighSurrogate(all.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return all.substring(0, keep) + "\n[… " + (all.length() - keep) + " more characters]";
  }

  /** Returns the first line of raw bytes, at most {@link #MAX_FIRST_LINE} characters of it. */
  static String firstLine(ByteBuffer raw) {
    String head = latin1(raw, MAX_FIRST_LINE + 1);
    int eol = 0;
    while (eol < head.length() && head.charAt(eol) != '\r' && head.charAt(eol) != '\n') {
      eol++;
    }
    return eol > MAX_FIRST_LINE ? head.substring(0, MAX_FIRST_LINE) + "…" : head.substring(0, eol);
  }

  /**
   * Returns the value of the first {@code Call-ID} or {@code i} header line of raw bytes that did not parse, or
   * null. Example: {@code "INVITE x SIP/2.0\r\nno colon here\r\ni: abc@h\r\n\r\n"} gives {@code "abc@h"}.
   */
  static @Nullable String callIdOf(ByteBuffer raw) {
    String head = latin1(raw, MAX_HEADER_BYTES);
    int blank = head.indexOf("\r\n\r\n");
    if (blank < 0) {
      blank = head.indexOf("\n\n");
    }
    Matcher m = CALL_ID.matcher(blank < 0 ? head : head.substring(0, blank));
    return m.find() ? m.group(1) : null;
  }

  /** Returns at most {@code max} bytes from the buffer's position, one char per byte. */
  private static String latin1(ByteBuffer raw, int max) {
    byte[] b = new byte[Math.min(raw.remaining(), max)];
    raw.get(raw.position(), b);
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
