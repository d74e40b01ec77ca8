package io.sipaudit.sip;

import io.sipaudit.sip.header.HeaderLists;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs a header-value parser over the values of one header in a message and moves its error offsets from
 * "within the value" to "within the message", naming the header.
 *
 * <p>Example: {@code CSeq: abc INVITE} at byte 200 of a message fails with
 * {@code "offset 206: CSeq: expected sequence number (1*DIGIT, at most 2^32-1), found 'abc INVITE'"}.
 */
final class TypedHeaders {
  /** A parser of one value in {@code buf[start, end)}, such as {@code Via::parse}. */
  interface ValueParser<T> {
    T parse(byte[] buf, int start, int end);
  }

  private TypedHeaders() {}

  /** Parses the whole value of the first header with this id, or returns null if there is none. */
  static <T> @Nullable T first(MessageBase m, int id, ValueParser<T> parser) {
    int i = m.headers.find(id, 0);
    return i < 0 ? null : parse(m, id, m.headers.valueStart(i), m.headers.valueEnd(i), parser);
  }

  /** Parses the first list element of the first header with this id (e.g. the top Via), or returns null. */
  static <T> @Nullable T firstElement(MessageBase m, int id, ValueParser<T> parser) {
    for (int i = m.headers.find(id, 0); i >= 0; i = m.headers.find(id, i + 1)) {
      int end = m.headers.valueEnd(i);
      for (int p = m.headers.valueStart(i); p <= end; ) {
        int q = HeaderLists.elementEnd(m.buf, p, end);
        if (!HeaderLists.isBlank(m.buf, p, q)) {
          return parse(m, id, p, q, parser);
        }
        p = q + 1;
      }
    }
    return null;
  }

  /** Parses every list element of every header with this id, in order. */
  static <T> List<T> elements(MessageBase m, int id, ValueParser<T> parser) {
    List<T> values = new ArrayList<>(4);
    for (int i = m.headers.find(id, 0); i >= 0; i = m.headers.find(id, i + 1)) {
      int end = m.headers.valueEnd(i);
      for (int p = m.headers.valueStart(i); p <= end; ) {
        int q = HeaderLists.elementEnd(m.buf, p, end);
        if (!HeaderLists.isBlank(m.buf, p, q)) {
          values.add(parse(m, id, p, q, parser));
        }
        p = q + 1;
      }
    }
    return List.copyOf(values);
  }

  /** Returns the {@code 1*DIGIT} value of the first header with this id, or -1 if there is none. */
  static int number(MessageBase m, int id) {
    int i = m.headers.find(id, 0);
    if (i < 0) {
      return -1;
    }
    int start = m.headers.valueStart(i);
    int value = HeaderSection.digits(m.buf, start, m.headers.valueEnd(i));
    if (value < 0) {
      throw new SipParseException(start - m.start, HeaderName.canonical(id) + ": expected 1*DIGIT (at most 2^31-1), "
          + "found '" + Ascii.excerpt(m.buf, start, m.headers.valueEnd(i)) + "'");
    }
    return value;
  }

  private static <T> T parse(MessageBase m, int id, int start, int end, ValueParser<T> parser) {
    try {
      return parser.parse(m.buf, start, end);
    } catch (SipParseException e) {
      throw e.shift(start - m.start, HeaderName.canonical(id));
    }
  }
}
