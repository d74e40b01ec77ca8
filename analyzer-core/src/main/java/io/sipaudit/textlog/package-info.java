/**
 * Text traces: SIP messages read from logs and terminal pastes, as first-class input next to captures.
 *
 * <p>{@link io.sipaudit.textlog.TextTraceReader} reads one text trace line by line in bounded memory and emits the
 * same {@link io.sipaudit.ingest.IngestEvent}s the capture path does. Each line is tried against every
 * {@link io.sipaudit.textlog.TextFormat} (Asterisk PJSIP and chan_sip, FreeSWITCH sofia, Kamailio sipdump,
 * opensips-cli, sngrep, ngrep, SIPp, tcpdump, tshark), so one paste may mix them; messages are framed per the
 * trace-format notes §1.0 (Content-Length with lost CRs counted back, the next record, the next start line),
 * repaired per §1.13, and parsed by {@link io.sipaudit.sip.SipParser}. What a trace does not say (a date, the
 * logging node's address, the transport) is filled in and marked in
 * {@link io.sipaudit.net.PacketRef#inferred()}. {@link io.sipaudit.ingest.SipIngest} merges text traces and
 * captures in time order. {@link io.sipaudit.textlog.PcapConversion} writes any of them as a pcap.
 */
@NullMarked
package io.sipaudit.textlog;

import org.jspecify.annotations.NullMarked;
