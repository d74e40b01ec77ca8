package io.sipaudit.textlog;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises the lines of a SIP message in text: start lines and header lines (RFC 3261 §7, §25.1).
 *
 * <p>Examples: {@code "INVITE sip:bob@203.0.113.5 SIP/2.0"} and {@code "SIP/2.0 100 Trying"} are start lines
 * (methods may be lowercase or extensions); {@code "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1"} and
 * {@code "l: 0"} are header lines; {@code "192.168.1.9:5160;branch=z9hG4bK1"}, a hard-wrapped piece of a Via,
 * is not.
 *
 * <pre>Request-Line = Method SP Request-URI SP SIP-Version CRLF
 * Status-Line  = SIP-Version SP Status-Code SP Reason-Phrase CRLF
 * message-header = field-name HCOLON field-value   (field-name = token)</pre>
 */
final class SipLines {
  private static final String VERSION = "SIP/2.0";
  private static final int MAX_METHOD = 32;
  private static final Set<String> KNOWN = Set.of(
      "accept", "accept-encoding", "accept-language", "alert-info", "allow", "allow-events", "authentication-info",
      "authorization", "call-id", "call-info", "contact", "content-disposition", "content-encoding",
      "content-language", "content-length", "content-type", "cseq", "date", "error-info", "event", "expires",
      "from", "in-reply-to", "max-forwards", "min-expires", "min-se", "mime-version", "organization",
      "p-asserted-identity", "p-preferred-identity", "priority", "privacy", "proxy-authenticate",
      "proxy-authorization", "proxy-require", "rack", "reason", "record-route", "refer-to", "referred-by",
      "remote-party-id", "reply-to", "require", "retry-after", "route", "rseq", "server", "session-expires",
      "subject", "subscription-state", "supported", "timestamp", "to", "unsupported", "user-agent", "via",
      "warning", "www-authenticate", "diversion", "path", "x-siptrace-fromip", "x-siptrace-toip",
      "x-siptrace-time", "x-siptrace-method", "x-siptrace-dir");

  private SipLines() {}

  /** Returns whether the whole line is a request line or a status line (trailing whitespace allowed). */
  static boolean isStartLine(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    if (line.startsWith(VERSION + " ")) {
      return end >= 11 && digit(line, 8, '1', '6') && digit(line, 9, '0', '9') && digit(line, 10, '0', '9')
          && (end == 11 || line.charAt(11) == ' ' || line.charAt(11) == '\t');
    }
    if (end < 13 || !line.startsWith(" " + VERSION, end - 8)) {
      return false;
    }
    int p = 0;
    while (p < end && p <= MAX_METHOD && isTokenChar(line.charAt(p))) {
      p++;
    }
    if (p == 0 || p > MAX_METHOD || !isLetter(line.charAt(0)) || p >= end || line.charAt(p) != ' ') {
      return false;
    }
    int uriEnd = end - 8;
    if (uriEnd <= p + 1) {
      return false;
    }
    for (int i = p + 1; i < uriEnd; i++) {
      if (line.charAt(i) <= ' ') {
        return false;
      }
    }
    return true;
  }

  /** Returns whether the line is {@code token ":" value}, the name starting with a letter. */
  static boolean isHeaderLine(String line) {
    if (line.isEmpty() || !isLetter(line.charAt(0))) {
      return false;
    }
    int p = 1;
    while (p < line.length() && isTokenChar(line.charAt(p))) {
      p++;
    }
    while (p < line.length() && (line.charAt(p) == ' ' || line.charAt(p) == '\t')) {
      p++;
    }
    return p < line.length() && line.charAt(p) == ':';
  }

  /** Returns whether the line, without leading whitespace, starts with a well-known header name and a colon. */
  static boolean startsWithKnownHeader(String line) {
    String s = line.strip();
    int colon = s.indexOf(':');
    return colon > 0 && KNOWN.contains(s.substring(0, colon).strip().toLowerCase(Locale.ROOT));
  }

  /** Returns the Content-Length of a header line ({@code Content-Length} or {@code l}), -1 if it is another. */
  static long contentLength(String line) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return -1;
    }
    String name = line.substring(0, colon).strip();
    if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("l")) {
      return -1;
    }
    String value = line.substring(colon + 1).strip();
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -2;
    }
    return Long.parseLong(value);
  }

  /** RFC 3261 token characters: alphanumerics and {@code -.!%*_+`'~}. */
  static boolean isTokenChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-.!%*_+`'~".indexOf(c) >= 0;
  }

  private static boolean digit(String s, int i, char from, char to) {
    return s.charAt(i) >= from && s.charAt(i) <= to;
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
