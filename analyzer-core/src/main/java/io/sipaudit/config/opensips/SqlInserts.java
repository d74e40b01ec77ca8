package io.sipaudit.config.opensips;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rows of one table from an SQL dump: every {@code INSERT [IGNORE] INTO table [(columns)] VALUES
 * (...),(...);} (also {@code REPLACE INTO}), as mysqldump, {@code pg_dump --inserts} and sqlite3 {@code .dump}
 * write them. Names may be quoted with backticks or double quotes and qualified ({@code public.dispatcher});
 * strings take {@code ''} and backslash escapes; {@code --}, {@code #} and block comments and all other
 * statements (inserts into other tables too) are skipped, so a whole database dump can be given.
 *
 * <p>Example: {@code INSERT INTO dispatcher (setid,destination,weight) VALUES (1,'sip:10.0.0.1',2),(1,'sip:10.0.0.2',1);}
 * gives two rows, from the line each tuple starts on.
 */
final class SqlInserts {
  private final String text;
  private final String source;
  private int pos;
  private int line = 1;

  private SqlInserts(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** Returns whether {@code text} looks like an SQL dump rather than CSV. */
  static boolean looksLike(String text) {
    return text.toUpperCase(Locale.ROOT).matches("(?s).*\\b(INSERT|REPLACE)\\s+(IGNORE\\s+)?INTO\\b.*");
  }

  /**
   * Returns the rows inserted into {@code table}.
   *
   * @param columns the table's columns in {@code CREATE TABLE} order, for inserts without a column list
   * @throws OpenSipsTableException naming the line of a tuple that cannot be read
   */
  static List<TableRow> read(String text, String source, String table, List<String> columns) {
    return new SqlInserts(text, source).rows(table, columns);
  }

  private List<TableRow> rows(String table, List<String> columns) {
    List<TableRow> out = new ArrayList<>();
    while (true) {
      String word = nextWord();
      if (word == null) {
        return out;
      }
      if (!word.equals("INSERT") && !word.equals("REPLACE")) {
        continue;
      }
      String w = nextWord();
      if ("IGNORE".equals(w)) {
        w = nextWord();
      }
      if (!"INTO".equals(w)) {
        continue;
      }
      skipSpace();
      int nameLine = line;
      String name = name();
      if (!name.equalsIgnoreCase(table)) {
        skipStatement();
        continue;
      }
      skipSpace();
      List<String> names = columns;
      if (peek() == '(') {
        names = new ArrayList<>();
        for (Object v : tuple()) {
          names.add(String.valueOf(v).toLowerCase(Locale.ROOT));
        }
      }
      if (!"VALUES".equals(nextWord())) {
        throw new OpenSipsTableException(source, nameLine, "INSERT INTO " + table + " without VALUES");
      }
      while (true) {
        skipSpace();
        int tupleLine = line;
        if (peek() != '(') {
          throw new OpenSipsTableException(source, line, "expected '(' of a VALUES tuple");
        }
        List<@Nullable String> values = tuple();
        if (values.size() != names.size()) {
          throw new OpenSipsTableException(source, tupleLine, values.size() + " values for " + names.size()
              + " columns (" + String.join(",", names) + ")");
        }
        Map<String, @Nullable String> row = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
          row.put(names.get(i), values.get(i));
        }
        out.add(new TableRow(row, source, tupleLine));
        skipSpace();
        char c = peek();
        if (c == ',') {
          pos++;
          continue;
        }
        if (c == ';' || c == 0) {
          pos++;
          break;
        }
        if (Character.isLetter(c)) {   // ON CONFLICT DO NOTHING, ON DUPLICATE KEY UPDATE ..., RETURNING ...
          skipToStatementEnd();
          break;
        }
        throw new OpenSipsTableException(source, line, "expected ',' or ';' after a VALUES tuple, found '" + c + "'");
      }
    }
  }

  /** Reads {@code ( v, v, ... )}: strings unescaped, NULL as null, anything else as written. */
  private List<@Nullable String> tuple() {
    int open = line;
    pos++;   // '('
    List<@Nullable String> out = new ArrayList<>();
    while (true) {
      skipSpace();
      char c = peek();
      if (c == 0) {
        throw new OpenSipsTableException(source, open, "a tuple is not closed");
      }
      if (c == '\'') {
        out.add(string());
      } else if (c == '`' || c == '"') {
        out.add(name());
      } else {
        int s = pos;
        while (pos < text.length() && ",)".indexOf(text.charAt(pos)) < 0 && !Character.isWhitespace(text.charAt(pos))) {
          pos++;
        }
        String v = text.substring(s, pos);
        if (v.isEmpty()) {
          throw new OpenSipsTableException(source, line, "an empty value in a tuple");
        }
        out.add(v.equalsIgnoreCase("NULL") ? null : v);
      }
      skipSpace();
      c = peek();
      pos++;
      if (c == ')') {
        return out;
      }
      if (c != ',') {
        throw new OpenSipsTableException(source, line, "expected ',' or ')' in a tuple, found '" + c + "'");
      }
    }
  }

  private String string() {
    int start = line;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\n') {
        line++;
      }
      if (c == '\'') {
        if (peek() == '\'') {
          sb.append('\'');
          pos++;
          continue;
        }
        return sb.toString();
      }
      if (c == '\\' && pos < text.length()) {
        char e = text.charAt(pos++);
        sb.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case '0' -> '\0';
          default -> e;
        });
        continue;
      }
      sb.append(c);
    }
    throw new OpenSipsTableException(source, start, "a quoted string is not closed");
  }

  /** Reads a possibly quoted, possibly qualified name and returns its last part. */
  private String name() {
    String last = "";
    while (true) {
      char c = peek();
      if (c == '`' || c == '"' || c == '[') {
        char close = c == '[' ? ']' : c;
        int end = text.indexOf(close, pos + 1);
        if (end < 0) {
          throw new OpenSipsTableException(source, line, "a quoted name is not closed");
        }
        last = text.substring(pos + 1, end);
        pos = end + 1;
      } else {
        int s = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
            || text.charAt(pos) == '$')) {
          pos++;
        }
        last = text.substring(s, pos);
      }
      if (peek() != '.') {
        return last;
      }
      pos++;
    }
  }

  /** Returns the next bare word (upper case) outside strings and comments, or null at the end. */
  private @Nullable String nextWord() {
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        return null;
      }
      char c = text.charAt(pos);
      if (Character.isLetter(c)) {
        int s = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
          pos++;
        }
        return text.substring(s, pos).toUpperCase(Locale.ROOT);
      }
      if (c == '\'') {
        string();
      } else if (c == '`' || c == '"') {
        name();
      } else {
        pos++;
        if (Character.isDigit(c)) {
          while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
          }
        }
      }
    }
  }

  private void skipStatement() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ';') {
        pos++;
        return;
      }
      if (c == '\'') {
        string();
      } else if (c == '\n') {
        line++;
        pos++;
      } else {
        pos++;
      }
    }
  }

  /** Skips the rest of a statement, up to and past its ';' (outside quotes), keeping the line count. */
  private void skipToStatementEnd() {
    boolean quoted = false;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\n') {
        line++;
      } else if (c == '\'') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        return;
      }
    }
  }

  /** Skips white space and comments, counting lines. */
  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#' || (c == '-' && text.startsWith("--", pos))) {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && text.startsWith("/*", pos)) {
        int end = text.indexOf("*/", pos + 2);
        end = end < 0 ? text.length() : end + 2;
        for (int k = pos; k < end; k++) {
          if (text.charAt(k) == '\n') {
            line++;
          }
        }
        pos = end;
      } else {
        return;
      }
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }
}
