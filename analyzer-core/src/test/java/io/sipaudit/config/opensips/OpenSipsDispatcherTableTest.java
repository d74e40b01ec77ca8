package io.sipaudit.config.opensips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class OpenSipsDispatcherTableTest {

  private static List<String> uris(List<OpenSipsDestination> set) {
    return set.stream().map(OpenSipsDestination::uri).toList();
  }

  @Test
  void aSetIsOrderedByDescendingPriorityWithTiesInRowOrder() {
    // reference A1.1: rows (a,p0), (b,p10), (c,p5), (d,p10) give the array [b, d, c, a]
    OpenSipsDispatcherTable t = OpenSipsDispatcherTable.parse("""
        setid,destination,priority
        1,sip:a,0
        1,sip:b,10
        1,sip:c,5
        1,sip:d,10
        """, "ds.csv");
    assertEquals(List.of("sip:b", "sip:d", "sip:c", "sip:a"), uris(t.set(1)));
  }

  @Test
  void aCsvWithoutHeaderIsReadInTheTablesColumnOrder() {
    OpenSipsDispatcherTable t = OpenSipsDispatcherTable.parse("""
        1,2,sip:10.0.0.1:5060,,0,0,3,0,,pbx one
        2,2,sip:10.0.0.2:5060,udp:10.0.0.254:5060,2,1,1,0,"duid=b;x=\"\"y\"\"",
        3,7,sip:10.0.0.3:5060,NULL,1,0,\\N,0,,
        """, "ds.csv");
    assertEquals(List.of(2, 7), t.setIds());
    OpenSipsDestination a = t.set(2).get(0);
    assertEquals(3, a.weight());
    assertEquals("pbx one", a.description());
    assertNull(a.socket());
    OpenSipsDestination b = t.set(2).get(1);
    assertEquals(OpenSipsDestination.PROBING, b.state());
    assertEquals(1, b.probeMode());
    assertEquals("udp:10.0.0.254:5060", b.socket());
    assertEquals("duid=b;x=\"y\"", b.attrs());
    assertEquals(2, b.line());
    OpenSipsDestination c = t.set(7).get(0);
    assertEquals(1, c.weight(), "a NULL weight is the default 1");
    assertEquals(OpenSipsDestination.INACTIVE, c.state());
  }

  @Test
  void tabSeparatedMysqlOutputWithItsHeaderIsRead() {
    OpenSipsDispatcherTable t = OpenSipsDispatcherTable.parse(
        "id\tsetid\tdestination\tsocket\tstate\tprobe_mode\tweight\tpriority\tattrs\tdescription\n"
            + "1\t1\tsip:10.0.0.1\tNULL\t0\t0\t5\t0\tNULL\tNULL\n", "ds.tsv");
    assertEquals(5, t.set(1).get(0).weight());
    assertEquals("10.0.0.1:5060", t.set(1).get(0).hostPort());
  }

  @Test
  void anSqlDumpGivesTheDispatcherRowsAndSkipsEverythingElse() {
    OpenSipsDispatcherTable t = OpenSipsDispatcherTable.parse("""
        -- MySQL dump 10.13
        /*!40101 SET NAMES utf8 */;
        CREATE TABLE `dispatcher` (`id` int(10) unsigned NOT NULL AUTO_INCREMENT, ...);
        INSERT INTO `load_balancer` VALUES (1,1,'sip:10.9.9.9','pstn=1',0,NULL,NULL);
        LOCK TABLES `dispatcher` WRITE;
        INSERT INTO `dispatcher` VALUES (1,1,'sip:10.0.0.1:5060',NULL,0,0,'1',0,'',''),
          (2,1,'sip:10.0.0.2:5060',NULL,0,0,'4',0,'it''s;b=\\'x\\'','second');
        INSERT INTO opensips.dispatcher (setid, destination, weight, priority)
        VALUES (3, 'sip:10.0.0.3', 2, 5);
        """, "dump.sql");
    assertEquals(List.of(1, 3), t.setIds());
    assertEquals(List.of("sip:10.0.0.1:5060", "sip:10.0.0.2:5060"), uris(t.set(1)));
    assertEquals(4, t.set(1).get(1).weight());
    assertEquals("it's;b='x'", t.set(1).get(1).attrs());
    assertEquals(7, t.set(1).get(1).line(), "the line the tuple starts on");
    assertEquals(9, t.set(3).get(0).line());
  }

  @Test
  void aPostgresSeedWithOnConflictDoNothingGivesItsRows() {
    // a docker seed script (TSiSIP db/init/03-seed-data.sql): a multi-row INSERT ending in ON CONFLICT DO NOTHING
    OpenSipsDispatcherTable t = OpenSipsDispatcherTable.parse("""
        INSERT INTO dispatcher (setid, destination, state, weight, priority, description) VALUES
          (1, 'sip:10.0.0.1:5060', 0, '1', 0, 'asterisk; one'),
          (1, 'sip:10.0.0.2:5060', 0, '1', 0, 'asterisk two')
        ON CONFLICT DO NOTHING;
        INSERT INTO dispatcher (setid, destination) VALUES (2, 'sip:10.0.0.3') ON CONFLICT (id) DO UPDATE SET x = ';';
        """, "seed.sql");
    assertEquals(List.of(1, 2), t.setIds());
    assertEquals(List.of("sip:10.0.0.1:5060", "sip:10.0.0.2:5060"), uris(t.set(1)));
    assertEquals(5, t.set(2).get(0).line(), "the second INSERT is on line 5");
  }

  @Test
  void theMiDsListJsonKeepsTheBalancersArrayAndStates() {
    OpenSipsDispatcherTable t = OpenSipsDispatcherTable.parse("""
        {
          "PARTITIONS": [{"name": "default", "SETS": [{"id": 1, "Destinations": [
            {"URI": "sip:10.0.0.2:5060", "state": "Active", "first_hit_counter": 10, "weight": 2, "priority": 5},
            {"URI": "sip:10.0.0.1:5060", "state": "Probing", "first_hit_counter": 0, "weight": 1, "priority": 0,
             "resolved_addresses": ["10.0.0.1:5060"]},
            {"URI": "sip:10.0.0.3:5060", "state": "Inactive", "first_hit_counter": 3, "weight": 1, "priority": 0}
          ]}]}]
        }
        """, "ds_list.json");
    assertEquals(List.of("sip:10.0.0.2:5060", "sip:10.0.0.1:5060", "sip:10.0.0.3:5060"), uris(t.set(1)));
    assertEquals(List.of(0, 2, 1), t.set(1).stream().map(OpenSipsDestination::state).toList());
    assertEquals(2, t.set(1).get(0).weight());
    assertEquals(4, t.set(1).get(1).line());
  }

  @Test
  void badRowsFailNamingTheFileAndLine() {
    String header = "setid,destination,weight,state\n";
    assertMessage("ds.csv line 3: weight 'x' is not an integer", header + "1,sip:a,1,0\n1,sip:b,x,0\n");
    assertMessage("ds.csv line 2: state 4 (expected: 0 active, 1 inactive, 2 probing)", header + "1,sip:a,1,4\n");
    assertMessage("ds.csv line 2: 3 fields, expected 4 as in the header row", header + "1,sip:a,1\n");
    assertMessage("ds.csv line 2: destination 'a.example' is not a sip: or sips: URI", header + "1,a.example,1,0\n");
    assertMessage("ds.csv line 2: weight -2 (expected: 0 or more)", header + "1,sip:a,-2,0\n");
    assertMessage("ds.csv line 2: a quoted field is not closed", header + "1,\"sip:a,1,0\n");
    assertMessage("ds.csv line 1: 4 fields, expected 10 (without a header row the columns are id,setid,destination,"
        + "socket,state,probe_mode,weight,priority,attrs,description)", "1,1,sip:a,1\n");
    assertMessage("ds.csv line 2: weight 'fs://10.0.0.9' is fetched from FreeSWITCH at run time"
        + " (fetch_freeswitch_stats); give the integer weights it had", header + "1,sip:a,fs://10.0.0.9,0\n");
    assertMessage("dump.sql line 3: 3 values for 2 columns (setid,destination)",
        "INSERT INTO dispatcher (setid, destination) VALUES\n(1, 'sip:a'),\n(1, 'sip:b', 3);", "dump.sql");
    assertMessage("dump.sql line 1: a quoted string is not closed",
        "INSERT INTO dispatcher (setid, destination) VALUES (1, 'sip:a);\n", "dump.sql");
    assertMessage("ds.csv line 1: no dispatcher rows", "# nothing\n");
  }

  private static void assertMessage(String expected, String text) {
    assertMessage(expected, text, "ds.csv");
  }

  private static void assertMessage(String expected, String text, String source) {
    OpenSipsTableException e = assertThrows(OpenSipsTableException.class,
        () -> OpenSipsDispatcherTable.parse(text, source));
    assertEquals(expected, e.getMessage());
    assertTrue(e instanceof io.sipaudit.MalformedInputException);
  }
}
