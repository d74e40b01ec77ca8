package io.sipaudit.cli.serve;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them on a command line: {@code 200MB}, {@code 1G}, {@code 512k}, {@code 4096}. Units are
 * binary (1 MB = 1,048,576 bytes), a trailing {@code B} or {@code iB} is optional, case does not matter.
 *
 * <p>Example: {@code ByteSize.parse("200MB")} is {@code 209715200}; {@code ByteSize.format(209715200)} is
 * {@code "200 MB"}.
 */
public final class ByteSize {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmgt]?)(i?b)?");
  private static final String UNITS = "kmgt";

  private ByteSize() {}

  /** Parses a size; throws {@link IllegalArgumentException} naming the accepted forms. */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size (expected e.g. 200MB, 1G, 512k or bytes)");
    }
    long n = Long.parseLong(m.group(1));
    int shift = m.group(2).isEmpty() ? 0 : 10 * (UNITS.indexOf(m.group(2)) + 1);
    if (n > Long.MAX_VALUE >> shift) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return n << shift;
  }

  /** Formats a size in the largest unit that divides it, e.g. {@code 200 MB}, {@code 1536 kB}, {@code 17 bytes}. */
  public static String format(long bytes) {
    String[] names = {"bytes", "kB", "MB", "GB", "TB"};
    int unit = 0;
    long n = bytes;
    while (unit < names.length - 1 && n != 0 && n % 1024 == 0) {
      n /= 1024;
      unit++;
    }
    return n + " " + names[unit];
  }
}
