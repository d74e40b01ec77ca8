package io.sipaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void markupAndBothQuotesBecomeEntities() {
    assertEquals("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39;",
        Html.text("<img src=x onerror=\"alert(1)\"> & 'q'"));
  }

  @Test
  void controlCharactersXmlCannotHoldBecomeReplacementCharacters() {
    assertEquals("a\uFFFDb\tc\r\n\uFFFD", Html.text("a\u0000b\tc\r\n\u0007"));
  }

  @Test
  void loneSurrogatesAreReplacedButPairsKept() {
    assertEquals("\uFFFDx\uD83D\uDE00", Html.text("\uD800x\uD83D\uDE00"));
  }

  @Test
  void plainTextIsReturnedUnchanged() {
    assertEquals("INVITE sip:2000@lab.example SIP/2.0", Html.text("INVITE sip:2000@lab.example SIP/2.0"));
  }

  @Test
  void idsKeepOnlyLettersDigitsDashAndUnderscore() {
    assertEquals("127_0_1_21_5060", Html.id("127.0.1.21:5060"));
    assertEquals("a__script_", Html.id("a\"<script>"));
  }
}
