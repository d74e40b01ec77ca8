package io.sipaudit.config.opensips;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of a table export: values by lower-case column name ({@code null} for SQL {@code NULL}, {@code \N}
 * or a missing column), with where it came from for error messages.
 *
 * <p>Example: {@code {setid=1, destination=sip:10.0.0.1:5060, weight=2}} from line 4 of {@code dispatcher.csv}.
 *
 * @param values the values by lower-case column name
 * @param source the file name
 * @param line the 1-based line where the row starts
 */
public record TableRow(Map<String, @Nullable String> values, String source, int line) {
  public TableRow {
    requireNonNull(source, "source");
    values = Collections.unmodifiableMap(new HashMap<>(values));
  }

  /** Returns a column's text, stripped, or null when it is absent, NULL or empty. */
  public @Nullable String text(String column) {
    String v = values.get(column);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** Returns a column's text, failing with the file and line when it is absent or empty. */
  public String required(String column) {
    String v = text(column);
    if (v == null) {
      throw error("no " + column);
    }
    return v;
  }

  /** Returns an integer column, {@code absent} when it is absent or empty; anything else fails naming the line. */
  public int integer(String column, int absent) {
    String v = text(column);
    if (v == null) {
      return absent;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw error(column + " '" + v + "' is not an integer");
    }
  }

  /** Returns an error about this row. */
  public OpenSipsTableException error(String problem) {
    return new OpenSipsTableException(source, line, problem);
  }
}
