package io.sipaudit.dialog;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.sip.SipMethod;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request inside the call's dialog (it has a To tag) seen on one hop: ACK, BYE, re-INVITE, UPDATE, ...
 *
 * <p>Example: {@code BYE 127.0.1.1:5060 -> 127.0.1.13:5060 at 04:45:06.2, answered 200}.
 *
 * @param method the method
 * @param src sender
 * @param dst receiver
 * @param sent first time seen
 * @param finalCode final response status on this hop, 0 when none was seen (always 0 for ACK)
 * @param finalAt when that final response was seen, or null
 */
public record InDialogRequest(
    SipMethod method, Endpoint src, Endpoint dst, Instant sent, int finalCode, @Nullable Instant finalAt) {
  public InDialogRequest {
    requireNonNull(method, "method");
    requireNonNull(src, "src");
    requireNonNull(dst, "dst");
    requireNonNull(sent, "sent");
  }
}
