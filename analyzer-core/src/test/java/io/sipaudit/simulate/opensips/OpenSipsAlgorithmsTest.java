package io.sipaudit.simulate.opensips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.simulate.KamailioHash;
import io.sipaudit.sip.header.SipUri;
import org.junit.jupiter.api.Test;

/** The hash and its keys, checked against the vectors of the reference (opensips-and-srv.md A1.4). */
final class OpenSipsAlgorithmsTest {

  @Test
  void dsGetHashGivesTheReferenceVectors() {
    assertEquals(2175018094L, KamailioHash.hash("a84b4c76e66710@pc33.atlanta.com", null));
    assertEquals(1053853112L, KamailioHash.hash("alice", "atlanta.com"));
    assertEquals(1220061292L, KamailioHash.hash("bob", "biloxi.com:5080"));
    assertEquals(3905729897L, KamailioHash.hash("", "example.com"));
    assertEquals(1800151102L, KamailioHash.hash("héllo", null), "bytes >= 0x80 are sign-extended");
  }

  @Test
  void uriKeysAreUserAndHostWithAPortOnlyWhenItIsNotTheTransportsDefault() {
    assertEquals(1053853112L, OpenSipsAlgorithms.uriHash("sip:alice@atlanta.com", DsFlags.NONE));
    assertEquals(1053853112L, OpenSipsAlgorithms.uriHash(" sip:alice@atlanta.com:5060;transport=tcp ", DsFlags.NONE));
    assertEquals(1220061292L, OpenSipsAlgorithms.uriHash("sip:bob@biloxi.com:5080", DsFlags.NONE));
    assertEquals(3905729897L, OpenSipsAlgorithms.uriHash("sip:example.com", DsFlags.NONE), "no user: 0 from x");
    assertEquals("biloxi.com", OpenSipsAlgorithms.hostKey(SipUri.parse("sip:bob@biloxi.com:5061;transport=tls")));
    assertEquals("biloxi.com:5061", OpenSipsAlgorithms.hostKey(SipUri.parse("sip:bob@biloxi.com:5061")));
    assertEquals("biloxi.com", OpenSipsAlgorithms.hostKey(SipUri.parse("sips:bob@biloxi.com:5061")));
    assertEquals(KamailioHash.hash("alice", null), OpenSipsAlgorithms.uriHash("sip:alice@atlanta.com:5070",
        DsFlags.parse("u")), "flag u: the user alone");
  }

  @Test
  void flagsAreReadAsFixupDsFlagsReadsThem() {
    assertEquals(new DsFlags(true, true, true, true), DsFlags.parse(" F u D a"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DsFlags.parse("fS"));
    assertTrue(e.getMessage().contains("'s'"), e.getMessage());
  }

  @Test
  void aHashPvarACaptureCannotSupplyAndUnknownNumbersAreRefusedWithTheReason() {
    IllegalArgumentException seven = assertThrows(IllegalArgumentException.class,
        () -> OpenSipsAlgorithms.create(7, new OpenSipsAlgorithms.Settings(DsFlags.NONE, 0, "$hdr(X-Tenant)")));
    assertTrue(seven.getMessage().contains("hash_pvar"), seven.getMessage());
    IllegalArgumentException eleven = assertThrows(IllegalArgumentException.class,
        () -> OpenSipsAlgorithms.create(11, OpenSipsAlgorithms.Settings.DEFAULTS));
    assertTrue(eleven.getMessage().contains("act as alg 8"), eleven.getMessage());
  }
}
