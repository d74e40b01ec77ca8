package io.sipaudit.attribution;

import static java.util.Objects.requireNonNull;

import io.sipaudit.dialog.CallGroup;
import io.sipaudit.net.Endpoint;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One call as the user sees it: a lone leg, or the legs of a B2BUA/SBC group merged into one call.
 *
 * <p>Example: phone → SBC (leg {@code a1}) and SBC → balancer → backend .41 (leg {@code b1}, X-CID a1) give
 * {@code call} = client phone, balancer, attempts and backend .41 of {@code b1}, the caller's PDD and final
 * status of {@code a1}; {@code attributedLeg} {@code b1}; {@code b2buas} [SBC].
 *
 * @param call the merged call: the balancer, attempts, backend, outcome and failover of the attributed leg, and
 *     the client, final status and times the caller saw on the caller's leg; for a lone leg, the leg itself
 * @param group the legs' group, or null for a lone leg
 * @param legs every leg, in start order
 * @param attributedLeg the leg whose attempts count: the one that crossed the balancer to a backend
 * @param callerLeg the leg the caller sent (its sender receives no other leg of the call)
 * @param b2buas the nodes that received one leg and sent another (SBCs, B2BUAs), by address
 */
public record UserCall(AttributedCall call, @Nullable CallGroup group, List<AttributedCall> legs,
    AttributedCall attributedLeg, AttributedCall callerLeg, List<Endpoint> b2buas) {

  public UserCall {
    requireNonNull(call, "call");
    requireNonNull(attributedLeg, "attributedLeg");
    requireNonNull(callerLeg, "callerLeg");
    legs = List.copyOf(legs);
    b2buas = List.copyOf(b2buas);
  }

  /** Returns a lone leg as a call. */
  public static UserCall lone(AttributedCall leg) {
    return new UserCall(leg, null, List.of(leg), leg, leg, List.of());
  }
}
