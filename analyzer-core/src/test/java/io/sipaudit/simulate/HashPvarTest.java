package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code hash_pvar} keys hashed as they are built: the same hash as the expansion written out by hand. */
final class HashPvarTest {
  private static final Instant T = Instant.parse("2026-11-26T08:00:00Z");

  private static long hash(String pvar, CallArrival c) {
    return HashPvar.parse(pvar).hash(c, new StringBuilder(), UriHash.scratch());
  }

  @Test
  void theKeyIsBuiltFromTheUriPartsWithoutParsing() {
    CallArrival c = new CallArrival("abc@h", T, " sip:alice:pw@atlanta.example:5080;tag=1 ", "sip:bob@biloxi.example",
        "sip:2048@pbx.example", null, null, "10.0.0.7:5060", null);
    assertEquals(KamailioHash.hash("alice@atlanta.example", null), hash("$fU@$fd", c));
    assertEquals(KamailioHash.hash("bob-10.0.0.7:5060", null), hash("$tU-$si:$sp", c));
    assertEquals(KamailioHash.hash("abc@h", null), hash(" $ci ", c), "trimmed");
  }

  @Test
  void urisTheCutCannotReadGoThroughTheParser() {
    CallArrival c = new CallArrival("x", T, "tel:+15551234567", "sip:j\u00f6rg@[2001:db8::1]:5080", "sip:a@b", null,
        null);
    assertEquals(KamailioHash.hash("+15551234567", null), hash("$fU$fd", c), "tel: has no host");
    assertEquals(KamailioHash.hash("j\u00f6rg@[2001:db8::1]", null), hash("$tU@$td", c));
  }

  @Test
  void anEmptyExpansionMakesTheSelectFail() {
    CallArrival c = new CallArrival("x", T, "sip:a@b", "sip:c@d", "sip:e@f", null, null);
    assertEquals(-1L, hash(" $au ", c));
  }
}
