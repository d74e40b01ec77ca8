package io.sipaudit.simulate.opensips;

/**
 * The flags of OpenSIPS 3.x {@code lb_start(grp, "res", "flags")} ({@code w_lb_start}): other characters are
 * ignored, as OpenSIPS ignores them (with a debug log).
 *
 * <p>Example: {@code "rs"} is relative availability with random tie-breaks.
 *
 * @param relative {@code r}: availability as the percentage of the capacity still free, not free slots
 * @param negative {@code n}: destinations with no capacity left may still be chosen (overload)
 * @param randomTies {@code s}: a uniformly random one among equally available destinations, not the first
 */
public record LbFlags(boolean relative, boolean negative, boolean randomTies) {
  public static final LbFlags NONE = new LbFlags(false, false, false);

  /** Parses a flags string; unknown characters are ignored. */
  public static LbFlags parse(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    return new LbFlags(t.indexOf('r') >= 0, t.indexOf('n') >= 0, t.indexOf('s') >= 0);
  }

  @Override
  public String toString() {
    return (relative ? "r" : "") + (negative ? "n" : "") + (randomTies ? "s" : "");
  }
}
