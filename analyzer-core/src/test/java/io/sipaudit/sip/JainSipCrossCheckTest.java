package io.sipaudit.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our parser agrees with JAIN-SIP (the reference parser) on every fixture message and on the bare-SIP text samples
 * of pkts ({@code samples/external/pkts/subscribe.txt}, {@code issue-106_001.txt}; LF-only, so JAIN-SIP gets their
 * headers as CRLF). Where JAIN-SIP normalises differently, both sides are compared in a normalised form; the cases,
 * with an example each, are documented on {@link JainSipComparison}:
 * <ol>
 *   <li>LF-only header sections are given to JAIN-SIP as CRLF (its Content-Length check counts the body only);
 *   <li>folded lines are unfolded for JAIN-SIP, which drops the SP a fold stands for ("Missing host name");
 *   <li>URIs: JAIN-SIP lower-cases the scheme and brackets unbracketed IPv6 hosts;
 *   <li>quoted display names: JAIN-SIP keeps backslash escapes, we resolve them;
 *   <li>User-Agent/Server: JAIN-SIP re-spaces products ({@code Foo / 1.0} gives {@code Foo /1.0});
 *   <li>Content-Type: compared as {@code type/subtype}, JAIN-SIP re-serialises parameters;
 *   <li>a repeated tag parameter: JAIN-SIP keeps the last, we keep the first;
 *   <li>unbracketed IPv6 Via sent-by with a ninth group: JAIN-SIP takes it as part of the host, we as the port;
 *   <li>missing Content-Length: JAIN-SIP reports 0, we report -1.
 * </ol>
 * With these, all 20,670 SIP messages found in the UDP payloads and single TCP segments of the pcap files under
 * {@code samples/} agreed when this test was written (checked with a throw-away extractor, not part of the build).
 */
final class JainSipCrossCheckTest {

  static Stream<String> fixtures() {
    return SipFixtures.MESSAGES.stream();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixtureParsesTheSameAsJainSip(String name) {
    JainSipComparison.assertSameAs(SipFixtures.message(name));
  }

  @ParameterizedTest
  @MethodSource("pktsTextSamples")
  void pktsTextSampleParsesTheSameAsJainSip(String relative) {
    byte[] file = SipFixtures.sample(relative);
    FrameResult frame = new SipFramer().frameDatagram(file, 0, file.length);
    assertEquals(FrameResult.Kind.COMPLETE, frame.kind(), frame.problem());

    JainSipComparison.assertSameAs(Arrays.copyOf(file, frame.length()));
  }

  static Stream<String> pktsTextSamples() {
    return Stream.of("external/pkts/subscribe.txt", "external/pkts/issue-106_001.txt");
  }

  @Test
  void lfOnlyHeadersAreGivenToJainSipAsCrlfWithTheBodyUnchanged() {
    byte[] lf = "MESSAGE sip:a@b SIP/2.0\nl: 3\n\nx\ny".getBytes(StandardCharsets.US_ASCII);

    String converted = new String(JainSipComparison.crlfHeaders(lf), StandardCharsets.US_ASCII);

    assertEquals("MESSAGE sip:a@b SIP/2.0\r\nl: 3\r\n\r\nx\ny", converted);
  }

  @Test
  void foldedLinesAreUnfoldedForJainSipWithOneSpace() {
    byte[] folded = "MESSAGE sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP\r\n \t h;branch=z9hG4bK1\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII);

    String converted = new String(JainSipComparison.crlfHeaders(folded), StandardCharsets.US_ASCII);

    assertEquals("MESSAGE sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n", converted);
  }

  @Test
  void comparisonCatchesADifferentValue() {
    byte[] message = SipFixtures.message("ack.sip");
    var ours = JainSipComparison.ours(SipParser.parse(message, 0, message.length));
    var theirs = JainSipComparison.theirs(JainSipComparison.parseWithJainSip(message));
    ours.put("callId", "something else");

    assertNotEquals(theirs, ours, "a changed Call-ID must make the views differ");
  }

  @Test
  void headerThatJainSipRejectsIsReportedAsADifference() {
    byte[] message = "OPTIONS sip:b SIP/2.0\r\nCSeq: abc OPTIONS\r\nContent-Length: 0\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII);

    List<String> differences = JainSipComparison.differences(message);

    assertEquals(1, differences.size(), differences::toString);
    assertTrue(differences.get(0).startsWith("JAIN-SIP: reported problems: [CSeq 'CSeq: abc OPTIONS'"),
        differences.get(0));
  }
}
