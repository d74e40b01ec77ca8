package io.sipaudit.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A call {@code name(args)} inside a route block, arguments as written after define substitution (strings keep
 * their quotes). Example: {@code ds_select_dst("1", $var(alg))} has name {@code ds_select_dst} and the arguments
 * {@code "1"} and {@code $var(alg)}; {@code literal(0)} is {@code 1} and {@code literal(1)} is null.
 *
 * @param name the function name
 * @param args the argument texts, split at top-level commas
 * @param line the 1-based line of the function name
 */
public record FunctionCall(String name, List<String> args, int line) {
  private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|-?\\d+");

  public FunctionCall {
    requireNonNull(name, "name");
    args = List.copyOf(args);
  }

  /**
   * Returns an argument's value when it is a single literal (a string without its quotes, or an integer), else
   * null: also null for a missing argument or a pseudo-variable such as {@code $var(x)}.
   */
  public @Nullable String literal(int index) {
    if (index >= args.size() || !LITERAL.matcher(args.get(index)).matches()) {
      return null;
    }
    return KamailioCfgParser.unquote(args.get(index));
  }

  /** Returns the call as text, e.g. {@code ds_select_dst("1", "4")}. */
  @Override
  public String toString() {
    return name + "(" + String.join(", ", args) + ")";
  }
}
