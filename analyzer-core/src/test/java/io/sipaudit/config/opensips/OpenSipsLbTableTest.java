package io.sipaudit.config.opensips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class OpenSipsLbTableTest {

  @Test
  void aCsvGivesEachGroupInRowOrderWithItsResources() {
    OpenSipsLbTable t = OpenSipsLbTable.parse("""
        id,group_id,dst_uri,resources,probe_mode,attrs,description
        1,1,sip:10.0.0.2:5060,"pstn=32;transc=10",1,,gw2
        2,1,sip:10.0.0.1:5060,pstn = 16 ; vm=5 ;,2,,gw1
        3,2,sip:10.0.1.1,vm=4,0,,
        """, "lb.csv");
    assertEquals(List.of(1, 2), t.groupIds());
    LbDestination first = t.group(1).get(0);
    assertEquals("10.0.0.2:5060", first.hostPort());
    assertEquals(Map.of("pstn", 32, "transc", 10), first.resources());
    assertEquals(List.of("pstn", "transc"), List.copyOf(first.resources().keySet()));
    assertEquals(1, first.probeMode());
    assertEquals(Map.of("pstn", 16, "vm", 5), t.group(1).get(1).resources());
    assertEquals(3, t.group(1).get(1).line());
  }

  @Test
  void anSqlDumpAndAHeaderlessCsvReadTheSame() {
    OpenSipsLbTable sql = OpenSipsLbTable.parse("""
        INSERT INTO load_balancer (id,group_id,dst_uri,resources,probe_mode,attrs,description) VALUES
        (1,1,'sip:10.0.0.1','pstn=32',0,NULL,NULL),(2,1,'sip:10.0.0.2','pstn=16',0,NULL,NULL);
        """, "lb.sql");
    OpenSipsLbTable csv = OpenSipsLbTable.parse("""
        1,1,sip:10.0.0.1,pstn=32,0,,
        2,1,sip:10.0.0.2,pstn=16,0,,
        """, "lb.csv");
    assertEquals(csv.group(1).stream().map(LbDestination::resources).toList(),
        sql.group(1).stream().map(LbDestination::resources).toList());
    assertEquals(List.of(2, 2), sql.group(1).stream().map(LbDestination::line).toList());
  }

  @Test
  void badResourcesFailNamingTheFileAndLine() {
    String header = "group_id,dst_uri,resources\n";
    assertMessage("lb.csv line 3: resource pstn's maximum 'many' is not a number >= 0",
        header + "1,sip:a,pstn=1\n1,sip:b,pstn=many\n");
    assertMessage("lb.csv line 2: resource 'pstn' in 'pstn' (expected: name=max, e.g. pstn=32)",
        header + "1,sip:a,pstn\n");
    assertMessage("lb.csv line 2: no resources", header + "1,sip:a,\n");
    assertMessage("lb.csv line 2: resource pstn given twice in 'pstn=1;pstn=2'", header + "1,sip:a,pstn=1;pstn=2\n");
    assertMessage("lb.csv line 2: probe_mode 3 (expected: 0, 1 or 2)",
        "group_id,dst_uri,resources,probe_mode\n1,sip:a,pstn=1,3\n");
    assertMessage("lb.csv line 1: the header row has no dst_uri column (columns: group_id,uri,resources)",
        "group_id,uri,resources\n1,sip:a,pstn=1\n");
  }

  private static void assertMessage(String expected, String text) {
    OpenSipsTableException e = assertThrows(OpenSipsTableException.class, () -> OpenSipsLbTable.parse(text, "lb.csv"));
    assertEquals(expected, e.getMessage());
  }
}
