package io.sipaudit.truth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the lab's {@code scenario.env} files: shell assignments, one per line, values bare, in double
 * quotes or in single quotes, and quoted values may span lines. Comments ({@code #}) and blank lines are
 * skipped. No expansion is done. Example:
 * <pre>
 * NAME=rr-alg4
 * DESCRIPTION="Round-robin (alg 4) over three UDP backends"
 * DISPATCHER_LIST="
 * 1 sip:127.0.1.11:5060
 * "
 * </pre>
 */
public final class ScenarioEnv {
  private ScenarioEnv() {
  }

  /**
     * Parses the text of a scenario file.
     *
     * @throws IllegalArgumentException naming the line of an unclosed quote or a line that is not {@code KEY=VALUE}
     */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int line = 1;
    int n = text.length();
    while (i < n) {
      int eol = text.indexOf('\n', i);
      if (eol < 0) {
        eol = n;
      }
      String head = text.substring(i, eol).strip();
      if (head.isEmpty() || head.startsWith("#")) {
        i = eol + 1;
        line++;
        continue;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0 || eq > eol || !text.substring(i, eq).strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("line " + line + ": expected KEY=VALUE, found '" + head + "'");
      }
      String key = text.substring(i, eq).strip();
      int v = eq + 1;
      if (v < n && (text.charAt(v) == '"' || text.charAt(v) == '\'')) {
        char quote = text.charAt(v);
        int close = text.indexOf(quote, v + 1);
        if (close < 0) {
          throw new IllegalArgumentException("line " + line + ": unclosed " + quote + " for " + key);
        }
        String value = text.substring(v + 1, close);
        out.put(key, value);
        line += (int) value.chars().filter(c -> c == '\n').count();
        int next = text.indexOf('\n', close);
        i = next < 0 ? n : next + 1;
      } else {
        out.put(key, text.substring(v, eol).strip());
        i = eol + 1;
      }
      line++;
    }
    return out;
  }
}
