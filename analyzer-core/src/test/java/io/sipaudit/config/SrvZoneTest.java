package io.sipaudit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.testing.Repo;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SrvZoneTest {

  @Test
  void theLabZoneGivesThreeTargetsInFileOrderWithTheirAddresses() {
    SrvZone z = SrvZone.read(Repo.root().resolve("samples/srv-failover-lb0/srv.zone"));
    assertEquals(List.of("_sip._udp.voice.lab"), z.services());
    List<SrvZone.Srv> r = z.records("_sip._udp.voice.lab.");
    assertEquals(3, r.size());
    assertEquals("a.voice.lab", r.get(0).target());
    assertEquals("127.0.1.121:5060", r.get(0).hostPort());
    assertEquals(10, r.get(0).priority());
    assertEquals(50, r.get(0).weight());
    assertEquals(20, r.get(2).priority());
  }

  @Test
  void originRelativeNamesOmittedOwnersTtlAndClassInAnyOrderAndCommentsAreUnderstood() {
    SrvZone z = SrvZone.parse("""
        $ORIGIN Example.COM.
        $TTL 300
        _sip._tcp  IN 60 SRV 10 33 5060 sip1 ; first
                   60 IN SRV 10 67 5061 sip2.example.com.
        sip1       A 192.0.2.1
        sip2 300   IN AAAA 2001:db8::2
        www        IN CNAME sip1
        """, "inline");
    List<SrvZone.Srv> r = z.records("_sip._tcp.example.com");
    assertEquals(2, r.size());
    assertEquals("192.0.2.1:5060", r.get(0).hostPort());
    assertEquals("[2001:db8::2]:5061", r.get(1).hostPort());
    assertEquals(4, r.get(1).line());
  }

  @Test
  void aTargetWithoutAddressHasNoHostPort() {
    SrvZone z = SrvZone.parse("_sip._udp.x. 60 IN SRV 0 0 5060 elsewhere.net.\n", "inline");
    assertNull(z.records().get(0).hostPort());
  }

  @Test
  void aShortSrvLineIsAnErrorNamingItsLine() {
    SrvZoneException e = assertThrows(SrvZoneException.class,
        () -> SrvZone.parse("; zone\n_sip._udp.x. 60 IN SRV 10 5060 a.x.\n", "z.zone"));
    assertTrue(e.getMessage().startsWith("z.zone line 2: SRV needs"), e.getMessage());
    SrvZoneException w = assertThrows(SrvZoneException.class,
        () -> SrvZone.parse("_sip._udp.x. 60 IN SRV 10 heavy 5060 a.x.\n", "z.zone"));
    assertTrue(w.getMessage().contains("weight 'heavy'"), w.getMessage());
  }

  @Test
  void ttlsFollowTheRecordThenDollarTtlThenThePreviousRecordAndEveryAddressIsKept() {
    SrvZone z = SrvZone.parse("""
        _sip._udp.x. 1h IN SRV 10 1 5060 a.x.
        _sip._udp.x. IN SRV 10 1 5060 b.x.
        $TTL 300
        _sip._udp.x. IN SRV 20 1 5060 c.x.
        a.x. A 192.0.2.1
        a.x. A 192.0.2.2
        """, "inline");
    List<SrvZone.Srv> r = z.records();
    assertEquals(3600, r.get(0).ttl());
    assertEquals(3600, r.get(1).ttl());   // RFC 1035: an omitted TTL is the last one given
    assertEquals(300, r.get(2).ttl());
    assertEquals(List.of("192.0.2.1:5060", "192.0.2.2:5060"), r.get(0).hostPorts());
    assertEquals("192.0.2.1:5060", r.get(0).hostPort());
  }

  @Test
  void aMultiLineSoaInParenthesesAndAnSrvWithoutClassOrTtlAreRead() {
    // a BIND zone as published (RFC 1035 5.1: parentheses continue a record over lines)
    SrvZone z = SrvZone.parse("""
        $TTL 604800
        @       IN      SOA     ns.example.com. admin.example.com. (
                                1           ; Serial
                           604800           ; Refresh
                            86400 )         ; Retry
        @       IN      NS      ns.example.com.
        _sip._udp       SRV     0       0       5060        sip
        sip     IN      A       192.0.2.10
        """, "example.com.zone");
    List<SrvZone.Srv> r = z.records("_sip._udp");
    assertEquals(1, r.size());
    assertEquals("192.0.2.10:5060", r.get(0).hostPort());
    assertEquals(7, r.get(0).line());
    SrvZoneException open = assertThrows(SrvZoneException.class,
        () -> SrvZone.parse("@ IN SOA a. b. ( 1 2\n_sip._udp SRV 0 0 5060 sip\n", "bad.zone"));
    assertEquals("bad.zone line 1: '(' is never closed", open.getMessage());
  }
}
