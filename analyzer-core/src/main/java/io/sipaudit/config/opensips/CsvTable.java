package io.sipaudit.config.opensips;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a table exported as CSV (comma-separated, RFC 4180 quoting with {@code ""}, quoted fields may span lines)
 * or as tab-separated text ({@code mysql -B}, {@code psql -A -F $'\t'}): with a header row naming the columns,
 * or without one in the table's own column order. {@code NULL} and {@code \N} unquoted are SQL NULL; lines
 * starting with {@code #} and blank lines are skipped.
 *
 * <p>Example: {@code setid,destination,weight} then {@code 1,sip:10.0.0.1:5060,2}.
 */
final class CsvTable {
  private CsvTable() {
  }

  private record Rec(List<@Nullable String> fields, int line) {}

  /**
   * Returns the rows of {@code text}.
   *
   * @param columns the table's columns in its {@code CREATE TABLE} order (used when there is no header row)
   * @param required the column a header row must name
   * @throws OpenSipsTableException naming the line of a row with the wrong number of fields or an open quote, or
   *     of a header without {@code required}
   */
  static List<TableRow> read(String text, String source, List<String> columns, String required) {
    List<Rec> recs = records(text, source);
    List<TableRow> out = new ArrayList<>();
    if (recs.isEmpty()) {
      return out;
    }
    List<String> names = columns;
    int start = 0;
    if (isHeader(recs.get(0), columns)) {
      names = new ArrayList<>();
      for (String f : recs.get(0).fields()) {
        names.add(f == null ? "" : unquoteName(f));
      }
      start = 1;
      if (!names.contains(required)) {
        throw new OpenSipsTableException(source, recs.get(0).line(), "the header row has no " + required
            + " column (columns: " + String.join(",", names) + ")");
      }
    }
    for (int r = start; r < recs.size(); r++) {
      Rec rec = recs.get(r);
      if (rec.fields().size() != names.size()) {
        throw new OpenSipsTableException(source, rec.line(), rec.fields().size() + " fields, expected "
            + names.size() + (start == 0 ? " (without a header row the columns are " + String.join(",", columns)
            + ")" : " as in the header row"));
      }
      Map<String, @Nullable String> values = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), rec.fields().get(i));
      }
      out.add(new TableRow(values, source, rec.line()));
    }
    return out;
  }

  private static String unquoteName(String f) {
    String s = f.strip();
    if (s.length() >= 2 && (s.charAt(0) == '`' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
      s = s.substring(1, s.length() - 1);
    }
    return s.toLowerCase(Locale.ROOT);
  }

  private static boolean isHeader(Rec first, List<String> columns) {
    for (String f : first.fields()) {
      if (f != null && columns.contains(unquoteName(f))) {
        return true;
      }
    }
    return false;
  }

  private static List<Rec> records(String text, String source) {
    int nl = text.indexOf('\n');
    String firstLine = nl < 0 ? text : text.substring(0, nl);
    char sep = firstLine.indexOf('\t') >= 0 ? '\t' : ',';
    List<Rec> out = new ArrayList<>();
    int i = 0;
    int line = 1;
    int n = text.length();
    while (i < n) {
      int lineEnd = text.indexOf('\n', i);
      String raw = text.substring(i, lineEnd < 0 ? n : lineEnd);
      if (raw.isBlank() || raw.stripLeading().startsWith("#")) {
        i = lineEnd < 0 ? n : lineEnd + 1;
        line++;
        continue;
      }
      int recLine = line;
      List<@Nullable String> fields = new ArrayList<>();
      StringBuilder f = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      while (true) {
        if (i >= n) {
          if (quoted) {
            throw new OpenSipsTableException(source, recLine, "a quoted field is not closed");
          }
          fields.add(field(f, wasQuoted));
          break;
        }
        char c = text.charAt(i++);
        if (quoted) {
          if (c == '"') {
            if (i < n && text.charAt(i) == '"') {
              f.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            f.append(c);
          }
        } else if (c == '"' && f.toString().isBlank()) {
          quoted = true;
          wasQuoted = true;
          f.setLength(0);
        } else if (c == sep) {
          fields.add(field(f, wasQuoted));
          f.setLength(0);
          wasQuoted = false;
        } else if (c == '\n') {
          fields.add(field(f, wasQuoted));
          line++;
          break;
        } else if (c != '\r') {
          f.append(c);
        }
      }
      out.add(new Rec(fields, recLine));
    }
    return out;
  }

  private static @Nullable String field(StringBuilder f, boolean quoted) {
    String s = quoted ? f.toString() : f.toString().strip();
    if (!quoted && (s.equalsIgnoreCase("NULL") || s.equals("\\N"))) {
      return null;
    }
    return s;
  }
}
