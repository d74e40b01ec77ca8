package io.sipaudit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

final class EndpointCacheTest {

  @Test
  void theSameAddressAndPortGiveTheSameInstance() {
    EndpointCache cache = new EndpointCache();
    Endpoint first = cache.get(new byte[] {10, 0, 0, 1}, 5060);
    assertSame(first, cache.get(new byte[] {10, 0, 0, 1}, 5060));
    assertEquals(Endpoint.parse("10.0.0.1:5060"), first);
  }

  @Test
  void otherPortsAndAddressesAreOtherEndpoints() {
    EndpointCache cache = new EndpointCache();
    assertEquals(Endpoint.parse("10.0.0.1:5080"), cache.get(new byte[] {10, 0, 0, 1}, 5080));
    assertEquals(Endpoint.parse("10.0.0.2:5060"), cache.get(new byte[] {10, 0, 0, 2}, 5060));
    byte[] v6 = new byte[16];
    v6[15] = 1;
    assertEquals(Endpoint.parse("[::1]:5060"), cache.get(v6, 5060));
    assertNotEquals(cache.get(new byte[] {0, 0, 0, 1}, 5060), cache.get(v6, 5060));
  }

  @Test
  void theCallersArrayIsNotKept() {
    EndpointCache cache = new EndpointCache();
    byte[] address = {10, 0, 0, 1};
    cache.get(address, 5060);
    address[3] = 9;
    assertEquals(Endpoint.parse("10.0.0.9:5060"), cache.get(address, 5060));
    assertEquals(Endpoint.parse("10.0.0.1:5060"), cache.get(new byte[] {10, 0, 0, 1}, 5060));
  }

  @Test
  void manyMoreEndpointsThanSlotsStayCorrect() {
    EndpointCache cache = new EndpointCache();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < EndpointCache.SLOTS * 3; i++) {
        byte[] a = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
        assertEquals(Endpoint.of(a, 5060 + round), cache.get(a, 5060 + round));
      }
    }
  }
}
