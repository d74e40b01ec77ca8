package io.sipaudit.audit;

import org.jspecify.annotations.Nullable;

/**
 * What the balancer's configuration says, where it explains a finding; every field is null when unknown.
 *
 * <p>Example, from a kamailio.cfg: {@code dispatcherFlags 0, failoverRoute false, dnsSrvLb null,
 * pingInterval 2, source "balancer.cfg"}: lost calls are then explained by the missing failover support.
 *
 * @param dispatcherFlags the dispatcher module's {@code flags} (bit 2: failover support)
 * @param failoverRoute whether a failure_route armed with t_on_failure calls ds_next_dst or ds_next_domain
 * @param dnsSrvLb the core {@code dns_srv_lb} (weighted SRV selection)
 * @param pingInterval {@code ds_ping_interval} in seconds (0: no probing)
 * @param source the file the hints came from
 */
public record BalancerHints(
    @Nullable Integer dispatcherFlags,
    @Nullable Boolean failoverRoute,
    @Nullable Boolean dnsSrvLb,
    @Nullable Integer pingInterval,
    String source) {

  /** Nothing known. */
  public static final BalancerHints NONE = new BalancerHints(null, null, null, null, "");
}
