package io.sipaudit.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TruthLogParserTest {

  @Test
  void kamailioPrefixedLineYieldsItsFields() {
    TruthEvent e = TruthLogParser.parseLine(
        " 3(4711) NOTICE: <script>: LBTRUTH t=1764139200.000250 ev=select ci=1-42@127.0.1.100 dst=sip:127.0.1.11:5060",
        7).orElseThrow();
    assertEquals(TruthEvent.Kind.SELECT, e.kind());
    assertEquals("1-42@127.0.1.100", e.callId());
    assertEquals("sip:127.0.1.11:5060", e.field("dst"));
    assertEquals(Instant.ofEpochSecond(1764139200L, 250_000L), e.time());
    assertEquals(7, e.line());
  }

  @Test
  void linesWithoutTheMarkerAreIgnored() {
    assertTrue(TruthLogParser.parseLine(" 0(12) INFO: dispatcher [dispatch.c:3000]: probing", 1).isEmpty());
  }

  @Test
  void missingCallIdNamesTheLineAndField() {
    TruthLogException e = assertThrows(TruthLogException.class,
        () -> TruthLogParser.parseLine("LBTRUTH t=1.5 ev=select dst=sip:a", 12));
    assertEquals(12, e.line());
    assertTrue(e.getMessage().contains("'ci'"), e.getMessage());
  }

  @Test
  void unknownEventKindIsRejected() {
    TruthLogException e = assertThrows(TruthLogException.class,
        () -> TruthLogParser.parseLine("LBTRUTH t=1.5 ev=teleport ci=x", 3));
    assertTrue(e.getMessage().contains("teleport"), e.getMessage());
  }

  @Test
  void garbledTimeIsRejected() {
    assertThrows(TruthLogException.class, () -> TruthLogParser.parseLine("LBTRUTH t=yesterday ev=send ci=x dst=a:1", 1));
  }

  @Test
  void parseCountsLinesIncludingNoise() {
    String log = """
        noise
        LBTRUTH t=10.0 ev=select ci=a dst=sip:127.0.0.2
        more noise
        LBTRUTH t=10.1 ev=reply ci=a code=200 src=127.0.0.2:5060
        """;
    List<TruthEvent> events = new ArrayList<>();
    TruthLogParser.parse(new BufferedReader(new StringReader(log)), events::add);
    assertEquals(2, events.size());
    assertEquals(2, events.get(0).line());
    assertEquals(4, events.get(1).line());
  }
}
