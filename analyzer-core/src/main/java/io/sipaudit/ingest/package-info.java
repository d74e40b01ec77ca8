/**
 * Ingest: from capture files to SIP messages, the front door every later stage uses.
 *
 * <p>{@link io.sipaudit.ingest.SipIngest} opens one or more captures (pcap, pcapng, gzip), merges them in time
 * order, runs them through {@link io.sipaudit.net.NetDecoder}, frames SIP in datagrams and TCP streams with
 * {@link io.sipaudit.sip.SipFramer}, parses with {@link io.sipaudit.sip.SipParser}, and emits
 * {@link io.sipaudit.ingest.SipPacket}s and {@link io.sipaudit.ingest.MalformedSip}s with their location.
 * {@link io.sipaudit.ingest.SipStats} counts them the way {@code tshark -z sip,stat} does, and more.
 */
@NullMarked
package io.sipaudit.ingest;

import org.jspecify.annotations.NullMarked;
