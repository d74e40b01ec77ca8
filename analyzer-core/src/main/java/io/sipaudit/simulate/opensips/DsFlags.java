package io.sipaudit.simulate.opensips;

import java.util.Locale;

/**
 * The flags string of OpenSIPS 3.x {@code ds_select_dst(set, alg, "flags")} ({@code fixup_ds_flags}):
 * case-insensitive, spaces ignored, any other character an error.
 *
 * <p>Example: {@code "fD"} is failover list on, default destination on.
 *
 * @param failover {@code f}: push the other destinations for {@code ds_next_dst}
 * @param userOnly {@code u}: the URI hashes (alg 1, 2, 3) hash the user part only
 * @param useDefault {@code d}: the last destination of the set is kept as the last resort
 * @param append {@code a}: keep older failover entries below the new list (no effect on one selection)
 */
public record DsFlags(boolean failover, boolean userOnly, boolean useDefault, boolean append) {
  public static final DsFlags NONE = new DsFlags(false, false, false, false);

  /**
   * Parses a flags string.
   *
   * @throws IllegalArgumentException naming a character OpenSIPS 3.x refuses
   */
  public static DsFlags parse(String text) {
    boolean f = false;
    boolean u = false;
    boolean d = false;
    boolean a = false;
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      switch (c) {
        case 'f' -> f = true;
        case 'u' -> u = true;
        case 'd' -> d = true;
        case 'a' -> a = true;
        case ' ' -> { }
        default -> throw new IllegalArgumentException("ds_select_dst flag '" + c + "' in \"" + text
            + "\" (OpenSIPS 3.x knows f, u, d and a; there is no S flag since 2.x)");
      }
    }
    return new DsFlags(f, u, d, a);
  }

  @Override
  public String toString() {
    return (failover ? "f" : "") + (userOnly ? "u" : "") + (useDefault ? "d" : "") + (append ? "a" : "");
  }
}
