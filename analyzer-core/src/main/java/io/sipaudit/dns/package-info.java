/**
 * DNS messages (RFC 1035) seen beside the SIP traffic: a decoder of responses with name compression, and
 * {@link io.sipaudit.dns.DnsAnswers}, a side observer of the ingest (UDP and TCP port 53) that keeps the SRV, A and
 * AAAA answers a balancer received, as the same zone model a zone file gives. Malformed messages are counted,
 * never fatal.
 */
@NullMarked
package io.sipaudit.dns;

import org.jspecify.annotations.NullMarked;
