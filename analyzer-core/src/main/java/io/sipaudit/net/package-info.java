/**
 * Network decoding: from link-layer frames to transport payloads.
 *
 * <p>{@link io.sipaudit.net.NetDecoder} takes each {@link io.sipaudit.capture.CapturedFrame}, strips the link
 * layer (Ethernet with VLAN stacks, Linux SLL/SLL2, BSD NULL/LOOP, raw IP), decodes IPv4/IPv6 (extension
 * headers, fragment reassembly), unwraps tunnels (GRE, ERSPAN II/III, VXLAN, IP-in-IP, IPv6-in-IPv4) and HEP,
 * reassembles TCP streams and WebSocket messages, and emits {@link io.sipaudit.net.NetEvent}s: whole
 * datagrams (UDP, SCTP, WebSocket, HEP) and in-order TCP stream data. What it cannot use is counted in
 * {@link io.sipaudit.net.NetStats}, never thrown. It knows nothing about SIP.
 */
@NullMarked
package io.sipaudit.net;

import org.jspecify.annotations.NullMarked;
