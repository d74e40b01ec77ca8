package io.sipaudit.simulate.opensips;

/**
 * What an OpenSIPS dispatcher algorithm hands to {@code ds_select_dst}'s common tail: a hash to reduce through the
 * weights, an index it chose itself, or a ranking of the destinations.
 *
 * <p>Example: alg 0 gives {@code Hashed(2175018094)}; alg 8 gives {@code Preset(0)}; alg 9 gives
 * {@code Ranked([3, 1, 2])} (the lowest value wins).
 */
public sealed interface Candidate permits Candidate.Hashed, Candidate.Preset, Candidate.Ranked {

  /** A hash (never 0): reduced modulo Σweight, and re-hashed over the active weights if inactive. */
  record Hashed(long hash) implements Candidate {}

  /** An index chosen by the algorithm (hash 0): an inactive one is left by a linear probe. */
  record Preset(int index) implements Candidate {}

  /**
   * A value per destination index: the active non-default destinations sorted ascending (stable), the lowest
   * chosen; with {@code negativesLast} (alg 10 since 3.5) a negative value sorts after every other active one.
   */
  record Ranked(long[] values, boolean negativesLast) implements Candidate {}
}
