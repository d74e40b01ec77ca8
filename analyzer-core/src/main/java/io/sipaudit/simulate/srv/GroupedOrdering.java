package io.sipaudit.simulate.srv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The RFC 2782 structure most stacks share: the priorities in ascending order, and within each one a pool in the
 * stack's own order from which records are drawn one at a time, each draw over the records left.
 *
 * <p>Example: RFC 2782 over {@code 10 60 be1, 10 30 be2, 20 0 backup}: be1 or be2 first (by a draw over 0..90),
 * then the other, then backup.
 */
final class GroupedOrdering implements SrvOrdering {

  /** One draw within a priority. */
  interface Draw {
    /**
     * Returns the index of the next record of {@code pool} (the records of the group not yet ordered); a pool of
     * one record must give 0 without drawing a random number (the ordering takes a lone record without asking).
     */
    int next(List<SrvTarget> pool, RandomGenerator random);

    /** Returns each index's exact probability of being drawn first from {@code pool}. */
    double[] shares(List<SrvTarget> pool);
  }

  private final UnaryOperator<List<SrvTarget>> presort;
  private final Draw draw;
  private final boolean swap;

  /**
   * @param presort the records in ascending priority, each priority's records in the order the draws see them
   * @param draw the draw
   * @param swap whether the drawn record is swapped with the pool's head (PJSIP) instead of taken out of the order
   */
  GroupedOrdering(UnaryOperator<List<SrvTarget>> presort, Draw draw, boolean swap) {
    this.presort = presort;
    this.draw = draw;
    this.swap = swap;
  }

  /** Returns a stable sort by priority, then {@code within}. */
  static UnaryOperator<List<SrvTarget>> sortedBy(Comparator<SrvTarget> within) {
    return list -> {
      List<SrvTarget> sorted = new ArrayList<>(list);
      sorted.sort(Comparator.comparingInt(SrvTarget::priority).thenComparing(within));
      return sorted;
    };
  }

  @Override
  public List<SrvTarget> order(List<SrvTarget> usable, RandomGenerator random) {
    return order(groups(usable), usable.size(), random);
  }

  @Override
  public Prepared prepare(List<SrvTarget> usable) {
    List<List<SrvTarget>> groups = groups(usable);
    int size = usable.size();
    List<SrvTarget> pool = new ArrayList<>(size);   // the prepared ordering serves one replay: one pool for all
    return new Prepared(r -> order(groups, size, r, pool), firstShares(usable), false);
  }

  private List<SrvTarget> order(List<List<SrvTarget>> groups, int size, RandomGenerator random) {
    return order(groups, size, random, new ArrayList<>(size));
  }

  private List<SrvTarget> order(List<List<SrvTarget>> groups, int size, RandomGenerator random,
      List<SrvTarget> pool) {
    List<SrvTarget> out = new ArrayList<>(size);
    for (List<SrvTarget> group : groups) {
      if (group.size() == 1) {
        out.add(group.get(0));   // every draw takes a lone record without a random number
        continue;
      }
      pool.clear();
      pool.addAll(group);
      while (!pool.isEmpty()) {
        int i = draw.next(pool, random);
        out.add(pool.get(i));
        if (swap && i != 0) {
          pool.set(i, pool.get(0));
        }
        pool.remove(swap ? 0 : i);
      }
    }
    return out;
  }

  @Override
  public double[] firstShares(List<SrvTarget> usable) {
    double[] p = new double[usable.size()];
    List<List<SrvTarget>> groups = groups(usable);
    if (groups.isEmpty()) {
      return p;
    }
    List<SrvTarget> first = groups.get(0);
    double[] s = draw.shares(first);
    for (int i = 0; i < first.size(); i++) {
      p[usable.indexOf(first.get(i))] += s[i];
    }
    return p;
  }

  @Override
  public boolean random() {
    return true;
  }

  /** Returns the priorities in ascending order, each in pool order. */
  List<List<SrvTarget>> groups(List<SrvTarget> usable) {
    List<SrvTarget> sorted = presort.apply(usable);
    List<List<SrvTarget>> out = new ArrayList<>();
    for (SrvTarget t : sorted) {
      if (out.isEmpty() || out.get(out.size() - 1).get(0).priority() != t.priority()) {
        out.add(new ArrayList<>());
      }
      out.get(out.size() - 1).add(t);
    }
    return out;
  }
}
