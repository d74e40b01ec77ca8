package io.sipaudit.config;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A Kamailio {@code kamailio.cfg} as Kamailio would read it with the given {@code -A NAME=VALUE} defines: the
 * preprocessor applied ({@code #!define}, {@code #!ifdef} ... {@code #!endif}, defines substituted), the core
 * parameters, loaded modules, {@code modparam}s and route blocks with the calls inside them. Files named by
 * {@code include_file} / {@code import_file} are read in place when the configuration is {@link #read} from a file
 * (relative to the including file; a missing {@code include_file} is an error, a missing {@code import_file} is
 * skipped with a note), and recorded in {@link #includes()} either way; {@code #!subst}, {@code #!substdef},
 * {@code #!defexp} and {@code #!defenv} are counted in {@link #ignoredDirectives()}. Example input:
 * <pre>
 * #!define FR_TIMER 2000
 * dns_srv_lb=on
 * loadmodule "tm.so"
 * modparam("tm", "fr_timer", FR_TIMER)
 * request_route { ds_select_dst("1", "4"); t_relay(); }
 * </pre>
 * gives {@code booleanCoreParam("dns_srv_lb", false) == true}, {@code intModparam("tm", "fr_timer", 30000) == 2000}
 * and one {@link RouteBlock} with the calls {@code ds_select_dst} and {@code t_relay}. What matters for load
 * balancing is summed up by {@link #dispatcherSetup()}.
 *
 * @param source the file name used in error messages
 * @param coreParams the {@code name=value} assignments, in file order, values unquoted
 * @param modparams the {@code modparam} lines, in file order
 * @param loadedModules the {@code loadmodule} names without directory and {@code .so}, in file order
 * @param routes the route blocks, in file order
 * @param includes the {@code include_file} / {@code import_file} lines (followed when read from a file)
 * @param defines the defines at the end of the file (caller's, the file's, and {@code MOD_name} per module)
 * @param ignoredDirectives how many directives were skipped without being evaluated
 * @param notes what was recorded but not understood, each {@code "line N: ..."} (or {@code "line N of x.cfg: ..."})
 * @param lineRuns which file each line of the other parts came from ({@link #where(int)})
 */
public record KamailioCfg(String source, List<CoreParam> coreParams, List<Modparam> modparams,
    List<String> loadedModules, List<RouteBlock> routes, List<Include> includes, Map<String, String> defines,
    int ignoredDirectives, List<String> notes, List<LineRun> lineRuns) {

  /**
   * Where the lines of included files went: the parts of this record count every line read, included ones too,
   * and from line {@code first} on they are {@code source}'s, starting at its line {@code local}. Example: a main
   * file whose line 3 is {@code include_file "ds.cfg"} (2 lines) gives runs (1, main, 1), (4, ds.cfg, 1) and
   * (6, main, 4).
   */
  public record LineRun(int first, String source, int local) {
    static LineRun of(List<LineRun> runs, int line) {
      LineRun found = runs.get(0);
      for (LineRun r : runs) {
        if (r.first <= line) {
          found = r;
        }
      }
      return found;
    }

    static KamailioCfgException error(List<LineRun> runs, int line, String problem) {
      LineRun r = of(runs, line);
      return new KamailioCfgException(r.source, r.local + line - r.first, problem);
    }

    static String where(List<LineRun> runs, int line) {
      LineRun r = of(runs, line);
      return "line " + (r.local + line - r.first) + (r.source.equals(runs.get(0).source) ? "" : " of " + r.source);
    }
  }

  /** Returns {@code "line N"} of a line of this record, or {@code "line N of included.cfg"} for an included one. */
  public String where(int line) {
    return LineRun.where(lineRuns, line);
  }

  /** A core parameter such as {@code children=4} (value {@code "4"}) or {@code mpath="/usr/lib/"}. */
  public record CoreParam(String name, String value, int line) {
  }

  /**
   * A {@code modparam(module, name, value)}; {@code module} is kept as written, e.g. {@code "dispatcher|tm"}, and
   * {@code integer} tells an unquoted number from a string.
   */
  public record Modparam(String module, String name, String value, boolean integer, int line) {
    /** Returns whether this applies to a module: Kamailio matches the module part as a case-insensitive regex. */
    public boolean appliesTo(String moduleName) {
      try {
        return module.equalsIgnoreCase(moduleName)
            || Pattern.compile(module, Pattern.CASE_INSENSITIVE).matcher(moduleName).matches();
      } catch (PatternSyntaxException e) {
        return false;
      }
    }
  }

  /** An {@code include_file "path"} or {@code import_file "path"} line. */
  public record Include(String directive, String path, int line) {
  }

  public KamailioCfg {
    requireNonNull(source, "source");
    coreParams = List.copyOf(coreParams);
    modparams = List.copyOf(modparams);
    loadedModules = List.copyOf(loadedModules);
    routes = List.copyOf(routes);
    includes = List.copyOf(includes);
    defines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defines));
    notes = List.copyOf(notes);
    lineRuns = List.copyOf(lineRuns);
  }

  /** Reads a file, streaming it line by line. */
  public static KamailioCfg read(Path file, Map<String, String> defines) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return KamailioCfgParser.parse(in, file.toString(), file.toAbsolutePath().getParent(), defines);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /**
   * Parses a configuration.
   *
   * @throws KamailioCfgException naming the line of an unbalanced brace, an unterminated string or comment, an
   *     {@code #!ifdef} without {@code #!endif}, or a {@code modparam} value that is neither string nor integer
   */
  public static KamailioCfg parse(Reader reader, String source, Map<String, String> defines) {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    return KamailioCfgParser.parse(in, source, null, defines);
  }

  /** Parses the text of a configuration. */
  public static KamailioCfg parse(String text, String source, Map<String, String> defines) {
    return parse(new StringReader(text), source, defines);
  }

  /**
   * Returns defines written as Kamailio's {@code -A} options take them: {@code "NAME=VALUE"} or just {@code "NAME"}
   * (defined, empty), e.g. {@code defines("WITH_FAILOVER", "ALG=4", "DSLIST=\"/etc/ds.list\"")}.
   */
  public static Map<String, String> defines(String... args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      out.put(eq < 0 ? a : a.substring(0, eq), eq < 0 ? "" : a.substring(eq + 1));
    }
    return out;
  }

  /** Returns the last value assigned to a core parameter, or null. */
  public @Nullable String coreParam(String name) {
    CoreParam p = lastCore(name);
    return p == null ? null : p.value();
  }

  /** Returns a core parameter as an integer, or the default when it is absent. */
  public int intCoreParam(String name, int defaultValue) {
    CoreParam p = lastCore(name);
    return p == null ? defaultValue : integer(p.value(), name, p.line());
  }

  /** Returns a core parameter as a boolean ({@code on/off, yes/no, true/false, enable/disable} or a number). */
  public boolean booleanCoreParam(String name, boolean defaultValue) {
    CoreParam p = lastCore(name);
    if (p == null) {
      return defaultValue;
    }
    return switch (p.value().toLowerCase(Locale.ROOT)) {
      case "on", "yes", "true", "enable" -> true;
      case "off", "no", "false", "disable" -> false;
      default -> integer(p.value(), name, p.line()) != 0;
    };
  }

  /** Returns the value of the last {@code modparam} for this module (matched as Kamailio does) and name, or null. */
  public @Nullable String modparam(String module, String name) {
    Modparam p = lastModparam(module, name);
    return p == null ? null : p.value();
  }

  /** Returns a {@code modparam} as an integer (a quoted number counts), or the default when it is absent. */
  public int intModparam(String module, String name, int defaultValue) {
    Modparam p = lastModparam(module, name);
    return p == null ? defaultValue : integer(p.value(), module + " " + name, p.line());
  }

  /** Returns the route blocks of one kind, in file order. */
  public List<RouteBlock> routes(RouteBlock.Kind kind) {
    return routes.stream().filter(r -> r.kind() == kind).toList();
  }

  /** Returns the first block of a kind and name (null name for {@code request_route}), or null. */
  public @Nullable RouteBlock route(RouteBlock.Kind kind, @Nullable String name) {
    return routes.stream().filter(r -> r.kind() == kind && java.util.Objects.equals(r.name(), name)).findFirst()
        .orElse(null);
  }

  /** Returns the dispatcher-related facts, with Kamailio's defaults for what the file does not set. */
  public DispatcherSetup dispatcherSetup() {
    return DispatcherSetup.of(this);
  }

  /** Returns the DNS SRV relaying facts (resolver, failover, blocklist), with Kamailio's defaults. */
  public SrvSetup srvSetup() {
    return SrvSetup.of(this);
  }

  private @Nullable CoreParam lastCore(String name) {
    CoreParam last = null;
    for (CoreParam p : coreParams) {
      last = p.name().equals(name) ? p : last;
    }
    return last;
  }

  private @Nullable Modparam lastModparam(String module, String name) {
    Modparam last = null;
    for (Modparam p : modparams) {
      last = p.name().equals(name) && p.appliesTo(module) ? p : last;
    }
    return last;
  }

  private int integer(String value, String what, int line) {
    Integer n = toInt(value);
    if (n == null) {
      throw LineRun.error(lineRuns, line, what + " is '" + value + "', not an integer");
    }
    return n;
  }

  /** Parses a decimal or {@code 0x} hexadecimal integer, or returns null. */
  static @Nullable Integer toInt(String s) {
    String t = s.strip();
    try {
      if (t.matches("-?\\d{1,10}")) {
        return Integer.parseInt(t);
      }
      return t.matches("0[xX][0-9a-fA-F]{1,8}") ? Integer.parseUnsignedInt(t.substring(2), 16) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Returns the calls of one function in all blocks, in file order (for example every {@code t_on_failure}). */
  public List<FunctionCall> calls(String function) {
    List<FunctionCall> out = new ArrayList<>();
    routes.forEach(r -> out.addAll(r.calls(function)));
    return out;
  }
}
