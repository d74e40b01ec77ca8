package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class KamailioAlgorithmsTest {
  private static CallArrival arrival(String from, String to, String ruri) {
    return new CallArrival(" 42-7@host.example\t", Instant.EPOCH, from, to, ruri, null, null);
  }

  @Test
  void theHashedKeyIsWrittenAsKamailioHashesIt() {
    CallArrival c = arrival("sip:alice@atlanta.com:5060", "sips:bob@biloxi.com:5061;transport=tls",
        "sip:+15551234567@gw.example.net:5070;user=phone");
    assertEquals("42-7@host.example", KamailioAlgorithms.hashedKey(0, 0, c), "Call-ID trimmed");
    assertEquals("sip:alice@atlanta.com", KamailioAlgorithms.hashedKey(1, 0, c), "default port left out");
    assertEquals("sips:bob@biloxi.com", KamailioAlgorithms.hashedKey(2, 0, c), "5061 is the default of sips");
    assertEquals("sip:+15551234567@gw.example.net:5070", KamailioAlgorithms.hashedKey(3, 0, c), "no parameters");
  }

  @Test
  void withFlagsBitOneOnlyTheUserIsHashed() {
    CallArrival c = arrival("sip:alice@atlanta.com", "tel:+4930123;phone-context=x", "sip:gw.example.net");
    assertEquals("alice", KamailioAlgorithms.hashedKey(1, 1, c));
    assertEquals("tel:+4930123", KamailioAlgorithms.hashedKey(2, 0, c), "a tel: URI hashes only its number");
    assertEquals("sip:gw.example.net", KamailioAlgorithms.hashedKey(3, 0, c), "no user: the host alone");
    assertEquals("the From URI (user part only: dispatcher flags bit 1)", KamailioAlgorithms.hashedKeyName(1, 1));
  }

  @Test
  void algorithmsThatHashNothingACaptureShowsHaveNoKey() {
    CallArrival c = arrival("sip:a@b", "sip:c@d", "sip:e@f");
    for (int alg : new int[] {4, 6, 7, 8, 9, 10, 11, 12, 13}) {
      assertNull(KamailioAlgorithms.hashedKey(alg, 0, c), "alg " + alg);
      assertNull(KamailioAlgorithms.hashedKeyName(alg, 0), "alg " + alg);
    }
  }
}
