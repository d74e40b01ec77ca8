package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The URI hashes worked out on the text give the kamcmd-checked hash of the keys Kamailio and OpenSIPS build
 * (user, host[:port], the port only when not the default), each key written out by hand here.
 */
final class UriHashTest {

  @Test
  void hashingTheTextGivesTheKamcmdVectorsOfItsKeys() {
    assertEquals(1053853112L, UriHash.kamailio("sip:alice@atlanta.com", 0));
    assertEquals(1220057865L, UriHash.kamailio("sip:bob@biloxi.com:5070", 0));
    assertEquals(1220057865L, UriHash.opensips("sip:bob@biloxi.com:5070", false));
    assertEquals(3652500380L, UriHash.kamailio(" SIP:+15551234567@gw.example.net:5060 ", 0));
  }

  @Test
  void defaultPortsPasswordsParametersAndHeadersAreLeftOut() {
    assertEquals(KamailioHash.hash("alice", "atlanta.com"), UriHash.kamailio("sip:alice:secret@atlanta.com", 0));
    assertEquals(KamailioHash.hash("alice", "atlanta.com"), UriHash.kamailio("sip:alice@atlanta.com;lr?x=y", 0));
    assertEquals(KamailioHash.hash("alice", "atlanta.com:5060"), UriHash.kamailio("sips:alice@atlanta.com:5060", 0));
    assertEquals(KamailioHash.hash("alice", "atlanta.com"), UriHash.kamailio("sips:alice@atlanta.com:5061", 0));
    assertEquals(KamailioHash.hash("alice", "10.0.0.1:5080"), UriHash.kamailio("sip:alice@10.0.0.1:05080", 0));
    assertEquals(KamailioHash.hash(null, "atlanta.com:5"), UriHash.kamailio("sip:atlanta.com:5", 0));
  }

  @Test
  void userOnlyHashesTheUserAndKamailioHashesNothingWithoutOne() {
    assertEquals(KamailioHash.hash("alice", null), UriHash.kamailio("sip:alice@atlanta.com:5080", 1));
    assertEquals(0L, UriHash.kamailio("sip:atlanta.com", 1));
    assertEquals(KamailioHash.hash("", null), UriHash.opensips("sip:atlanta.com", true));
  }

  @Test
  void whatNeedsTheUriParserIsLeftToIt() {
    assertEquals(-1L, UriHash.kamailio("tel:+15551234567", 0));
    assertEquals(-1L, UriHash.kamailio("sip:alice@[2001:db8::1]:5080", 0));
    assertEquals(-1L, UriHash.kamailio("sip:j\u00f6rg@example.com", 0));
    assertEquals(-1L, UriHash.opensips("sip:bob@biloxi.com:5061;transport=tls", false));
  }
}
