package io.sipaudit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

final class ByteSizeTest {

  @Test
  void sizesAreReadInBinaryUnitsWithOrWithoutB() {
    assertEquals(209_715_200L, ByteSize.parse("200MB"));
    assertEquals(209_715_200L, ByteSize.parse("200m"));
    assertEquals(209_715_200L, ByteSize.parse("200 MiB"));
    assertEquals(1L << 30, ByteSize.parse("1G"));
    assertEquals(512L * 1024, ByteSize.parse("512k"));
    assertEquals(4096L, ByteSize.parse("4096"));
    assertEquals(17L, ByteSize.parse("17B"));
  }

  @Test
  void anythingElseIsRefusedNamingTheForms() {
    for (String bad : new String[] {"lots", "-1MB", "1.5G", "10X", "", "99999999999999T"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad), bad);
      assertEquals(true, e.getMessage().startsWith("'" + bad + "' is"), e.getMessage());
    }
  }

  @Test
  void formatUsesTheLargestUnitThatDividesTheSize() {
    assertEquals("200 MB", ByteSize.format(200L << 20));
    assertEquals("1536 kB", ByteSize.format(1536L * 1024));
    assertEquals("1 GB", ByteSize.format(1L << 30));
    assertEquals("17 bytes", ByteSize.format(17));
    assertEquals("0 bytes", ByteSize.format(0));
  }
}
