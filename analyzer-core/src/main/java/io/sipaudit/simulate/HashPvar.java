package io.sipaudit.simulate;

import io.sipaudit.sip.header.SipUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The dispatcher's {@code hash_pvar} (algorithm 7), expanded for one call from what a capture shows: text with
 * the pseudo-variables {@code $ci}, {@code $fu}/{@code $fU}/{@code $fd}, {@code $tu}/{@code $tU}/{@code $td},
 * {@code $ru}/{@code $rU}/{@code $rd}, {@code $au}/{@code $aU} and {@code $si}/{@code $sp}, also written as
 * {@code $(fU)}. Anything else (transformations, {@code $hdr(...)}, {@code $var(...)}) depends on the script and
 * is refused when the text is read.
 *
 * <p>Example: {@code "$fU@$si"} for From {@code sip:alice@atlanta.example} received from {@code 10.0.0.7:5060}
 * expands to {@code alice@10.0.0.7}.
 */
public final class HashPvar {
  private static final Set<String> KNOWN = Set.of("ci", "fu", "fU", "fd", "tu", "tU", "td", "ru", "rU", "rd",
      "au", "aU", "si", "sp");
  /** Literal text and variable names, alternating: even entries are text, odd ones names. */
  private final List<String> parts;
  private final String text;

  private HashPvar(String text, List<String> parts) {
    this.text = text;
    this.parts = parts;
  }

  /**
   * Reads a {@code hash_pvar} value.
   *
   * @throws IllegalArgumentException naming the first pseudo-variable a capture cannot supply
   */
  public static HashPvar parse(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        lit.append(c);
        i++;
        continue;
      }
      String name;
      int end;
      if (i + 1 < text.length() && text.charAt(i + 1) == '(') {
        end = text.indexOf(')', i);
        if (end < 0) {
          throw new IllegalArgumentException("hash_pvar \"" + text + "\": unclosed $( at " + i);
        }
        name = text.substring(i + 2, end);
        end++;
      } else {
        end = i + 1;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
          end++;
        }
        name = text.substring(i + 1, end);
        if (end < text.length() && text.charAt(end) == '(') {
          int close = text.indexOf(')', end);
          name = text.substring(i + 1, close < 0 ? text.length() : close + 1);
          end = close < 0 ? text.length() : close + 1;
        }
      }
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("hash_pvar \"" + text + "\": $" + name + " cannot be taken from a capture"
            + " (supported: " + new java.util.TreeSet<>(KNOWN) + ")");
      }
      parts.add(lit.toString());
      parts.add(name);
      lit.setLength(0);
      i = end;
    }
    parts.add(lit.toString());
    return new HashPvar(text, List.copyOf(parts));
  }

  /**
   * Returns {@code KamailioHash.hash(expand(call), null)}, or −1 when the expansion is empty, building the key in
   * {@code key} (cleared first) and cutting URIs with {@code scratch} ({@link UriHash#scratch()}) instead of
   * parsing them: both are the caller's, reused call after call.
   */
  long hash(CallArrival call, StringBuilder key, int[] scratch) {
    key.setLength(0);
    String cut = null;   // the URI whose parts scratch holds ($fU@$fd cuts the From URI once)
    boolean cutOk = false;
    for (int k = 0; k < parts.size(); k++) {
      String part = parts.get(k);
      if (k % 2 == 0) {
        key.append(part);
        continue;
      }
      String uri = switch (part) {
        case "fU", "fd" -> call.from();
        case "tU", "td" -> call.to();
        case "rU", "rd" -> call.requestUri();
        default -> null;
      };
      if (uri != null && uri != cut) {
        cut = uri;
        cutOk = UriHash.split(uri, scratch);
      }
      if (uri != null && cutOk) {
        boolean user = part.charAt(1) == 'U';
        key.append(uri, scratch[user ? UriHash.USER_FROM : UriHash.HOST_FROM],
            scratch[user ? UriHash.USER_TO : UriHash.HOST_TO]);
      } else {
        String v = value(part, call);
        key.append(v == null ? "" : v);
      }
    }
    int b = KamailioHash.stripStart(key, 0, key.length());
    int e = KamailioHash.stripEnd(key, b, key.length());
    if (b == e) {
      return -1;
    }
    long h = KamailioHash.hashAscii(key, b, e);
    if (h >= 0) {
      return h;
    }
    String text = key.toString().strip();
    return text.isEmpty() ? -1 : KamailioHash.hash(text, null);
  }

  /** Returns the expansion for {@code call}, trimmed as Kamailio trims it (an unknown value expands to nothing). */
  public String expand(CallArrival call) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < parts.size(); k++) {
      if (k % 2 == 0) {
        out.append(parts.get(k));
      } else {
        String v = value(parts.get(k), call);
        out.append(v == null ? "" : v);
      }
    }
    return out.toString().strip();
  }

  private static @Nullable String value(String name, CallArrival c) {
    return switch (name) {
      case "ci" -> c.callId();
      case "fu" -> c.from();
      case "fU" -> uri(c.from()).user();
      case "fd" -> uri(c.from()).host();
      case "tu" -> c.to();
      case "tU" -> uri(c.to()).user();
      case "td" -> uri(c.to()).host();
      case "ru" -> c.requestUri();
      case "rU" -> uri(c.requestUri()).user();
      case "rd" -> uri(c.requestUri()).host();
      case "aU" -> c.authUser();
      case "au" -> c.authUser() == null ? null : userPart(c.authUser());
      case "si" -> c.source() == null ? null : c.source().substring(0, c.source().lastIndexOf(':'));
      case "sp" -> c.source() == null ? null : c.source().substring(c.source().lastIndexOf(':') + 1);
      default -> null;
    };
  }

  static String userPart(String username) {
    int at = username.indexOf('@');
    return at < 0 ? username : username.substring(0, at);
  }

  private static SipUri uri(String text) {
    return SipUri.parse(text.strip());
  }

  @Override
  public String toString() {
    return text;
  }
}
