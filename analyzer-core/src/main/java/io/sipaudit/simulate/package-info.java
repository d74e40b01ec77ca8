/**
 * The dispatcher simulator: replays the observed calls through a faithful model of Kamailio's dispatcher
 * algorithms and compares its choice with the balancer's, call by call.
 *
 * <p>{@link io.sipaudit.simulate.KamailioHash} is Kamailio 5.6's {@code ds_get_hash}; the algorithms
 * ({@link io.sipaudit.simulate.KamailioAlgorithms}) index a set ordered as {@link io.sipaudit.config.DispatcherList}
 * orders it; {@link io.sipaudit.simulate.Replay} runs them over {@link io.sipaudit.simulate.CallArrival}s in
 * arrival order.
 */
@NullMarked
package io.sipaudit.simulate;

import org.jspecify.annotations.NullMarked;
