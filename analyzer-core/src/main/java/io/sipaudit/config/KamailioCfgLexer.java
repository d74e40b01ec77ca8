package io.sipaudit.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code kamailio.cfg} line by line into tokens, as Kamailio's preprocessor and lexer see them. Lines
 * starting with {@code #!} or {@code !!} are directives ({@code define}, {@code trydef}, {@code redefine},
 * {@code undef}, {@code ifdef}, {@code ifndef}, {@code else}, {@code endif}); text in a false branch is dropped; an
 * identifier that names a define is replaced by the define's value, lexed in turn; {@code include_file} and
 * {@code import_file} are followed inline when the configuration was read from a file (relative paths from the
 * including file's directory; a missing {@code include_file} is an error, a missing {@code import_file} is skipped,
 * as in Kamailio), and only recorded otherwise. Token lines count every line read, included ones too:
 * {@link #where(int)} and {@link #error(int, String)} turn them back into a file and its line. Line comments
 * ({@code #}, {@code //}) and block comments are dropped;
 * strings keep their quotes; {@code $var(x)} or {@code $(ru{s.len})} is one token, so braces inside it are not
 * blocks. Example: after {@code #!define ALG 4},
 * the line {@code ds_select_dst("1", ALG); # pick} gives {@code ds_select_dst ( "1" , 4 ) ;}.
 */
final class KamailioCfgLexer {
  enum Type { ID, NUMBER, STRING, PVAR, PUNCT }

  /** One token; {@code line} is where it was written (a define's tokens take the line that used the define). */
  record Token(Type type, String text, int line) {
    boolean is(String s) {
      return type != Type.STRING && type != Type.PVAR && text.equals(s);
    }

    boolean wordLike() {
      return type != Type.PUNCT;
    }
  }

  private record Branch(boolean outerActive, boolean active, boolean sawElse, String directive, int line) {
  }

  private static final Pattern WORD = Pattern.compile("[A-Za-z_]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INCLUDE = Pattern.compile("(?:#!|!!)?(include_file|import_file)\\s+\"([^\"]*)\".*");
  private static final Set<String> IGNORED = Set.of("subst", "substdef", "substdefs", "defexp", "defexps", "defenv",
      "defenvs", "trydefenv", "trydefenvs");
  private static final Set<String> HEADERS = Set.of("KAMAILIO", "SER", "MAXCOMPAT", "ALL");

  /** A file being read, and how many of its lines were: included files stack on the one that includes them. */
  private static final class Frame {
    final BufferedReader in;
    final String source;
    final @Nullable Path dir;
    int lines;

    Frame(BufferedReader in, String source, @Nullable Path dir) {
      this.in = in;
      this.source = source;
      this.dir = dir;
    }
  }

  private static final int MAX_INCLUDE_DEPTH = 10;

  private final Deque<Frame> frames = new ArrayDeque<>();
  final List<KamailioCfg.LineRun> runs = new ArrayList<>();
  private final Map<String, String> defines = new LinkedHashMap<>();
  private final Map<String, Integer> definedAt = new HashMap<>();
  private final Deque<Branch> branches = new ArrayDeque<>();
  private final ArrayDeque<Token> pending = new ArrayDeque<>();
  private final KamailioCfgScanner scanner = new KamailioCfgScanner();
  final List<KamailioCfg.Include> includes = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  int ignoredDirectives;
  private int lineNo;
  private boolean done;

  KamailioCfgLexer(BufferedReader in, String source, @Nullable Path dir, Map<String, String> callerDefines) {
    frames.push(new Frame(in, source, dir));
    runs.add(new KamailioCfg.LineRun(1, source, 1));
    callerDefines.forEach((k, v) -> define(k, v, 0));
  }

  /** Returns the next token, or null at the end of the file (after checking nothing is left open). */
  @Nullable Token next() {
    while (pending.isEmpty()) {
      String line = readLine();
      if (line == null) {
        finish();
        return null;
      }
      process(line);
    }
    return pending.poll();
  }

  /** Defines a name unless it is already defined (like {@code #!trydef}); used for {@code MOD_name}. */
  void tryDefine(String name) {
    defines.putIfAbsent(name, "");
  }

  Map<String, String> defines() {
    return defines;
  }

  KamailioCfgException error(int line, String problem) {
    return KamailioCfg.LineRun.error(runs, line, problem);
  }

  /** Returns {@code "line N"} of the main file, or {@code "line N of included.cfg"}. */
  String where(int line) {
    return KamailioCfg.LineRun.where(runs, line);
  }

  private @Nullable String readLine() {
    while (true) {
      Frame f = frames.peek();
      try {
        String line = f.in.readLine();
        if (line != null) {
          lineNo++;
          f.lines++;
          return line;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + f.source, e);
      }
      if (frames.size() == 1) {
        return null;
      }
      close(frames.pop());
      Frame back = frames.peek();
      runs.add(new KamailioCfg.LineRun(lineNo + 1, back.source, back.lines + 1));
    }
  }

  /** Returns whether {@code file} (links resolved when it exists) lies under {@code root}. */
  private static boolean within(Path file, Path root) {
    try {
      Path real = Files.exists(file) ? file.toRealPath() : file;
      Path realRoot = Files.exists(root) ? root.toRealPath() : root.toAbsolutePath().normalize();
      return real.startsWith(realRoot);
    } catch (IOException e) {
      return false;
    }
  }

  private static void close(Frame f) {
    try {
      f.in.close();
    } catch (IOException e) {
      // read to its end already
    }
  }

  private void process(String line) {
    String t = line.strip();
    if (!scanner.open() && (t.startsWith("#!") || t.startsWith("!!"))) {
      directive(t.substring(2));
      return;
    }
    if (!branches.isEmpty() && !branches.peek().active()) {
      return;
    }
    Matcher include = INCLUDE.matcher(t);
    if (!scanner.open() && include.matches()) {
      include(include.group(1), include.group(2));
      return;
    }
    List<Token> raw = new ArrayList<>();
    scanner.scan(line, lineNo, raw);
    raw.forEach(tok -> expand(tok, 0, pending));
  }

  private void expand(Token t, int depth, Deque<Token> out) {
    String value = t.type() == Type.ID ? defines.get(t.text()) : null;
    if (value == null) {
      out.add(t);
      return;
    }
    if (depth > 16) {
      throw error(t.line(), "define " + t.text() + " expands into itself");
    }
    List<Token> raw = new ArrayList<>();
    new KamailioCfgScanner().scan(value, t.line(), raw);
    raw.forEach(v -> expand(v, depth + 1, out));
  }

  private void directive(String d) {
    Matcher w = WORD.matcher(d);
    w.lookingAt();
    String word = w.group();
    String rest = d.substring(w.end()).strip();
    boolean active = branches.isEmpty() || branches.peek().active();
    switch (word) {
      case "ifdef", "ifndef" -> {
        boolean defined = defines.containsKey(name(rest, word));
        branches.push(new Branch(active, active && defined == word.equals("ifdef"), false, "#!" + word + " " + rest,
            lineNo));
      }
      case "ifexp" -> {
        if (active) {
          throw error(lineNo, "#!ifexp expressions are not evaluated by this reader");
        }
        branches.push(new Branch(false, false, false, "#!ifexp", lineNo));
      }
      case "else" -> {
        Branch b = open("else");
        if (b.sawElse()) {
          throw error(lineNo, "a second #!else for " + b.directive() + " (line " + b.line() + ")");
        }
        branches.pop();
        branches.push(new Branch(b.outerActive(), b.outerActive() && !b.active(), true, b.directive(), b.line()));
      }
      case "endif" -> {
        open("endif");
        branches.pop();
      }
      default -> {
        if (active) {
          other(word, rest);
        }
      }
    }
  }

  private void other(String word, String rest) {
    switch (word) {
      case "define", "def", "trydef", "redefine" -> {
        int at = lineNo;
        StringBuilder text = new StringBuilder(rest);
        for (String more; text.toString().endsWith("\\") && (more = readLine()) != null; ) {
          text.setLength(text.length() - 1);
          text.append('\n').append(more.strip());
        }
        Matcher n = NAME.matcher(text);
        if (!n.lookingAt()) {
          throw error(at, "#!" + word + " needs a name");
        }
        String name = n.group();
        Integer previous = definedAt.get(name);
        if (previous != null && (word.equals("define") || word.equals("def"))) {
          throw error(at, "#!define " + name + ": already defined " + (previous == 0 ? "by the caller (-A)"
              : where(previous)) + "; use #!redefine or #!trydef");
        }
        if (previous == null || !word.equals("trydef")) {
          define(name, text.substring(n.end()).strip(), at);
        }
      }
      case "undef" -> {
        String name = name(rest, word);
        defines.remove(name);
        definedAt.remove(name);
      }
      case "include_file", "import_file" -> include(word, rest.replaceAll("^\"|\"$", ""));
      default -> {
        if (IGNORED.contains(word)) {
          ignoredDirectives++;
          notes.add(where(lineNo) + ": #!" + word + " ignored (not evaluated)");
        } else if (!HEADERS.contains(word)) {
          notes.add(where(lineNo) + ": unknown directive '#!" + word + "' read as a comment");
        }
      }
    }
  }

  private void define(String name, String value, int line) {
    defines.put(name, value);
    definedAt.put(name, line);
  }

  private void include(String directive, String path) {
    includes.add(new KamailioCfg.Include(directive, path, lineNo));
    Path dir = frames.peek().dir;
    if (dir == null) {
      notes.add(where(lineNo) + ": " + directive + " \"" + path + "\" recorded, not followed (no file to resolve it"
          + " from)");
      return;
    }
    Path root = frames.getLast().dir;
    Path file = dir.resolve(path).toAbsolutePath().normalize();
    if (root != null && !within(file, root)) {
      // never read files from elsewhere: the web page (serve) reads uploaded configurations this way too
      if (directive.equals("import_file")) {
        notes.add(where(lineNo) + ": import_file \"" + path + "\" is outside " + root + ", skipped");
        return;
      }
      throw error(lineNo, "include_file \"" + path + "\" is outside the configuration's directory " + root
          + ": copy it there, next to the file that includes it, and name it relatively");
    }
    if (!Files.isRegularFile(file)) {
      if (directive.equals("import_file")) {
        notes.add(where(lineNo) + ": import_file \"" + path + "\" not found in " + dir + ", skipped as Kamailio does");
        return;
      }
      throw error(lineNo, "include_file \"" + path + "\": no such file in " + dir + " (Kamailio stops here too;"
          + " import_file is the one that may be missing)");
    }
    if (frames.size() > MAX_INCLUDE_DEPTH) {
      throw error(lineNo, directive + " \"" + path + "\": included files nested deeper than " + MAX_INCLUDE_DEPTH
          + " (a loop?)");
    }
    try {
      frames.push(new Frame(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString(), file.getParent()));
      runs.add(new KamailioCfg.LineRun(lineNo + 1, file.toString(), 1));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private String name(String rest, String word) {
    Matcher n = NAME.matcher(rest);
    if (!n.lookingAt()) {
      throw error(lineNo, "#!" + word + " needs a name");
    }
    return n.group();
  }

  private Branch open(String word) {
    if (branches.isEmpty()) {
      throw error(lineNo, "#!" + word + " without #!ifdef or #!ifndef");
    }
    return branches.peek();
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    if (scanner.string != null) {
      throw error(scanner.stringLine, "unterminated string: the quote opened here is never closed");
    }
    if (scanner.comment) {
      throw error(scanner.commentLine, "'/*' comment is never closed");
    }
    if (!branches.isEmpty()) {
      throw error(branches.peek().line(), branches.peek().directive() + " has no matching #!endif");
    }
  }
}
