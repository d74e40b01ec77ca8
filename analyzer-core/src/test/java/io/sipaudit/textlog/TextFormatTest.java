package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TextFormatTest {

  @Test
  void formatsAreFoundByTheirCommandLineNameOrConstantInAnyCase() {
    assertEquals(TextFormat.CHAN_SIP, TextFormat.of("chan-sip"));
    assertEquals(TextFormat.CHAN_SIP, TextFormat.of("CHAN_SIP"));
    assertEquals(TextFormat.TSHARK_FOLLOW, TextFormat.of(" Tshark-Follow "));
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextFormat.of("wireshark"));

    assertEquals("unknown text format 'wireshark' (expected one of: pjsip, chan-sip, sofia, kamailio, opensips, sngrep,"
        + " ngrep, sipp, tcpdump, tshark, tshark-follow, bare)", e.getMessage());
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "pjsip-console.txt, PJSIP", "pjsip-full.log, PJSIP", "chan-sip-18.txt, CHAN_SIP", "chan-sip-14.txt, CHAN_SIP",
    "sofia-old.txt, SOFIA", "sofia-new.txt, SOFIA", "kamailio-sipdump.data, KAMAILIO",
    "opensips-trace.txt, OPENSIPS", "sngrep-2x.txt, SNGREP", "sngrep-1x.txt, SNGREP", "ngrep-byline.txt, NGREP",
    "sipp-messages.log, SIPP", "tcpdump-A.txt, TCPDUMP", "tcpdump-v.txt, TCPDUMP", "tshark-V.txt, TSHARK",
    "tshark-follow.txt, TSHARK_FOLLOW"
  })
  void everySampleIsRecognisedAsItsFormatAndNoOther(String sample, TextFormat format) {
    Traces t = Traces.resource(sample);

    assertEquals(Set.of(format), t.stats().records().keySet());
    assertEquals(0, t.stats().damage().size(), t.stats().damage().toString());
  }

  @Test
  void bareSipOpensNoRecordsAtAll() {
    assertEquals(Map.of(), Traces.resource("bare.txt").stats().records());
  }
}
