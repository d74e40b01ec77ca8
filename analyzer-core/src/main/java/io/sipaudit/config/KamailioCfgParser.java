package io.sipaudit.config;

import io.sipaudit.config.KamailioCfgLexer.Token;
import io.sipaudit.config.KamailioCfgLexer.Type;
import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the top-level statements of a {@code kamailio.cfg} from {@link KamailioCfgLexer} tokens: core parameters
 * ({@code children=4}), {@code loadmodule "tm.so"}, {@code modparam("tm", "fr_timer", 2000)} and route blocks
 * ({@code failure_route[FAILOVER] { ... }}). Inside a block it only counts braces and collects the calls
 * {@code name(args)}, so any statement Kamailio accepts there is fine.
 */
final class KamailioCfgParser {
  private static final Set<String> NOT_CALLS = Set.of("if", "else", "while", "switch", "case", "default", "return",
      "and", "or", "not", "defined");

  private final KamailioCfgLexer lexer;
  private final List<Token> ahead = new ArrayList<>();
  private final List<KamailioCfg.CoreParam> core = new ArrayList<>();
  private final List<KamailioCfg.Modparam> modparams = new ArrayList<>();
  private final List<String> modules = new ArrayList<>();
  private final List<RouteBlock> routes = new ArrayList<>();

  private KamailioCfgParser(KamailioCfgLexer lexer) {
    this.lexer = lexer;
  }

  static KamailioCfg parse(BufferedReader in, String source, java.nio.file.@Nullable Path dir,
      Map<String, String> defines) {
    KamailioCfgLexer lexer = new KamailioCfgLexer(in, source, dir, defines);
    KamailioCfgParser p = new KamailioCfgParser(lexer);
    p.run();
    return new KamailioCfg(source, p.core, p.modparams, p.modules, p.routes, lexer.includes, lexer.defines(),
        lexer.ignoredDirectives, lexer.notes, lexer.runs);
  }

  private void run() {
    for (Token t = next(); t != null; t = next()) {
      if (t.type() == Type.ID && RouteBlock.Kind.of(t.text()) != null && (is(peek(0), "[") || is(peek(0), "{"))) {
        routeBlock(t);
      } else if (t.is("loadmodule") || t.is("loadmodulex")) {
        loadmodule(t);
      } else if (t.is("modparam") || t.is("modparamx")) {
        modparam(t);
      } else if (t.type() == Type.ID && (is(peek(0), "=") || is(peek(0), ".") && is(peek(2), "="))) {
        coreParam(t);
      } else if (t.is("}")) {
        throw lexer.error(t.line(), "'}' without a matching '{' (no block is open)");
      } else if (!t.is(";")) {
        skipStatement(t);
      }
    }
  }

  private void coreParam(Token name) {
    String key = name.text();
    for (Token part = peek(1); is(peek(0), ".") && part != null && part.type() == Type.ID; part = peek(1)) {
      next();
      key += "." + java.util.Objects.requireNonNull(next()).text();
    }
    int line = next().line();
    List<Token> value = new ArrayList<>();
    for (Token v = peek(0); v != null && v.line() == line && !v.is(";"); v = peek(0)) {
      value.add(next());
    }
    core.add(new KamailioCfg.CoreParam(key, text(value), name.line()));
  }

  private void loadmodule(Token kw) {
    boolean paren = is(peek(0), "(");
    if (paren) {
      next();
    }
    Token path = string(kw, "loadmodule needs a quoted module path");
    if (paren) {
      expect(")", path);
    }
    String p = unquote(path.text());
    String base = p.substring(p.lastIndexOf('/') + 1);
    base = base.endsWith(".so") ? base.substring(0, base.length() - 3) : base;
    modules.add(base);
    lexer.tryDefine("MOD_" + base);
  }

  private void modparam(Token kw) {
    expect("(", kw);
    Token module = string(kw, "modparam needs a quoted module name");
    expect(",", module);
    Token param = string(kw, "modparam needs a quoted parameter name");
    expect(",", param);
    Token v = next();
    boolean minus = v != null && v.is("-");
    if (minus) {
      v = next();
    }
    Integer number = v != null && v.type() == Type.NUMBER ? KamailioCfg.toInt((minus ? "-" : "") + v.text())
        : v != null && v.type() == Type.ID && !minus ? bool(v.text()) : null;
    if (v == null || v.type() != Type.STRING && number == null) {
      String found = v == null ? "the end of the file" : "'" + shown(v) + "'";
      throw lexer.error(kw.line(), "modparam(" + module.text() + ", " + param.text() + ", ...): the value must be"
          + " a string or an integer, found " + found + (v != null && v.type() == Type.ID ? " (an undefined name?"
          + " supply it as a define, like -A " + v.text() + "=VALUE)" : ""));
    }
    StringBuilder value = new StringBuilder(number != null ? number.toString() : unquote(v.text()));
    while (number == null && peek(0) != null && peek(0).type() == Type.STRING) {
      v = next();   // adjacent strings are one value, as in the stock kamailio.cfg's acc log_extra
      value.append(unquote(v.text()));
    }
    expect(")", v);
    modparams.add(new KamailioCfg.Modparam(unquote(module.text()), unquote(param.text()), value.toString(),
        number != null, kw.line()));
  }

  /**
   * Kamailio's cfg lexer (cfg.lex, {@code YES} and {@code NO}) reads {@code yes}, {@code true}, {@code on} and
   * {@code enable} as 1 and {@code no}, {@code false}, {@code off} and {@code disable} as 0, in lower case only:
   * {@code modparam("auth_db", "calculate_ha1", yes)} in the stock kamailio.cfg.
   */
  private static @Nullable Integer bool(String word) {
    return switch (word) {
      case "yes", "true", "on", "enable" -> 1;
      case "no", "false", "off", "disable" -> 0;
      default -> null;
    };
  }

  private void routeBlock(Token kw) {
    RouteBlock.Kind kind = java.util.Objects.requireNonNull(RouteBlock.Kind.of(kw.text()));
    String name = null;
    if (is(peek(0), "[")) {
      next();
      List<Token> n = new ArrayList<>();
      for (Token t = next(); t == null || !t.is("]"); t = next()) {
        if (t == null) {
          throw lexer.error(kw.line(), "'[' after " + kw.text() + " is never closed");
        }
        n.add(t);
      }
      name = text(n);
    }
    kind = kind == RouteBlock.Kind.ROUTE && name == null ? RouteBlock.Kind.REQUEST : kind;   // `route {`
    Token open = expect("{", kw);
    String label = name == null ? kw.text() : kw.text() + "[" + name + "]";
    List<Token> body = new ArrayList<>();
    for (int depth = 1; ; ) {
      Token t = next();
      if (t == null) {
        throw lexer.error(open.line(), "'{' of " + label + " is never closed");
      }
      if (t.type() == Type.ID && RouteBlock.Kind.of(t.text()) != null && (is(peek(0), "[") || is(peek(0), "{"))) {
        throw lexer.error(t.line(), t.text() + " starts inside " + label + " (opened at " + lexer.where(kw.line())
            + "): a '}' is missing before " + lexer.where(t.line()));
      }
      depth += t.is("{") ? 1 : t.is("}") ? -1 : 0;
      if (depth == 0) {
        break;
      }
      body.add(t);
    }
    routes.add(new RouteBlock(kind, name, kw.line(), calls(body)));
  }

  /** Every {@code identifier(...)} in a block, nested calls included, with its arguments split at top-level commas. */
  private static List<FunctionCall> calls(List<Token> body) {
    List<FunctionCall> out = new ArrayList<>();
    for (int i = 0; i + 1 < body.size(); i++) {
      Token t = body.get(i);
      if (t.type() != Type.ID || !body.get(i + 1).is("(") || NOT_CALLS.contains(t.text())) {
        continue;
      }
      List<String> args = new ArrayList<>();
      List<Token> arg = new ArrayList<>();
      int depth = 0;
      for (int j = i + 2; j < body.size(); j++) {
        Token a = body.get(j);
        if (a.is(")") && depth == 0) {
          break;
        } else if (a.is(",") && depth == 0) {
          args.add(join(arg));
          arg.clear();
        } else {
          depth += a.is("(") ? 1 : a.is(")") ? -1 : 0;
          arg.add(a);
        }
      }
      if (!arg.isEmpty() || !args.isEmpty()) {
        args.add(join(arg));
      }
      out.add(new FunctionCall(t.text(), args, t.line()));
    }
    return out;
  }

  /** A top-level statement this reader does not know: noted and skipped to the end of its line or block. */
  private void skipStatement(Token t) {
    lexer.notes.add(lexer.where(t.line()) + ": '" + shown(t) + "' is not a core parameter, module directive or route"
        + " block; skipped");
    int depth = t.is("{") ? 1 : 0;
    while (depth > 0 || peek(0) != null && peek(0).line() == t.line()) {
      Token u = next();
      if (u == null) {
        throw lexer.error(t.line(), "'{' is never closed");
      }
      if (u.is("}") && depth == 0) {
        throw lexer.error(u.line(), "'}' without a matching '{' (no block is open)");
      }
      depth += u.is("{") ? 1 : u.is("}") ? -1 : 0;
    }
  }

  /** The text of a value: a lone string without its quotes, else the tokens with a space between words. */
  static String text(List<Token> tokens) {
    return tokens.size() == 1 && tokens.get(0).type() == Type.STRING ? unquote(tokens.get(0).text()) : join(tokens);
  }

  /** The tokens as written, strings with their quotes, with a space only between two words. */
  static String join(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0 && tokens.get(i - 1).wordLike() && tokens.get(i).wordLike()) {
        b.append(' ');
      }
      b.append(tokens.get(i).text());
    }
    return b.toString();
  }

  static String unquote(String s) {
    return s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)
        ? s.substring(1, s.length() - 1) : s;
  }

  private @Nullable Token peek(int k) {
    while (ahead.size() <= k) {
      Token t = lexer.next();
      if (t == null) {
        return null;
      }
      ahead.add(t);
    }
    return ahead.get(k);
  }

  private @Nullable Token next() {
    Token t = peek(0);
    if (t != null) {
      ahead.remove(0);
    }
    return t;
  }

  /** A token for a message: its first line, at most 40 characters. */
  private static String shown(Token t) {
    String s = t.text().lines().findFirst().orElse("");
    return s.length() > 40 || s.length() < t.text().length() ? s.substring(0, Math.min(40, s.length())) + "..." : s;
  }

  private static boolean is(@Nullable Token t, String text) {
    return t != null && t.is(text);
  }

  private Token expect(String text, Token after) {
    Token t = next();
    if (t == null || !t.is(text)) {
      throw lexer.error(t == null ? after.line() : t.line(), "expected '" + text + "' after '" + shown(after)
          + "', found " + (t == null ? "the end of the file" : "'" + shown(t) + "'"));
    }
    return t;
  }

  private Token string(Token kw, String problem) {
    Token t = next();
    if (t == null || t.type() != Type.STRING) {
      throw lexer.error(t == null ? kw.line() : t.line(), problem);
    }
    return t;
  }
}
