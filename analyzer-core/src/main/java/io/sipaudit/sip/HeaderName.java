package io.sipaudit.sip;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Well-known header names and their compact forms (RFC 3261 §7.3.3 and §20, and the IANA "Header Fields"
 * registry), mapped to small ids so the message index compares ints instead of strings.
 *
 * <p>Example: {@code "i"}, {@code "CALL-ID"} and {@code "Call-ID"} all have id {@link #CALL_ID};
 * {@code "X-CID"} has id {@link #UNKNOWN} and is compared by name.
 */
final class HeaderName {
  static final int UNKNOWN = 0;
  static final int VIA = 1;
  static final int FROM = 2;
  static final int TO = 3;
  static final int CALL_ID = 4;
  static final int CSEQ = 5;
  static final int CONTACT = 6;
  static final int ROUTE = 7;
  static final int RECORD_ROUTE = 8;
  static final int MAX_FORWARDS = 9;
  static final int CONTENT_LENGTH = 10;
  static final int CONTENT_TYPE = 11;
  static final int REASON = 12;
  static final int USER_AGENT = 13;
  static final int SERVER = 14;
  static final int AUTHORIZATION = 15;
  static final int PROXY_AUTHORIZATION = 16;

  /** Canonical names by id (0 is unknown); ids above 16 have no accessor of their own but have compact forms. */
  private static final String[] NAMES = {
    "", "Via", "From", "To", "Call-ID", "CSeq", "Contact", "Route", "Record-Route", "Max-Forwards",
    "Content-Length", "Content-Type", "Reason", "User-Agent", "Server", "Authorization", "Proxy-Authorization",
    "Content-Encoding", "Subject", "Supported", "Event", "Allow-Events", "Refer-To", "Referred-By",
    "Session-Expires", "Accept-Contact", "Reject-Contact", "Request-Disposition", "Identity", "Identity-Info",
  };

  /**
   * Compact forms: RFC 3261 §7.3.3 (c e f i k l m s t v), RFC 3841 (a d j), RFC 3892 (b), RFC 4474 (n),
   * RFC 6665 (o u), RFC 3515 (r), RFC 4028 (x), RFC 8224 (y).
   */
  private static final String COMPACT = "v=Via f=From t=To i=Call-ID m=Contact l=Content-Length c=Content-Type "
      + "e=Content-Encoding s=Subject k=Supported o=Event u=Allow-Events r=Refer-To b=Referred-By "
      + "x=Session-Expires a=Accept-Contact j=Reject-Contact d=Request-Disposition y=Identity n=Identity-Info";

  private static final int[] BY_LETTER = new int[128];
  private static final byte[][] LOWER = new byte[NAMES.length][];
  /** Ids of the full names, by name length. */
  private static final int[][] BY_LENGTH = new int[32][];

  static {
    for (int id = 1; id < NAMES.length; id++) {
      LOWER[id] = NAMES[id].toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      int[] ids = BY_LENGTH[NAMES[id].length()];
      ids = ids == null ? new int[1] : java.util.Arrays.copyOf(ids, ids.length + 1);
      ids[ids.length - 1] = id;
      BY_LENGTH[NAMES[id].length()] = ids;
    }
    for (String pair : COMPACT.split(" ")) {
      int id = idOf(pair.substring(2));
      BY_LETTER[pair.charAt(0)] = id;
      BY_LETTER[pair.charAt(0) - 32] = id;
    }
  }

  private HeaderName() {}

  /** Returns the id of the header name in {@code buf[start, end)}, full or compact, any case; or {@link #UNKNOWN}. */
  static int id(byte[] buf, int start, int end) {
    int len = end - start;
    if (len == 1) {
      int c = buf[start];
      return c > 0 ? BY_LETTER[c] : UNKNOWN;
    }
    int[] candidates = len < BY_LENGTH.length ? BY_LENGTH[len] : null;
    if (candidates == null) {
      return UNKNOWN;
    }
    for (int id : candidates) {
      if (matchesIgnoreCase(buf, start, LOWER[id])) {
        return id;
      }
    }
    return UNKNOWN;
  }

  /** Compares with a lower-case ASCII name; {@code | 0x20} lower-cases letters and keeps '-' (0x2d) as it is. */
  private static boolean matchesIgnoreCase(byte[] buf, int start, byte[] lower) {
    for (int i = 0; i < lower.length; i++) {
      if ((buf[start + i] | 0x20) != lower[i]) {
        return false;
      }
    }
    return true;
  }

  /** Returns the id of a header name, full or compact, any case; or {@link #UNKNOWN}. */
  static int idOf(String name) {
    if (name.length() == 1) {
      char c = name.charAt(0);
      return c < 128 ? BY_LETTER[c] : UNKNOWN;
    }
    for (int id = 1; id < NAMES.length; id++) {
      if (NAMES[id].equalsIgnoreCase(name)) {
        return id;
      }
    }
    return UNKNOWN;
  }

  /** Returns the canonical full name for an id, e.g. {@code "Call-ID"}. */
  static String canonical(int id) {
    return NAMES[id];
  }
}
