package io.sipaudit.config.opensips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.config.KamailioCfg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class OpenSipsSetupTest {

  @Test
  void anOpensipsCfgGivesTheModuleParametersSelectionsAndMarks() {
    OpenSipsSetup s = OpenSipsSetup.of(KamailioCfg.parse("""
        socket=udp:127.0.0.1:5060
        loadmodule "tm.so"
        loadmodule "dispatcher.so"
        modparam("tm", "fr_timeout", 2)
        modparam("dispatcher", "ds_probing_threshhold", 2)
        modparam("dispatcher", "ds_probing_mode", 1)
        route {
            if (!ds_select_dst(1, 4, "fd")) { send_reply(503, "Service Unavailable"); exit; }
            if (!lb_start(2, "pstn;transc", "r")) { exit; }
            t_on_failure("DS_FAIL");
            t_relay();
        }
        failure_route[DS_FAIL] {
            ds_mark_dst("p");
            if (ds_next_dst()) { t_relay(); exit; }
        }
        """, "opensips.cfg", Map.of()));
    assertEquals(2, s.probingThreshold(), "the old spelling is accepted");
    assertEquals(1, s.probingMode());
    assertEquals(2, s.frTimeoutSeconds());
    assertEquals(List.of(new OpenSipsSetup.DsSelect(1, 4, "fd", 1000, 8)), s.selections());
    assertEquals('p', s.markState());
    assertEquals(List.of(new OpenSipsSetup.LbStart(2, "pstn;transc", "r", 9)), s.lbStarts());
    assertFalse(s.lbDisables());
  }

  @Test
  void withoutParametersOpensipsDefaultsApply() {
    OpenSipsSetup s = OpenSipsSetup.of(KamailioCfg.parse("""
        loadmodule "dispatcher.so"
        route { ds_select_dst(3, 0); }
        failure_route[F] { ds_mark_dst(); lb_disable_dst(); }
        """, "opensips.cfg", Map.of()));
    assertEquals(3, s.probingThreshold());
    assertEquals(0, s.probingMode());
    assertEquals(5, s.frTimeoutSeconds());
    assertEquals('i', s.markState(), "ds_mark_dst() marks inactive");
    assertTrue(s.lbDisables());
    assertEquals("", s.selections().get(0).flags());
  }
}
