package io.sipaudit.attribution;

import org.jspecify.annotations.Nullable;

/**
 * The RFC 6076 end-to-end SIP performance metrics over a set of initial INVITEs (re-INVITEs never count).
 *
 * <p>Ratios are percentages, null when their denominator is 0. Example for 100 INVITEs, 90 answered, 2
 * redirected (3xx), 4 rejected 486, 4 timed out: SER = 90 / 98 = 91.8 %, SEER = 94 / 98 = 95.9 %,
 * ISA = 4 / 100 = 4 %.
 *
 * @param invites initial INVITEs (attempts for a backend, calls for the caller's view)
 * @param ser Session Establishment Ratio (§4.6): 2xx / (INVITEs − 3xx)
 * @param seer Session Establishment Effectiveness Ratio (§4.7): (2xx, 480, 486, 600, 603) / (INVITEs − 3xx)
 * @param isa Ineffective Session Attempts (§4.8): (408, 500, 503, 504, or no response) / INVITEs
 * @param scr Session Completion Ratio (§4.9): answered sessions ended by a successful BYE / INVITEs
 * @param srd Session Request Delay (§4.1): INVITE to the first non-100 response
 * @param sdd Session Disconnect Delay (§4.2): BYE to its final response
 * @param sdt Session Duration Time (§4.3): 2xx to BYE
 */
public record Rfc6076(
    long invites, @Nullable Double ser, @Nullable Double seer, @Nullable Double isa, @Nullable Double scr,
    Percentiles srd, Percentiles sdd, Percentiles sdt) {}
