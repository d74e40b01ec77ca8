package io.sipaudit.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our parser agrees with JAIN-SIP (the reference parser) on every fixture message and on the bare-SIP text samples
 * of pkts. The normalisations applied to JAIN-SIP's values are listed in {@link JainSipComparison}.
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

    assertTrue(!ours.equals(theirs), "a changed Call-ID must make the views differ");
  }
}
