package io.sipaudit.sip;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SipParserTest {

  @Test
  void requestLineGivesMethodAndRequestUri() {
    SipRequest r = (SipRequest) SipParser.parse("INVITE sip:+4930555123@192.0.2.21:5060 SIP/2.0\r\n\r\n");

    assertEquals(SipMethod.INVITE, r.method());
    assertEquals("sip:+4930555123@192.0.2.21:5060", r.requestUri());
    assertTrue(r.isRequest());
  }

  @Test
  void statusLineGivesCodeAndReasonAsReceived() {
    SipResponse r = (SipResponse) SipParser.parse("SIP/2.0 200 Okay then\r\n\r\n");

    assertEquals(200, r.statusCode());
    assertEquals(StatusCode.OK, r.status());
    assertEquals("Okay then", r.reasonPhrase());
  }

  @Test
  void statusLineWithoutReasonPhraseIsAccepted() {
    SipResponse r = (SipResponse) SipParser.parse("SIP/2.0 487\r\n\r\n");

    assertEquals(487, r.statusCode());
    assertEquals("", r.reasonPhrase());
  }

  @Test
  void extensionMethodIsNotAnError() {
    SipRequest r = (SipRequest) SipParser.parse("X-PING sip:lb SIP/2.0\r\n\r\n");

    assertEquals(SipMethod.of("X-PING"), r.method());
  }

  @Test
  void malformedStartLinesReportOffsetAndExpectation() {
    assertProblem("INVITE  sip:b SIP/2.0\r\n\r\n", 7, "expected Request-URI, found ' sip:b SIP/2.0\\r\\n\\r\\n'");
    assertProblem("INVITE sip:b\r\n\r\n", 12, "expected SP after Request-URI, found '\\r\\n\\r\\n'");
    assertProblem("INVITE sip:b SIP/2.x\r\n\r\n", 13,
        "expected SIP-Version (\"SIP/2.0\"), found 'SIP/2.x\\r\\n\\r\\n'");
    assertProblem("INVITE sip:b SIP/2.0 \r\n", 20, "expected CRLF at the end of the start line, found ' \\r\\n'");
    assertProblem("SIP/2.0 20 OK\r\n", 8, "expected Status-Code (3DIGIT, 100..699), found '20 OK\\r\\n'");
    assertProblem("SIP/2.0 700 Odd\r\n", 8, "expected Status-Code (3DIGIT, 100..699), found '700 Odd\\r\\n'");
    assertProblem("", 0, "expected Method (token) or SIP-Version, found end of data");
    assertProblem("<html>", 0, "expected Method (token) or SIP-Version, found '<html>'");
  }

  @Test
  void malformedHeaderLinesReportOffsetAndExpectation() {
    assertProblem("OPTIONS sip:b SIP/2.0\r\nVia SIP/2.0/UDP h\r\n\r\n", 27,
        "expected ':' after header name 'Via', found 'SIP/2.0/UDP h\\r\\n\\r\\n'");
    assertProblem("OPTIONS sip:b SIP/2.0\r\n: no name\r\n\r\n", 23,
        "expected header field-name (token), found ': no name\\r\\n\\r\\n'");
    assertProblem("OPTIONS sip:b SIP/2.0\r\n folded first\r\n\r\n", 23,
        "expected a header line, found a continuation line (starting with whitespace) before any header");
  }

  @Test
  void offsetsAreRelativeToTheGivenOffset() {
    byte[] bytes = "garbage:OPTIONS sip:b SIP/2.0\r\nbad line\r\n\r\n".getBytes(UTF_8);

    SipParseException e = assertThrows(SipParseException.class, () -> SipParser.parse(bytes, 8, bytes.length - 8));

    assertEquals(35 - 8, e.offset());
  }

  @Test
  void tryParseReturnsMalformedInsteadOfThrowing() {
    byte[] bytes = "INVITE sip:b SIP/2.0\r\nVia\r\n\r\n".getBytes(UTF_8);

    ParseResult r = SipParser.tryParse(bytes, 0, bytes.length);

    ParseResult.Malformed m = assertInstanceOf(ParseResult.Malformed.class, r);
    assertEquals(25, m.offset());
    assertEquals("expected ':' after header name 'Via', found '\\r\\n\\r\\n'", m.reason());
    assertEquals(bytes.length, m.raw().remaining());
    assertTrue(m.raw().isReadOnly());
  }

  @Test
  void tryParseReturnsTheMessageWhenWellFormed() {
    byte[] bytes = SipFixtures.message("ack.sip");

    ParseResult r = SipParser.tryParse(ByteBuffer.wrap(bytes));

    SipMessage m = assertInstanceOf(ParseResult.Parsed.class, r).message();
    assertEquals("ACK sip:+4930555123@192.0.2.21:5060 SIP/2.0", m.startLine());
  }

  @Test
  void missingMandatoryHeadersAreNotAnError() {
    SipMessage m = SipParser.parse("BYE sip:b SIP/2.0\r\n\r\n");

    assertNull(m.callId());
    assertNull(m.cseq());
    assertNull(m.from());
    assertNull(m.topVia());
    assertEquals(List.of(), m.vias());
    assertEquals(-1, m.maxForwards());
    assertEquals(-1, m.contentLength());
  }

  @Test
  void lfOnlyLinesParseLikeCrlf() {
    SipMessage lf = SipParser.parse("MESSAGE sip:b SIP/2.0\ni: abc\nl: 2\n\nhi");
    SipMessage crlf = SipParser.parse("MESSAGE sip:b SIP/2.0\r\ni: abc\r\nl: 2\r\n\r\nhi");

    assertEquals(crlf.callId(), lf.callId());
    assertEquals(UTF_8.decode(crlf.body()).toString(), UTF_8.decode(lf.body()).toString());
  }

  @Test
  void leadingLineEndsBeforeTheStartLineAreSkipped() {
    SipMessage m = SipParser.parse("\r\n\r\nOPTIONS sip:b SIP/2.0\r\n\r\n");

    assertEquals("OPTIONS sip:b SIP/2.0", m.startLine());
    assertEquals("OPTIONS sip:b SIP/2.0\r\n\r\n".length(), m.length());
  }

  @Test
  void bodyIsCutAtContentLength() {
    SipMessage m = SipParser.parse("MESSAGE sip:b SIP/2.0\r\nl: 5\r\n\r\nhello, and more");

    assertEquals("hello", UTF_8.decode(m.body()).toString());
    assertEquals("MESSAGE sip:b SIP/2.0\r\nl: 5\r\n\r\nhello".length(), m.length());
  }

  @Test
  void bodyShorterThanContentLengthIsKeptAsIs() {
    SipMessage m = SipParser.parse("MESSAGE sip:b SIP/2.0\r\nl: 50\r\n\r\nshort");

    assertEquals("short", UTF_8.decode(m.body()).toString());
    assertEquals(50, m.contentLength());
  }

  @Test
  void missingEmptyLineAtTheEndMeansNoBody() {
    SipMessage m = SipParser.parse("OPTIONS sip:b SIP/2.0\r\nCall-ID: x");

    assertEquals("x", m.callId());
    assertEquals(0, m.body().remaining());
  }

  @Test
  void rawIsAReadOnlyViewOfTheMessageWithoutCopying() {
    byte[] bytes = "xxOPTIONS sip:b SIP/2.0\r\n\r\nyy".getBytes(UTF_8);

    SipMessage m = SipParser.parse(bytes, 2, bytes.length - 4);

    assertTrue(m.raw().isReadOnly());
    assertEquals("OPTIONS sip:b SIP/2.0\r\n\r\n", UTF_8.decode(m.raw()).toString());
    assertEquals("OPTIONS sip:b SIP/2.0\r\n\r\n", new String(m.toByteArray(), UTF_8));
  }

  @Test
  void readOnlyByteBufferIsParsedFromItsPosition() {
    ByteBuffer b = ByteBuffer.wrap("..SIP/2.0 100 Trying\r\n\r\n".getBytes(UTF_8)).position(2).asReadOnlyBuffer();

    SipResponse r = (SipResponse) SipParser.parse(b);

    assertEquals(100, r.statusCode());
    assertEquals(2, b.position());
  }

  @Test
  void everyFixtureParses() {
    for (String name : SipFixtures.MESSAGES) {
      byte[] bytes = SipFixtures.message(name);

      SipMessage m = SipParser.parse(bytes, 0, bytes.length);

      assertEquals(bytes.length, m.length(), name);
      assertTrue(m.callId() != null && m.cseq() != null && m.topVia() != null, name);
    }
  }

  private static void assertProblem(String text, int offset, String reason) {
    SipParseException e = assertThrows(SipParseException.class, () -> SipParser.parse(text), text);
    assertEquals(reason, e.reason(), text);
    assertEquals(offset, e.offset(), text);
    assertEquals("offset " + offset + ": " + reason, e.getMessage());
  }
}
