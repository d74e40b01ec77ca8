package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Vectors checked against {@code kamcmd dispatcher.hash} on Kamailio 5.6.3 amd64 (shared/reference §3.1). */
final class KamailioHashTest {

  @Test
  void singleKeysMatchKamcmd() {
    assertEquals(109L, KamailioHash.hash("a", null));
    assertEquals(7167810L, KamailioHash.hash("abc", null));
    assertEquals(1834959896L, KamailioHash.hash("abcd", null));
    assertEquals(1834960001L, KamailioHash.hash("abcde", null));
    assertEquals(2175018094L, KamailioHash.hash("a84b4c76e66710@pc33.atlanta.com", null));
    assertEquals(3416024093L, KamailioHash.hash("3848276298220188511@atlanta.example.com", null));
    assertEquals(3653088559L, KamailioHash.hash("1-12345@127.0.0.1", null));
  }

  @Test
  void bytesAboveAsciiAreSignExtendedLikeX86Char() {
    assertEquals(3760405700L, KamailioHash.hash("\u00e9", null));
  }

  @Test
  void twoKeysAreMixedOneAfterTheOther() {
    assertEquals(1053853112L, KamailioHash.hash("alice", "atlanta.com"));
    assertEquals(1220057865L, KamailioHash.hash("bob", "biloxi.com:5070"));
    assertEquals(3652500380L, KamailioHash.hash("+15551234567", "gw.example.net"));
  }

  @Test
  void emptyAndAbsentKeysAreTheSame() {
    assertEquals(KamailioHash.hash("abc", null), KamailioHash.hash("abc", ""));
    assertEquals(0L, KamailioHash.hash(null, null));
  }
}
