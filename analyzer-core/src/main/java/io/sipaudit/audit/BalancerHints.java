package io.sipaudit.audit;

import io.sipaudit.net.Endpoint;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the balancer's configuration says, where it explains a finding; every field is null (or empty) when
 * unknown.
 *
 * <p>Example, from a kamailio.cfg and its dispatcher.list: {@code dispatcherFlags 0, failoverRoute false, dnsSrvLb
 * null, pingInterval 2, source "balancer.cfg", algorithm 0, setOrder [.14, .13, .12, .11]}: lost calls are then
 * explained by the missing failover support, and a dead destination's share is expected on the one after it.
 *
 * @param dispatcherFlags the dispatcher module's {@code flags} (bit 1: hash the URI user only; bit 2: failover)
 * @param failoverRoute whether a failure_route armed with t_on_failure calls ds_next_dst or ds_next_domain
 * @param dnsSrvLb the core {@code dns_srv_lb} (weighted SRV selection)
 * @param pingInterval {@code ds_ping_interval} in seconds (0: no probing)
 * @param source the file the hints came from
 * @param algorithm the Kamailio dispatcher algorithm of the set ({@code ds_select_dst(set, alg)} or
 *     {@code --algorithm})
 * @param setOrder the destinations of the set in Kamailio's index order (highest priority first, equal
 *     priorities in reverse file order), the order the skip walk follows
 */
public record BalancerHints(
    @Nullable Integer dispatcherFlags,
    @Nullable Boolean failoverRoute,
    @Nullable Boolean dnsSrvLb,
    @Nullable Integer pingInterval,
    String source,
    @Nullable Integer algorithm,
    List<Endpoint> setOrder) {

  /** Nothing known. */
  public static final BalancerHints NONE = new BalancerHints(null, null, null, null, "");

  public BalancerHints {
    java.util.Objects.requireNonNull(source, "source");
    setOrder = List.copyOf(setOrder);
  }

  /** Hints without the algorithm and set. */
  public BalancerHints(@Nullable Integer dispatcherFlags, @Nullable Boolean failoverRoute, @Nullable Boolean dnsSrvLb,
      @Nullable Integer pingInterval, String source) {
    this(dispatcherFlags, failoverRoute, dnsSrvLb, pingInterval, source, null, List.of());
  }

  /** Returns these hints with the set's algorithm and its destinations in Kamailio's index order. */
  public BalancerHints withSet(@Nullable Integer algorithm, List<Endpoint> setOrder) {
    return new BalancerHints(dispatcherFlags, failoverRoute, dnsSrvLb, pingInterval, source, algorithm, setOrder);
  }

  /**
   * Returns whether the algorithm picks a slot and walks to the next usable destination when that slot's is out
   * (hashes 0, 1, 2, 3, 5, 7, random 6, weight 9): a dead destination's whole share then lands on one neighbour.
   */
  public boolean skipWalksToNeighbour() {
    return algorithm != null && switch (algorithm) {
      case 0, 1, 2, 3, 5, 6, 7, 9 -> true;
      default -> false;
    };
  }
}
