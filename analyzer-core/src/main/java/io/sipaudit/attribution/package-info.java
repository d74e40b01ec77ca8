/**
 * Which backend handled each call, and which were tried first.
 *
 * <p>{@link io.sipaudit.attribution.Attributor} looks at one {@link io.sipaudit.dialog.CallRecord}'s INVITE hops,
 * finds the node that fanned the call out (the balancer: the forwarding node nearest the backends, or the one
 * named with {@code --balancer}), and turns its outgoing INVITE transactions into ordered
 * {@link io.sipaudit.attribution.Attempt}s with their outcomes. {@link io.sipaudit.attribution.TopologyBuilder}
 * learns the roles of all nodes from the calls and the OPTIONS probes, and
 * {@link io.sipaudit.attribution.BackendStats} sums calls per backend.
 */
@NullMarked
package io.sipaudit.attribution;

import org.jspecify.annotations.NullMarked;
