package io.sipaudit.net;

import static java.util.Objects.requireNonNull;

/**
 * One direction of a TCP connection ended (FIN, RST, idle eviction, or the end of the capture); a consumer
 * drops its buffers for {@code flow}.
 *
 * @param ref the frame that closed it (the last frame seen, at the end of the capture)
 * @param flow the direction that ended
 */
public record StreamClosed(PacketRef ref, FlowKey flow) implements NetEvent {
  public StreamClosed {
    requireNonNull(ref, "ref");
    requireNonNull(flow, "flow");
  }
}
