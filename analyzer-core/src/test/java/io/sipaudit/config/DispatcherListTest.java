package io.sipaudit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class DispatcherListTest {

  @Test
  void equalPrioritiesAreIndexedInReverseFileOrder() {
    DispatcherList l = DispatcherList.parse("1 sip:10.0.0.1\n1 sip:10.0.0.2\n1 10.0.0.3:5070\n", "t");
    assertEquals(List.of("10.0.0.3:5070", "10.0.0.2:5060", "10.0.0.1:5060"),
        l.set(1).stream().map(Destination::hostPort).toList());
    assertEquals("sip:10.0.0.3:5070", l.set(1).get(0).uri(), "sip: is added as Kamailio does");
  }

  @Test
  void higherPriorityComesFirstThenReverseFileOrder() {
    // the reference's example: .1 p5, .2 p10, .3 p5, .4 p1, .5 p10 -> .5 .2 .3 .1 .4
    DispatcherList l = DispatcherList.parse("""
        # comment
        2 sip:10.0.0.1 0 5
        2 sip:10.0.0.2 0 10
        2 sip:10.0.0.3 0 5
        2 sip:10.0.0.4 0 1
        2 sip:10.0.0.5 0 10
        """, "t");
    assertEquals(List.of("10.0.0.5:5060", "10.0.0.2:5060", "10.0.0.3:5060", "10.0.0.1:5060", "10.0.0.4:5060"),
        l.set(2).stream().map(Destination::hostPort).toList());
  }

  @Test
  void attributesAreCaseInsensitiveAndWeightsOutOfRangeCountAsZero() {
    DispatcherList l = DispatcherList.parse("3 sip:10.0.0.1 0 0 Weight=50;duid=pbx1;rweight=200;\n", "t");
    Destination d = l.set(3).get(0);
    assertEquals(50, d.percentAttr("weight"));
    assertEquals(0, d.percentAttr("rweight"));
    assertEquals("pbx1", d.attr("duid"));
  }

  @Test
  void negativePriorityIsNotAPriorityAndBecomesTheAttrs() {
    Destination d = DispatcherList.parse("1 sip:x.example 0 -5 weight=10\n", "t").set(1).get(0);
    assertEquals(0, d.priority());
    assertTrue(d.attrs().isEmpty(), "'-5' is read as the attrs and holds no name=value: " + d.attrs());
  }

  @Test
  void wrongColumnOrderIsExplained() {
    DispatcherListException e = assertThrows(DispatcherListException.class,
        () -> DispatcherList.parse("1 sip:10.0.0.1\n1 0 5 weight=5 sip:10.0.0.2\n", "dispatcher.list"));
    assertTrue(e.getMessage().startsWith("dispatcher.list line 2:"), e.getMessage());
    assertTrue(e.getMessage().contains("'setid flags priority attrs destination'"), e.getMessage());
  }

  @Test
  void nonNumericSetIdNamesTheLine() {
    DispatcherListException e = assertThrows(DispatcherListException.class,
        () -> DispatcherList.parse("\n\nx sip:10.0.0.1\n", "d.list"));
    assertTrue(e.getMessage().startsWith("d.list line 3:"), e.getMessage());
  }
}
