package io.sipaudit.sip.sdp;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The media direction attribute (RFC 4566 §6; offer/answer meaning in RFC 3264 §5.1). Without one, a stream is
 * {@link #SENDRECV}.
 *
 * <p>Example: {@code a=sendonly} in a re-INVITE usually puts the call on hold.
 */
public enum Direction {
  SENDRECV,
  SENDONLY,
  RECVONLY,
  INACTIVE;

  /** Returns the direction for an attribute name such as {@code "sendonly"}, or null if it is not one. */
  static @Nullable Direction ofAttribute(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sendrecv" -> SENDRECV;
      case "sendonly" -> SENDONLY;
      case "recvonly" -> RECVONLY;
      case "inactive" -> INACTIVE;
      default -> null;
    };
  }
}
