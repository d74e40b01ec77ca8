/**
 * OpenSIPS 3.x in the simulator: the dispatcher's algorithms in OpenSIPS's own numbering
 * ({@link io.sipaudit.simulate.opensips.OpenSipsAlgorithms}), its weighted reduction, re-hash over the active
 * weights and failover list ({@link io.sipaudit.simulate.opensips.OpenSipsReplay}), the load_balancer module
 * ({@link io.sipaudit.simulate.opensips.LoadBalancerReplay}) and both modules' destination states
 * ({@link io.sipaudit.simulate.opensips.OpenSipsHealth}). They take the same
 * {@link io.sipaudit.simulate.CallArrival}s and give the same {@link io.sipaudit.simulate.Prediction}s as the
 * Kamailio replay.
 *
 * <p>Example: set [a (weight 1), b (weight 4)], alg 0: a Call-ID whose hash is 7 gives 7 mod 5 = 2, which falls in
 * b's range [1, 5), so b.
 */
@NullMarked
package io.sipaudit.simulate.opensips;

import org.jspecify.annotations.NullMarked;
