package io.sipaudit.dns;

import java.util.List;

/**
 * A decoded DNS message: the header flags that matter and the records of the answer and additional sections.
 *
 * <p>Example: the lab resolver's reply to {@code _sip._udp.voice.lab SRV}: id 0x1c2e, a response, not truncated,
 * rcode 0, question {@code _sip._udp.voice.lab}, three SRV answers and three A records in the additional section.
 *
 * @param id the query id
 * @param response QR: a response (true) or a query
 * @param truncated TC: the answer did not fit (a resolver asks again over TCP)
 * @param rcode the response code (0 NOERROR, 3 NXDOMAIN, ...)
 * @param questions the names asked for
 * @param answers the answer section
 * @param additional the additional section (SRV replies often carry the targets' addresses here)
 */
public record DnsMessage(int id, boolean response, boolean truncated, int rcode, List<String> questions,
    List<DnsRecord> answers, List<DnsRecord> additional) {
  public DnsMessage {
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    additional = List.copyOf(additional);
  }
}
