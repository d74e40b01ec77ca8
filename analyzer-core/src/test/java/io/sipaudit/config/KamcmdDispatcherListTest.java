package io.sipaudit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kamcmd dispatcher.list} output, in the layout Kamailio 5.6.3 prints (reference §8), read as a list. */
final class KamcmdDispatcherListTest {

  /** Set 1 holds [.4 (inactive, probing, weight 10), .3, .2 (priority 0)] in array order; set 2 one disabled. */
  private static final String KAMCMD = """
      {
      \tNRSETS: 2
      \tRECORDS: {
      \t\tSET: {
      \t\t\tID: 2
      \t\t\tTARGETS: {
      \t\t\t\tDEST: {
      \t\t\t\t\tURI: sip:10.0.1.1:5060
      \t\t\t\t\tFLAGS: DX
      \t\t\t\t\tPRIORITY: 0
      \t\t\t\t}
      \t\t\t}
      \t\t}
      \t\tSET: {
      \t\t\tID: 1
      \t\t\tTARGETS: {
      \t\t\t\tDEST: {
      \t\t\t\t\tURI: sip:10.0.0.4:5060
      \t\t\t\t\tFLAGS: IP
      \t\t\t\t\tPRIORITY: 5
      \t\t\t\t\tATTRS: {
      \t\t\t\t\t\tBODY: weight=10;duid=four
      \t\t\t\t\t\tDUID: four
      \t\t\t\t\t\tMAXLOAD: 0
      \t\t\t\t\t\tWEIGHT: 10
      \t\t\t\t\t}
      \t\t\t\t}
      \t\t\t\tDEST: {
      \t\t\t\t\tURI: sip:10.0.0.3:5060
      \t\t\t\t\tFLAGS: AP
      \t\t\t\t\tPRIORITY: 5
      \t\t\t\t}
      \t\t\t\tDEST: {
      \t\t\t\t\tURI: sip:10.0.0.2:5060
      \t\t\t\t\tFLAGS: AX
      \t\t\t\t\tPRIORITY: 0
      \t\t\t\t}
      \t\t\t}
      \t\t}
      \t}
      }
      """;

  private static final String JSON = "{\"NRSETS\":1,\"RECORDS\":[{\"SET\":{\"ID\":1,\"TARGETS\":[{\"DEST\":{\"URI\":"
      + "\"sip:10.0.0.4:5060\",\"FLAGS\":\"IP\",\"PRIORITY\":5,\"ATTRS\":{\"BODY\":\"weight=10\",\"DUID\":\"x\"}}},"
      + "{\"DEST\":{\"URI\":\"sip:10.0.0.3:5060\",\"FLAGS\":\"AP\",\"PRIORITY\":5}}]}}]}";

  private static List<String> order(DispatcherList l, int set) {
    return l.set(set).stream().map(Destination::hostPort).toList();
  }

  @Test
  void kamcmdOutputKeepsTheArrayOrderStatesPrioritiesAndAttributes() {
    DispatcherList l = DispatcherList.parse(KAMCMD, "kamcmd.txt");
    assertEquals(List.of("10.0.0.4:5060", "10.0.0.3:5060", "10.0.0.2:5060"), order(l, 1));
    Destination four = l.set(1).get(0);
    assertTrue(four.skippedAtLoad(), "IP: inactive");
    assertEquals(9, four.flags());
    assertEquals(5, four.priority());
    assertEquals("four", four.attr("duid"));
    assertEquals(10, four.percentAttr("weight"));
    assertFalse(l.set(1).get(1).skippedAtLoad(), "AP: active");
    assertTrue(l.set(2).get(0).skippedAtLoad(), "DX: disabled");
  }

  @Test
  void jsonRpcOutputReadsTheSame() {
    DispatcherList l = DispatcherList.parse(JSON, "rpc.json");
    assertEquals(List.of("10.0.0.4:5060", "10.0.0.3:5060"), order(l, 1));
    assertEquals(9, l.set(1).get(0).flags());
    assertEquals(10, l.set(1).get(0).percentAttr("weight"));
  }

  @Test
  void aStateItCannotReadIsNamedWithItsLine() {
    DispatcherListException e = assertThrows(DispatcherListException.class,
        () -> DispatcherList.parse(KAMCMD.replace("FLAGS: AP", "FLAGS: QQ"), "kamcmd.txt"));
    assertTrue(e.getMessage().contains("kamcmd.txt") && e.getMessage().contains("line 30"), e.getMessage());
    assertTrue(e.getMessage().contains("QQ"), e.getMessage());
  }

  /**
   * kamcmd-5.6.3-dispatcher.list.txt is what {@code kamcmd dispatcher.list} printed for Debian's Kamailio 5.6.3
   * started with kamcmd-5.6.3.list (a minimal cfg: tm, sl, ctl, dispatcher; no probing).
   */
  @Test
  void whatARunningKamailioPrintedReadsAsItsOwnListFileDoes() throws Exception {
    String rpc = new String(getClass().getResourceAsStream("/config/kamcmd-5.6.3-dispatcher.list.txt").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    String file = new String(getClass().getResourceAsStream("/config/kamcmd-5.6.3.list").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    DispatcherList fromRpc = DispatcherList.parse(rpc, "kamcmd");
    DispatcherList fromFile = DispatcherList.parse(file, "list");
    assertEquals(fromFile.setIds(), fromRpc.setIds());
    for (int set : fromFile.setIds()) {
      assertEquals(order(fromFile, set), order(fromRpc, set), "set " + set + ": the array order Kamailio printed");
      for (int i = 0; i < fromFile.set(set).size(); i++) {
        Destination a = fromFile.set(set).get(i);
        Destination b = fromRpc.set(set).get(i);
        assertEquals(a.flags(), b.flags(), a.uri());
        assertEquals(a.priority(), b.priority(), a.uri());
        assertEquals(a.attr("weight"), b.attr("weight"), a.uri());
        assertEquals(a.attr("duid"), b.attr("duid"), a.uri());
      }
    }
  }

  @Test
  void anOrdinaryListFileIsNotTakenForRpcOutput() {
    assertFalse(KamcmdDispatcherList.looksLike("1 sip:10.0.0.1:5060 0 0\n"));
    assertTrue(KamcmdDispatcherList.looksLike(KAMCMD));
  }
}
