package io.sipaudit.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.config.SrvZone;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.net.Datagram;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.FlowKey;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.StreamData;
import io.sipaudit.net.Transport;
import io.sipaudit.testing.Repo;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class DnsAnswersTest {
  private static final Endpoint RESOLVER = Endpoint.parse("127.0.1.53:53");
  private static final Endpoint CLIENT = Endpoint.parse("127.0.0.1:40000");

  /** What a zone says about one record, TTL aside: {@code "10 50 5060 a.voice.lab [127.0.1.121]"}. */
  private static List<String> records(SrvZone z) {
    return z.records().stream()
        .map(r -> r.service() + " " + r.priority() + " " + r.weight() + " " + r.port() + " " + r.target() + " "
            + r.addresses())
        .sorted(Comparator.naturalOrder()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"srv-failover-lb0", "srv-weighted-lb1"})
  void theLabCapturesAnswersAreTheSamplesZoneWithTheTtlDnsmasqServed(String sample) {
    Path dir = Repo.root().resolve("samples").resolve(sample);
    DnsAnswers answers = new DnsAnswers();
    SipIngest.Result result = new SipIngest().watch(answers).run(List.of(dir.resolve("capture.pcap")), e -> { });
    SrvZone fromCapture = answers.zone("capture");
    SrvZone file = SrvZone.read(dir.resolve("srv.zone"));

    assertEquals(records(file), records(fromCapture));
    // run-scenario.sh writes TTL 60 into srv.zone, but dnsmasq serves its --srv-host records with --local-ttl,
    // whose default is 0 (tshark shows dns.resp.ttl == 0): Kamailio asked again for every call
    fromCapture.records().forEach(r -> assertEquals(0, r.ttl(), r.toString()));
    file.records().forEach(r -> assertEquals(60, r.ttl(), r.toString()));
    assertEquals(0, answers.malformed());
    assertTrue(answers.responses() > 0 && answers.queries() == answers.responses(), answers.responses() + " responses, "
        + answers.queries() + " queries");
    // the SIP reading is not disturbed: the same events and counts as without the watcher
    long[] events = new long[2];
    SipIngest.Result plain = new SipIngest().run(List.of(dir.resolve("capture.pcap")), e -> events[0]++);
    new SipIngest().watch(new DnsAnswers()).run(List.of(dir.resolve("capture.pcap")), e -> events[1]++);
    assertEquals(events[0], events[1]);
    assertEquals(plain.sip().nonSipDatagrams(), result.sip().nonSipDatagrams());
    assertEquals(plain.sip().keepalives(), result.sip().keepalives());
  }

  @Test
  void theLabResolverRotatesItsAnswersButTheRecordSetNeverChanges() {
    DnsAnswers answers = new DnsAnswers();
    new SipIngest().watch(answers).run(List.of(Repo.root().resolve("samples/srv-failover-lb0/capture.pcap")), e -> { });
    assertEquals(1, answers.answerSets("_sip._udp.voice.lab"));
    // tshark -Y 'dns.flags.response == 1 && dns.qry.type == 33' counts 60 SRV replies, one per call; the A
    // queries for the target of each first try, and for b.voice.lab on failover, add the rest
    assertTrue(answers.responses() >= 60, String.valueOf(answers.responses()));
  }

  @Test
  void malformedDatagramsAreCountedAndTheRestStillRead() {
    DnsAnswers answers = new DnsAnswers();
    answers.datagram(udp(new byte[] {1, 2, 3}, 1));
    byte[] good = reply();
    answers.datagram(udp(good, 2));
    assertEquals(1, answers.malformed());
    assertNotNull(answers.firstProblem());
    assertTrue(answers.firstProblem().contains("frame 1"), answers.firstProblem());
    assertEquals(List.of("_sip._udp.voice.lab 10 50 5060 a.voice.lab [127.0.1.121]"), records(answers.zone("x")));
  }

  @Test
  void truncatedRepliesAreCountedAndTheirRecordsLeftOut() {
    DnsAnswers answers = new DnsAnswers();
    byte[] tc = reply();
    tc[2] |= 0x02;   // TC
    answers.datagram(udp(tc, 1));
    assertEquals(1, answers.truncated());
    assertTrue(!answers.hasSrv());
  }

  @Test
  void tcpMessagesAreFoundByTheirLengthPrefixWhereverTheStreamIsSplit() {
    byte[] m = reply();
    byte[] stream = new byte[2 * (m.length + 2)];
    for (int k = 0; k < 2; k++) {
      int at = k * (m.length + 2);
      stream[at] = (byte) (m.length >> 8);
      stream[at + 1] = (byte) m.length;
      System.arraycopy(m, 0, stream, at + 2, m.length);
    }
    for (int split = 1; split < stream.length; split++) {
      DnsAnswers answers = new DnsAnswers();
      FlowKey flow = new FlowKey(RESOLVER, CLIENT);
      answers.stream(tcp(flow, stream, 0, split));
      answers.stream(tcp(flow, stream, split, stream.length));
      assertEquals(2, answers.responses(), "split at " + split);
      assertEquals(0, answers.malformed(), "split at " + split);
    }
  }

  private static byte[] reply() {
    // same layout as DnsDecoderTest's reply: question, one SRV answer with a compressed target, one A record
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1c, 0x2e, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 1});
    for (String label : "_sip._udp.voice.lab".split("\\.")) {
      out.write(label.length());
      out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    out.write(0);
    out.writeBytes(new byte[] {0, 33, 0, 1, (byte) 0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 0, 0, 10});
    int rdata = out.size();
    out.writeBytes(new byte[] {0, 10, 0, 50, 0x13, (byte) 0xC4, 1, 'a', (byte) 0xC0, 22});
    out.writeBytes(new byte[] {(byte) 0xC0, (byte) (rdata + 6), 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 127, 0, 1, 121});
    return out.toByteArray();
  }

  private static Datagram udp(byte[] payload, long frame) {
    return new Datagram(new PacketRef("t.pcap", frame, 0, Instant.EPOCH), RESOLVER, CLIENT, Transport.UDP,
        ByteBuffer.wrap(payload), null);
  }

  private static StreamData tcp(FlowKey flow, byte[] all, int from, int to) {
    return new StreamData(new PacketRef("t.pcap", 1, 0, Instant.EPOCH), flow, Transport.TCP,
        ByteBuffer.wrap(all, from, to - from).slice(), 0, false);
  }
}
