package io.sipaudit.config;

import io.sipaudit.config.KamailioCfgLexer.Token;
import io.sipaudit.config.KamailioCfgLexer.Type;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Character-level lexing for {@link KamailioCfgLexer}: one line at a time, carrying an open string or block comment
 * over to the next line. Example: in <code>if ($(ru{s.len}) &gt; 3) &#123; # }</code> only the brace after
 * {@code )} is a token; the ones inside the pseudo-variable and after {@code #} are not.
 */
final class KamailioCfgScanner {
  @Nullable StringBuilder string;
  char quote;
  int stringLine;
  boolean comment;
  int commentLine;

  boolean open() {
    return string != null || comment;
  }

  void scan(String s, int line, List<Token> out) {
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (comment) {
        int end = s.indexOf("*/", i);
        if (end < 0) {
          return;
        }
        comment = false;
        i = end + 2;
      } else if (string != null) {
        i = stringBody(s, i, out);
      } else if (c == '#' || s.startsWith("//", i)) {
        return;
      } else if (s.startsWith("/*", i)) {
        comment = true;
        commentLine = line;
        i += 2;
      } else if (c == '"' || c == '\'') {
        string = new StringBuilder().append(c);
        quote = c;
        stringLine = line;
        i++;
      } else if (c == '$') {
        int end = pvarEnd(s, i);
        out.add(new Token(end > i + 1 ? Type.PVAR : Type.PUNCT, s.substring(i, end), line));
        i = end;
      } else if (Character.isLetter(c) || c == '_' || Character.isDigit(c)) {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
            || Character.isDigit(c) && s.charAt(end) == '.')) {
          end++;
        }
        out.add(new Token(Character.isDigit(c) ? Type.NUMBER : Type.ID, s.substring(i, end), line));
        i = end;
      } else {
        if (!Character.isWhitespace(c)) {
          out.add(new Token(Type.PUNCT, String.valueOf(c), line));
        }
        i++;
      }
    }
    if (string != null) {
      string.append('\n');
    }
  }

  private int stringBody(String s, int i, List<Token> out) {
    StringBuilder b = Objects.requireNonNull(string);
    while (i < s.length()) {
      char c = s.charAt(i++);
      b.append(c);
      if (c == '\\' && i < s.length()) {
        b.append(s.charAt(i++));
      } else if (c == quote) {
        out.add(new Token(Type.STRING, b.toString(), stringLine));
        string = null;
        return i;
      }
    }
    return i;
  }

  /** A pseudo-variable: {@code $name}, {@code $name(...)}, {@code $name(...)[...]} or {@code $(...)}. */
  private static int pvarEnd(String s, int i) {
    int j = i + 1;
    if (j < s.length() && s.charAt(j) == '(') {
      return balanced(s, j, '(', ')');
    }
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j > i + 1 && j < s.length() && s.charAt(j) == '(') {
      j = balanced(s, j, '(', ')');
    }
    if (j > i + 1 && j < s.length() && s.charAt(j) == '[') {
      j = balanced(s, j, '[', ']');
    }
    return j;
  }

  private static int balanced(String s, int j, char open, char close) {
    int depth = 0;
    for (int k = j; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' || c == '\'') {
        int end = s.indexOf(c, k + 1);
        k = end < 0 ? s.length() : end;
      } else if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return k + 1;
      }
    }
    return s.length();
  }
}
