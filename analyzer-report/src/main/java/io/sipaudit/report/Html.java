package io.sipaudit.report;

/**
 * Escaping for text that goes into the report: SIP header values in a capture are attacker-controlled, so every
 * string that did not come from this code goes through one of these before it is written.
 *
 * <p>Example: {@code text("<script>alert('x')</script>")} is {@code &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;},
 * safe in HTML and SVG text and in double- or single-quoted attribute values.
 */
public final class Html {
  private Html() {}

  /**
   * Escapes {@code s} for HTML/XML text and quoted attribute values: {@code & < > " '} become entities, control
   * characters XML 1.0 cannot hold (and lone surrogates) become U+FFFD, and tab, CR and LF are kept.
   */
  public static String text(CharSequence s) {
    StringBuilder b = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> allowed(s, i, c) ? null : "\uFFFD";
      };
      if (r != null && b == null) {
        b = new StringBuilder(n + 16).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s.toString() : b.toString();
  }

  private static boolean allowed(CharSequence s, int i, char c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
    return true;
  }

  /**
   * Returns {@code s} reduced to characters safe in an element id or class name: letters, digits, '-' and '_'
   * (others become '_'). Example: {@code id("127.0.1.21:5060")} is {@code 127_0_1_21_5060}.
   */
  public static String id(CharSequence s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') ? c : '_');
    }
    return b.toString();
  }
}
