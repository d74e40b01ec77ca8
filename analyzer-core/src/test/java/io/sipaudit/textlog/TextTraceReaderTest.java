package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class TextTraceReaderTest {
  private static final String OPTIONS = """
      OPTIONS sip:203.0.113.5 SIP/2.0
      Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1
      Call-ID: o1
      CSeq: 1 OPTIONS
      Content-Length: 0

      """;

  @Test
  void bareMessagesSplitAtContentLengthAndAtStartLinesAndKeepASipfragBody() {
    Traces t = Traces.resource("bare.txt");

    assertEquals(List.of("INVITE inv-1@192.0.2.10", "100 inv-1@192.0.2.10", "NOTIFY ref-1@192.0.2.10",
        "BYE inv-1@192.0.2.10", "OPTIONS opt-1@192.0.2.10"), t.summaries());
    assertEquals("SIP/2.0 200 OK\r\n", Traces.body(t.packet(2)), "a start line alone is a body line");
    assertTrue(t.text(3).endsWith("CSeq: 21 BYE\r\n\r\n"), "no Content-Length: the body ends at the next start line");
    assertEquals(0, t.stats().noiseLines());
  }

  @Test
  void lostCrsAreRestoredAndEachLineEndCountsTwoBytesAgainstContentLength() {
    Traces t = Traces.text("INVITE sip:b@x SIP/2.0\nCall-ID: c\nContent-Length: 10\n\nv=0\ns=x\nnoise after the body\n");

    assertEquals("v=0\r\ns=x\r\n", Traces.body(t.packet(0)));
    assertEquals(1, t.stats().noiseLines(), "the line after a body that is complete is not glued to it");
    assertEquals(null, t.packet(0).problem());
  }

  @Test
  void startLineAndOffsetOfEveryMessagePointAtItsFirstLine() {
    String text = "junk line\n" + OPTIONS + "\n" + OPTIONS.replace("o1", "o2");
    Traces t = Traces.text(text);

    for (int i = 0; i < 2; i++) {
      int offset = (int) t.packet(i).ref().fileOffset();
      assertTrue(text.startsWith("OPTIONS sip:", offset), "offset " + offset);
      assertEquals(text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1, t.packet(i).ref().frame());
    }
  }

  @Test
  void hardWrappedHeadersAreJoinedAndTheMessageIsFlaggedRepaired() {
    Traces t = Traces.text("""
        Reliably Transmitting (NAT) to 198.51.100.7:5060:
        OPTIONS sip:198.51.100.7 SIP/2.0
        Via: SIP/2.0/UDP 
        192.168.1.9:5160;branch=z9hG4bK51105854;rport
        From: "asterisk"\s
        <sip:asterisk@192.168.1.9>;tag=as1
        To: 
        <sip:198.51.100.7>
        Call-ID: wrapped@192.168.1.9
        CSeq: 102 OPTIONS
        Content-Length: 0

        ---
        """);

    assertEquals(List.of("OPTIONS wrapped@192.168.1.9"), t.summaries());
    assertEquals("z9hG4bK51105854", t.packet(0).message().topVia().branch());
    assertEquals("sip:198.51.100.7", t.packet(0).message().to().uri().text());
    assertEquals("\"asterisk\" <sip:asterisk@192.168.1.9>;tag=as1", t.packet(0).message().header("From"));
    assertTrue(t.packet(0).problem().startsWith("repaired: hard wrap joined at line 4"), t.packet(0).problem());
    assertEquals(1, t.stats().repairedMessages());
  }

  @Test
  void mboxEscapedFromIsAHeaderAndARealFoldIsKept() {
    Traces t = Traces.text("""
        OPTIONS sip:b@x SIP/2.0
        Call-ID: m1
         From: <sip:a@x>;tag=1
        Subject: a long
         subject
        Content-Length: 0

        """);

    assertEquals("<sip:a@x>;tag=1", t.packet(0).message().header("From"));
    assertEquals("a long subject", t.packet(0).message().header("Subject"));
  }

  @Test
  void logLinesBetweenHeadersAndRightAfterABodyAreSkippedNotGlued() {
    Traces t = Traces.text("""
        <--- Received SIP request (0 bytes) from UDP:192.0.2.10:5060 --->
        INVITE sip:2000@203.0.113.5 SIP/2.0
        Call-ID: n1
        [Sep 12 10:18:14] NOTICE[2140] chan_sip.c:1234 in handle_request: something
        Content-Type: application/sdp
        Content-Length: 99

        v=0
        s=-
        Got  RTP packet from    192.0.2.10:10000 (type 00, seq 012345, ts 160, len 000160)
            -- Executing [2000@default:1] Dial("PJSIP/a-1", "PJSIP/2000")
        """);

    assertEquals(List.of("INVITE n1"), t.summaries());
    assertEquals("v=0\r\ns=-\r\n", Traces.body(t.packet(0)));
    assertEquals(3, t.stats().noiseLines());
    assertTrue(t.packet(0).problem().contains("body cut by the end of the input: Content-Length 99, 10 bytes"),
        t.packet(0).problem());
  }

  @Test
  void colourCodesAndRedactionsDoNotGetInTheWay() {
    Traces t = Traces.text("\u001b[1;34m" + OPTIONS.replace("192.0.2.10:5060", "<CORPORATE OFFICE PUBLIC IP>:5060")
        .replace("Call-ID: o1", "Call-ID: \u001b[0mo1"));

    assertEquals(List.of("OPTIONS o1"), t.summaries());
    assertEquals("0.0.0.0:0", t.packet(0).src().toString(), "no address to be had");
  }

  @Test
  void oneCopyMayMixFormats() {
    Traces t = Traces.text("<--- Received SIP request (9 bytes) from UDP:192.0.2.10:5060 --->\n" + OPTIONS
        + "<--- SIP read from UDP:192.0.2.11:5060 --->\n" + OPTIONS.replace("o1", "o2") + "<------------->\n"
        + "recv 9 bytes from udp/[192.0.2.12]:5060 at 10:00:00.000001:\n" + "-".repeat(72) + "\n"
        + OPTIONS.replace("o1", "o3") + OPTIONS.replace("o1", "o4"));

    assertEquals(List.of("OPTIONS o1", "OPTIONS o2", "OPTIONS o3", "OPTIONS o4"), t.summaries());
    assertEquals(List.of("192.0.2.10:5060", "192.0.2.11:5060", "192.0.2.12:5060", "192.0.2.10:5060"),
        t.events().stream().map(e -> e.src().toString()).toList());
  }

  @Test
  void forcedFormatMakesOtherFormatsMarkersNoiseButStillFindsTheMessages() {
    Traces t = Traces.resource("pjsip-console.txt", TextTraceOptions.DEFAULTS.withFormat(TextFormat.SOFIA));

    assertEquals(4, t.events().size());
    assertTrue(t.stats().records().isEmpty());
    assertEquals(8, t.stats().noiseLines(), "4 banners and 4 noise lines");
  }

  @Test
  void fiftyMegabyteLineIsSkippedAndReportedWithItsLineNumber() {
    InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
        new ByteArrayInputStream(OPTIONS.getBytes(StandardCharsets.US_ASCII)),
        new RepeatingStream((byte) 'A', 50L * 1024 * 1024),
        new ByteArrayInputStream(("\n" + OPTIONS.replace("o1", "o2")).getBytes(StandardCharsets.US_ASCII)))));

    Traces t = Traces.read(in, "big.txt", TextTraceOptions.DEFAULTS);

    assertEquals(List.of("OPTIONS o1", "OPTIONS o2"), t.summaries());
    assertEquals(List.of("big.txt line 7: a line of 52428800 bytes, longer than the limit of 1048576, skipped"
        + " (expected: a text line; binary data?)"), t.stats().damage());
  }

  @Test
  void binaryGarbageFailsWithTheLineWhereItStarts() {
    byte[] garbage = new byte[1 << 20];
    new Random(7).nextBytes(garbage);
    byte[] input = ("text first\n\n" + new String(garbage, StandardCharsets.ISO_8859_1))
        .getBytes(StandardCharsets.ISO_8859_1);

    TextTraceException e = assertThrows(TextTraceException.class,
        () -> Traces.read(input, "garbage.bin", TextTraceOptions.DEFAULTS));

    assertTrue(e.getMessage().startsWith("garbage.bin line 3: binary data, not a text trace"), e.getMessage());
    assertEquals(3, e.line());
  }

  @Test
  void unterminatedMessageIsKeptAndSaysHowMuchBodyIsMissing() {
    Traces t = Traces.text("INVITE sip:b@x SIP/2.0\nCall-ID: u\nContent-Length: 300\n\nv=0\n");

    assertEquals(List.of("INVITE u"), t.summaries());
    assertEquals("body cut by the end of the input: Content-Length 300, 5 bytes present", t.packet(0).problem());
    assertEquals(1, t.stats().cutMessages());
  }

  @Test
  void contentLengthOfTenToTheTwelveIsBoundedByTheMessageLimit() {
    String body = ("a=" + "x".repeat(98) + "\n").repeat(50);
    Traces t = Traces.text("MESSAGE sip:b@x SIP/2.0\nCall-ID: huge\nContent-Length: 1000000000000\n\n" + body
        + OPTIONS, TextTraceOptions.DEFAULTS.withMaxMessageBytes(4096));

    assertEquals(List.of("MESSAGE huge", "OPTIONS o1"), t.summaries());
    assertTrue(t.packet(0).problem().startsWith("longer than the 4096-byte limit: cut at line"), t.packet(0).problem());
    assertTrue(t.packet(0).message().length() <= 4096);
    assertEquals(10, t.stats().noiseLines(), "the body lines after the one that hit the limit");
  }

  @Test
  void inputWithoutSipSaysSoWithTheLineCount() {
    Traces t = Traces.text("hello\nworld\n");

    assertEquals(List.of(), t.events());
    assertEquals(List.of("paste line 2: no SIP message found in 2 line(s) (expected: a SIP text trace, see"
        + " docs/inputs.md, or a pcap/pcapng capture)"), t.stats().damage());
  }

  @Test
  void aMarkdownFenceEndsThePastedMessageInsteadOfJoiningItsLastHeader() {
    // a trace pasted from a GitHub issue: the closing fence, then prose, after a message with Content-Length 0
    Traces t = Traces.text("```\n" + OPTIONS.strip() + "\n```\n\nThen the phone never answered.\n");

    assertEquals(1, t.events().size());
    assertEquals(Arrays.asList((String) null), t.problems());
    assertTrue(TraceScanner.isFence("```sip") && TraceScanner.isFence("  ~~~ ") && TraceScanner.isFence("````"));
    assertTrue(!TraceScanner.isFence("``x y") && !TraceScanner.isFence("```sip x") && !TraceScanner.isFence("`~`")
        && !TraceScanner.isFence("  ") && !TraceScanner.isFence("Via: SIP/2.0/UDP h"));
  }

  @Test
  void anEmptyInputIsCalledEmpty() {
    Traces t = Traces.text("");

    assertEquals(List.of(), t.events());
    assertEquals(List.of("paste line 0: the input is empty (expected: a SIP text trace, see docs/inputs.md, or a"
        + " pcap/pcapng capture)"), t.stats().damage());
  }

  @Test
  void emptyNatKeepaliveReadIsCountedNotReported() {
    Traces t = Traces.text("<--- SIP read from UDP:192.0.2.1:5060 --->\n\n<------------->\n" + OPTIONS);

    assertEquals(1, t.stats().keepalives());
    assertFalse(t.events().isEmpty());
  }

  /** {@code n} times the same byte, without holding them. */
  private static final class RepeatingStream extends InputStream {
    private final byte value;
    private long left;

    RepeatingStream(byte value, long n) {
      this.value = value;
      this.left = n;
    }

    @Override
    public int read() {
      return left-- > 0 ? value : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, value);
      left -= n;
      return n;
    }
  }
}
