package io.sipaudit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.config.DispatcherSetup.Selection;
import io.sipaudit.testing.Repo;
import io.sipaudit.truth.ScenarioEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

final class KamailioCfgTest {

  /** What each lab balancer.cfg says, read by hand from samples/NAME/balancer.cfg and scenario.env. */
  private record Expected(int setId, int algorithm, int pingInterval, boolean failover, int frTimer) {
  }

  private static final Map<String, Expected> DISPATCHER_SAMPLES = Map.ofEntries(
      Map.entry("all-down-alg4", new Expected(5, 4, 1, true, 1000)),
      Map.entry("hash-callid-alg0", new Expected(1, 0, 5, false, 2000)),
      Map.entry("hash-from-alg1", new Expected(3, 1, 0, false, 2000)),
      Map.entry("hash-ruri-alg3", new Expected(1, 3, 3, false, 2000)),
      Map.entry("hash-to-alg2", new Expected(1, 2, 0, false, 2000)),
      Map.entry("netns-frag-alg4", new Expected(1, 4, 2, false, 2000)),
      Map.entry("priority-alg8-failover", new Expected(2, 8, 1, true, 1500)),
      Map.entry("priority-alg8-nofailover", new Expected(2, 8, 2, false, 1500)),
      Map.entry("probe-503-alg4", new Expected(1, 4, 2, false, 2000)),
      Map.entry("probe-mode0-alg4", new Expected(1, 4, 1, false, 2000)),
      Map.entry("probes-paused-alg4", new Expected(1, 4, 1, false, 2000)),
      Map.entry("rr-alg4", new Expected(1, 4, 2, false, 2000)),
      Map.entry("rr-alg4-kill", new Expected(1, 4, 2, true, 1000)),
      Map.entry("rweight-alg11", new Expected(1, 11, 2, false, 2000)),
      Map.entry("tcp-rr-alg4", new Expected(1, 4, 2, false, 2000)),
      Map.entry("weight-alg9", new Expected(4, 9, 0, false, 2000)),
      Map.entry("weights-ignored-alg4", new Expected(1, 4, 2, false, 2000)));

  @Test
  void everyLabBalancerCfgParsesWithTheDefinesTheLabPasses() throws IOException {
    List<Path> dirs = labSamples();
    assertTrue(dirs.size() >= 15, "lab samples with a balancer.cfg: " + dirs);
    for (Path dir : dirs) {
      Map<String, String> env = ScenarioEnv.parse(Files.readString(dir.resolve("scenario.env")));
      KamailioCfg cfg = KamailioCfg.read(dir.resolve("balancer.cfg"), labDefines(dir.getFileName().toString(), env));
      DispatcherSetup ds = cfg.dispatcherSetup();
      boolean srv = "srv".equals(env.get("MODE"));
      boolean redispatch = "dispatch".equals(env.get("IN_DIALOG"));   // in-dialog requests selected again
      assertEquals(!srv, ds.loaded(), dir + ": dispatcher loaded");
      assertEquals(srv ? 0 : redispatch ? 2 : 1, ds.selections().size(), dir + ": " + ds.selections());
      assertEquals(List.of(), cfg.includes(), dir.toString());
      assertEquals(List.of(), cfg.notes(), dir + ": every statement understood");
      assertEquals(env.get("HASH_PVAR"), ds.hashPvar(), dir + ": hash_pvar");
      List<String> routes = new ArrayList<>(List.of("request_route", "route[DISPATCH]", "route[RELAY]",
          "onreply_route[FINAL]", "failure_route[FAILOVER]", "onsend_route"));
      if (redispatch) {
        routes.add(2, "route[REDISPATCH]");
      }
      assertEquals(routes, cfg.routes().stream().map(RouteBlock::label).toList(), dir.toString());
      if (!srv) {
        assertEquals(Integer.valueOf(env.getOrDefault("ALG", "4")), ds.selections().get(0).algorithm(), dir.toString());
      }
    }
  }

  @Test
  void dispatcherSamplesShowTheirSetAlgorithmPingIntervalAndFailover() throws IOException {
    for (Map.Entry<String, Expected> e : DISPATCHER_SAMPLES.entrySet()) {
      String name = e.getKey();
      Expected x = e.getValue();
      DispatcherSetup ds = sample(name).dispatcherSetup();
      Selection s = ds.selections().get(0);
      assertEquals("ds_select_dst", s.function(), name);
      assertEquals("route[DISPATCH]", s.route(), name);
      assertEquals(x.setId(), s.setId(), name);
      assertEquals(x.algorithm(), s.algorithm(), name);
      assertEquals(x.pingInterval(), ds.pingInterval(), name);
      assertEquals(x.frTimer(), ds.frTimer(), name);
      assertEquals(30000, ds.frInvTimer(), name + ": the lab passes FR_INV_TIMER=30000");
      assertEquals(x.failover() ? List.of("FAILOVER") : List.of(), ds.failoverRoutes(), name);
      assertEquals(x.failover(), ds.marksDestinations(), name + ": ds_mark_dst(\"ip\") comes with the failover");
      assertEquals(x.failover() ? Integer.valueOf(1 | 8) : null, ds.markState(), name + ": \"ip\" = inactive + probing");
      assertEquals(x.failover() ? 2 : 0, ds.flags(), name + ": DSFLAGS");
      assertEquals("class=2", ds.pingReplyCodes(), name);
      assertEquals("samples/" + name + "/dispatcher.list", ds.listFile(), name);
      assertFalse(ds.dnsSrvLb(), name);
      assertFalse(ds.useDnsFailover(), name);
    }
  }

  @Test
  void rrAlg4KillReadsItsThresholdsAndFailureRouteCalls() throws IOException {
    KamailioCfg cfg = sample("rr-alg4-kill");
    DispatcherSetup ds = cfg.dispatcherSetup();
    assertEquals(2, ds.probingThreshold());
    assertEquals(2, ds.inactiveThreshold());
    assertEquals(1, ds.probingMode());
    assertEquals("OPTIONS", ds.pingMethod(), "not set in the file: Kamailio's default");
    RouteBlock failure = cfg.route(RouteBlock.Kind.FAILURE, "FAILOVER");
    assertEquals(117, failure.line());
    assertEquals(List.of("t_is_canceled", "xlog", "t_check_status", "t_branch_timeout", "ds_mark_dst", "ds_next_dst",
        "xlog", "t_on_failure", "t_on_reply", "route", "xlog"), failure.calls().stream().map(FunctionCall::name).toList());
    FunctionCall mark = failure.calls("ds_mark_dst").get(0);
    assertEquals("ip", mark.literal(0));
    assertEquals(123, mark.line());
    assertEquals("ds_select_dst(1, 4)", cfg.calls("ds_select_dst").get(0).toString(), "defines substituted");
    assertEquals(List.of("tm", "tmx", "sl"), cfg.loadedModules().subList(2, 5));
    assertEquals("4", cfg.coreParam("children"));
  }

  @Test
  void srvSamplesReadDnsSrvLbFromTheDefineAndHaveNoDispatcher() throws IOException {
    DispatcherSetup lb0 = sample("srv-failover-lb0").dispatcherSetup();
    DispatcherSetup lb1 = sample("srv-weighted-lb1").dispatcherSetup();
    assertFalse(lb0.dnsSrvLb());
    assertTrue(lb1.dnsSrvLb());
    assertTrue(lb0.useDnsFailover() && lb1.useDnsFailover());
    assertEquals(1500, lb0.frTimer());
    assertEquals(2000, lb1.frTimer());
    assertFalse(lb0.failover(), "the failure route only logs");
    assertEquals(0, lb0.pingInterval(), "no dispatcher modparams: Kamailio's default");
    assertEquals("/etc/kamailio/dispatcher.list", lb0.listFile());
  }

  @Test
  void definesAndNestedIfdefsChooseTheActiveBranch() {
    String cfg = """
        #!KAMAILIO
        #!define WITH_A
        #!ifdef WITH_A
        #!ifndef WITH_B
        #!define LIST "/a-not-b"
        #!else
        #!define LIST "/a-and-b"
        #!endif
        children=8
        #!else
        children=2
        #!define LIST "/not-a"
        #!endif
        #!trydef FR 3000
        !!redefine FR 4000
        loadmodule "/usr/lib/kamailio/modules/dispatcher.so"
        #!ifdef MOD_dispatcher
        modparam("dispatcher", "list_file", LIST)
        #!endif
        modparam("tm", "fr_timer", FR)
        """;
    KamailioCfg plain = KamailioCfg.parse(cfg, "t.cfg", Map.of());
    assertEquals("/a-not-b", plain.modparam("dispatcher", "list_file"));
    assertEquals(8, plain.intCoreParam("children", 0));
    assertEquals(4000, plain.intModparam("tm", "fr_timer", 0), "#!redefine replaces #!trydef's value");
    assertEquals(List.of("dispatcher"), plain.loadedModules());
    KamailioCfg withB = KamailioCfg.parse(cfg, "t.cfg", KamailioCfg.defines("WITH_B", "FR=1000"));
    assertEquals("/a-and-b", withB.modparam("dispatcher", "list_file"));
    assertEquals(4000, withB.intModparam("tm", "fr_timer", 0), "#!trydef keeps -A FR=1000, #!redefine overrides");
  }

  @Test
  void callerDefinesAreSubstitutedInCoreParamsAndModparams() {
    KamailioCfg cfg = KamailioCfg.parse("""
        dns_srv_lb=DNS_SRV_LB
        use_dns_failover=on
        modparam("tm", "fr_timer", FR_TIMER)
        modparam("dispatcher", "list_file", DSLIST)
        """, "t.cfg", KamailioCfg.defines("DNS_SRV_LB=1", "FR_TIMER=1500", "DSLIST=\"/etc/ds.list\""));
    DispatcherSetup ds = cfg.dispatcherSetup();
    assertTrue(ds.dnsSrvLb());
    assertTrue(ds.useDnsFailover());
    assertEquals(1500, ds.frTimer());
    assertEquals(120000, ds.frInvTimer(), "tm default");
    assertEquals("/etc/ds.list", ds.listFile());
  }

  @Test
  void aDefineGivenTwiceFailsButTrydefDoesNot() {
    KamailioCfgException e = assertThrows(KamailioCfgException.class,
        () -> KamailioCfg.parse("\n#!define ALG 4\n", "t.cfg", KamailioCfg.defines("ALG=9")));
    assertTrue(e.getMessage().startsWith("t.cfg line 2: #!define ALG: already defined by the caller"), e.getMessage());
    KamailioCfg ok = KamailioCfg.parse("#!trydef ALG 4\n", "t.cfg", KamailioCfg.defines("ALG=9"));
    assertEquals("9", ok.defines().get("ALG"));
  }

  @Test
  void commentsAndStringsWithBracesOrQuotesDoNotOpenBlocks() {
    KamailioCfg cfg = KamailioCfg.parse("""
        # a comment with a { brace
        request_route { // and one } here
          /* a block comment {
             over two lines } */
          xlog("L_INFO", "a { and an escaped \\" quote }\\n");
          if ($(ru{s.len}) > 3) { ds_select_dst("1", '4'); }   # } in a comment
        }
        failure_route["F"] { ds_next_dst(); }
        """, "t.cfg", Map.of());
    assertEquals(List.of("request_route", "failure_route[F]"), cfg.routes().stream().map(RouteBlock::label).toList());
    RouteBlock main = cfg.route(RouteBlock.Kind.REQUEST, null);
    assertEquals(List.of("xlog", "ds_select_dst"), main.calls().stream().map(FunctionCall::name).toList());
    assertEquals("\"a { and an escaped \\\" quote }\\n\"", main.calls().get(0).args().get(1));
    assertEquals("4", main.calls().get(1).literal(1));
    assertEquals(8, cfg.route(RouteBlock.Kind.FAILURE, "F").line());
  }

  @Test
  void aMissingClosingBraceIsReportedWhereTheNextBlockStarts() {
    KamailioCfgException e = assertThrows(KamailioCfgException.class, () -> KamailioCfg.parse("""
        request_route {
          if (is_method("INVITE")) {
            route(DISPATCH);
        }

        route[DISPATCH] {
          ds_select_dst("1", "4");
        }
        """, "bad.cfg", Map.of()));
    assertTrue(e.getMessage().startsWith("bad.cfg line 6: route starts inside request_route (opened at line 1)"),
        e.getMessage());
  }

  @Test
  void aStrayClosingBraceNamesItsLine() {
    KamailioCfgException e = assertThrows(KamailioCfgException.class,
        () -> KamailioCfg.parse("request_route {\n  t_relay();\n}\n}\n", "bad.cfg", Map.of()));
    assertTrue(e.getMessage().startsWith("bad.cfg line 4: '}' without a matching '{'"), e.getMessage());
  }

  @Test
  void aBlockLeftOpenAtTheEndNamesItsOpeningLine() {
    KamailioCfgException e = assertThrows(KamailioCfgException.class,
        () -> KamailioCfg.parse("children=4\n\nrequest_route {\n  if (a) {\n  }\n", "bad.cfg", Map.of()));
    assertEquals("bad.cfg line 3: '{' of request_route is never closed", e.getMessage());
  }

  @Test
  void anUnterminatedStringNamesTheLineItStartsOn() {
    KamailioCfgException e = assertThrows(KamailioCfgException.class, () -> KamailioCfg.parse(
        "children=4\nloadmodule \"tm.so\"\nmodparam(\"tm\", \"fr_timer, 2000)\nchildren=8\n", "bad.cfg", Map.of()));
    assertTrue(e.getMessage().startsWith("bad.cfg line 3: unterminated string"), e.getMessage());
  }

  @Test
  void aMissingEndifNamesTheIfdefLine() {
    KamailioCfgException e = assertThrows(KamailioCfgException.class, () -> KamailioCfg.parse(
        "#!ifdef A\n#!ifndef B\nchildren=4\n#!endif\n", "bad.cfg", Map.of()));
    assertEquals("bad.cfg line 1: #!ifdef A has no matching #!endif", e.getMessage());
  }

  @Test
  void aModparamWithAnIntegerValueIsReadAndAStringOneIsNotAnInteger() {
    KamailioCfg cfg = KamailioCfg.parse("""
        modparam("tm", "fr_timer", 5000)
        modparam("dispatcher", "ds_ping_method", "INFO")
        modparam("dispatcher", "flags", "2")
        modparam("dispatcher|tm", "some_param", 0x10)
        """, "t.cfg", Map.of());
    assertTrue(cfg.modparams().get(0).integer());
    assertEquals(5000, cfg.intModparam("tm", "fr_timer", 0));
    assertFalse(cfg.modparams().get(1).integer());
    assertEquals("INFO", cfg.modparam("dispatcher", "ds_ping_method"));
    assertEquals(2, cfg.intModparam("dispatcher", "flags", 0), "a quoted number still reads as an integer");
    assertEquals(16, cfg.intModparam("tm", "some_param", 0), "the module part is a regex");
    assertEquals("dispatcher|tm", cfg.modparams().get(3).module());
    assertNull(cfg.modparam("tmx", "some_param"), "the regex must match the whole module name");
    KamailioCfgException e = assertThrows(KamailioCfgException.class,
        () -> cfg.intModparam("dispatcher", "ds_ping_method", 0));
    assertEquals("t.cfg line 2: dispatcher ds_ping_method is 'INFO', not an integer", e.getMessage());
  }

  @Test
  void adjacentStringsAndYesOrOffInAModparamAreReadAsInTheStockKamailioCfg() {
    // kamailio.cfg as Kamailio ships it, lines 407-409: the acc module's log_extra over two strings
    KamailioCfg cfg = KamailioCfg.parse("""
        modparam("acc", "log_extra",
        	"src_user=$fU;src_domain=$fd;src_ip=$si;"
        	"dst_ouser=$tU;dst_user=$rU;dst_domain=$rd")
        modparam("dispatcher", "ds_ping_interval", 10)
        modparam("auth_db", "calculate_ha1", yes)
        modparam("dispatcher", "force_dst", off)
        """, "kamailio.cfg", Map.of());

    assertEquals("src_user=$fU;src_domain=$fd;src_ip=$si;dst_ouser=$tU;dst_user=$rU;dst_domain=$rd",
        cfg.modparam("acc", "log_extra"));
    assertEquals("10", cfg.modparam("dispatcher", "ds_ping_interval"));
    assertEquals("1", cfg.modparam("auth_db", "calculate_ha1"), "cfg.lex reads yes as 1");
    assertEquals("0", cfg.modparam("dispatcher", "force_dst"), "and off as 0");
    assertThrows(KamailioCfgException.class,
        () -> KamailioCfg.parse("modparam(\"auth_db\", \"calculate_ha1\", YES)\n", "t.cfg", Map.of()),
        "upper case is an undefined name, as in Kamailio");
  }

  @Test
  void includedFilesAreReadInPlaceOnlyFromTheConfigurationsDirectoryAndNamedInErrors(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    // as in a k8s SIP proxy's config: definitions in an included file switch the dispatcher block on
    Files.writeString(etc.resolve("definitions.cfg"), "#!define WITH_DISPATCHER\nmodparam(\"tm\", \"fr_timer\", 3000)\n");
    Files.createDirectories(etc.resolve("conf.d"));
    Files.writeString(etc.resolve("conf.d/bad.cfg"), "\nmodparam(\"dispatcher\", \"ds_ping_interval\", \"often\")\n");
    Path main = Files.writeString(etc.resolve("kamailio.cfg"), """
        include_file "definitions.cfg"
        import_file "kamailio-local.cfg"
        #!ifdef WITH_DISPATCHER
        modparam("dispatcher", "hash_pvar", "$fU@$ci")
        #!endif
        modparam("dispatcher", "ds_probing_mode", 1)
        """);

    KamailioCfg cfg = KamailioCfg.read(main, Map.of());

    assertEquals("$fU@$ci", cfg.modparam("dispatcher", "hash_pvar"));
    assertEquals(3000, cfg.intModparam("tm", "fr_timer", 0));
    assertEquals(1, cfg.intModparam("dispatcher", "ds_probing_mode", 0));
    assertEquals("line 6", cfg.where(cfg.modparams().get(2).line()), "line 6 of the main file, after 2 included");
    assertTrue(cfg.notes().get(0).startsWith("line 2: import_file \"kamailio-local.cfg\" not found"),
        cfg.notes().toString());

    Files.writeString(main, "include_file \"conf.d/bad.cfg\"\n");
    KamailioCfgException bad = assertThrows(KamailioCfgException.class,
        () -> KamailioCfg.read(main, Map.of()).intModparam("dispatcher", "ds_ping_interval", 10));
    assertEquals(etc.resolve("conf.d/bad.cfg") + " line 2: dispatcher ds_ping_interval is 'often', not an integer",
        bad.getMessage());
    Files.writeString(dir.resolve("outside.cfg"), "modparam(\"tm\", \"fr_timer\", 1)\n");
    for (String outside : List.of("../outside.cfg", "/etc/passwd")) {
      Files.writeString(main, "include_file \"" + outside + "\"\n");
      KamailioCfgException refused = assertThrows(KamailioCfgException.class, () -> KamailioCfg.read(main, Map.of()));
      assertTrue(refused.getMessage().contains("is outside the configuration's directory"), refused.getMessage());
    }
    Files.writeString(etc.resolve("loop.cfg"), "include_file \"loop.cfg\"\n");
    Files.writeString(main, "include_file \"loop.cfg\"\n");
    KamailioCfgException loop = assertThrows(KamailioCfgException.class, () -> KamailioCfg.read(main, Map.of()));
    assertTrue(loop.getMessage().startsWith(etc.resolve("loop.cfg") + " line 1: include_file \"loop.cfg\": included"
        + " files nested deeper than 10 (a loop?)"), loop.getMessage());
    Files.writeString(main, "\ninclude_file \"missing.cfg\"\n");
    KamailioCfgException missing = assertThrows(KamailioCfgException.class, () -> KamailioCfg.read(main, Map.of()));
    assertTrue(missing.getMessage().startsWith(main + " line 2: include_file \"missing.cfg\": no such file"),
        missing.getMessage());
  }

  @Test
  void aModparamNamingAnUndefinedDefineSaysHowToSupplyIt() {
    KamailioCfgException e = assertThrows(KamailioCfgException.class,
        () -> KamailioCfg.parse("\nmodparam(\"tm\", \"fr_timer\", FR_TIMER)\n", "t.cfg", Map.of()));
    assertTrue(e.getMessage().startsWith("t.cfg line 2: "), e.getMessage());
    assertTrue(e.getMessage().contains("like -A FR_TIMER=VALUE"), e.getMessage());
  }

  @Test
  void aPseudoVariableAlgorithmIsReportedAsUnknown() {
    DispatcherSetup ds = KamailioCfg.parse("""
        route[DISPATCH] {
          $var(alg) = 4;
          ds_select_dst("2", $var(alg));
          ds_select_domain("$var(set)", "10", "3");
        }
        """, "t.cfg", Map.of()).dispatcherSetup();
    Selection dst = ds.selections().get(0);
    assertEquals(2, dst.setId());
    assertNull(dst.algorithm());
    assertFalse(dst.algorithmKnown());
    assertEquals("$var(alg)", dst.algorithmArg());
    Selection domain = ds.selections().get(1);
    assertNull(domain.setId(), "a pseudo-variable inside quotes is not a number either");
    assertEquals(10, domain.algorithm());
    assertEquals(4, domain.line());
  }

  @Test
  void failoverNeedsAnArmedFailureRouteThatSelectsAgain() {
    String cfg = """
        request_route { ds_select_dst("1", "8"); t_on_failure("ARMED"); t_relay(); }
        failure_route[ARMED] { if (t_check_status("5[0-9][0-9]")) { route(NEXT); } }
        route[NEXT] { if (ds_next_dst()) { t_relay(); } }
        failure_route[UNUSED] { ds_next_dst(); }
        """;
    DispatcherSetup ds = KamailioCfg.parse(cfg, "t.cfg", Map.of()).dispatcherSetup();
    assertEquals(List.of("ARMED"), ds.failoverRoutes(), "reached through route(NEXT); UNUSED is never armed");
    assertTrue(ds.failover());
    assertFalse(ds.marksDestinations());
    DispatcherSetup none = KamailioCfg.parse(cfg.replace("t_on_failure(\"ARMED\");", ""), "t.cfg", Map.of())
        .dispatcherSetup();
    assertFalse(none.failover());
  }

  @Test
  void absentDispatcherParametersTakeKamailioDefaults() {
    DispatcherSetup ds = KamailioCfg.parse("loadmodule \"dispatcher.so\"\n", "t.cfg", Map.of()).dispatcherSetup();
    assertTrue(ds.loaded());
    assertEquals(List.of(0, 0, 1, 1, 0, 0), List.of(ds.flags(), ds.pingInterval(), ds.probingThreshold(),
        ds.inactiveThreshold(), ds.probingMode(), ds.hashSize()));
    assertEquals("OPTIONS", ds.pingMethod());
    assertEquals("", ds.pingReplyCodes());
    assertFalse(ds.useDefault());
    assertEquals(List.of(30000, 120000), List.of(ds.frTimer(), ds.frInvTimer()));
    assertFalse(ds.dnsSrvLb() || ds.useDnsFailover());
  }

  @Test
  void coreParamsReadBooleansAndRefuseWhatIsNotOne() {
    KamailioCfg cfg = KamailioCfg.parse("""
        use_dns_failover=yes
        dns_srv_lb = off;  children=4
        listen=udp:127.0.0.1:5060
        alias="sip.example.com"
        auto_aliases=maybe
        """, "t.cfg", Map.of());
    assertTrue(cfg.booleanCoreParam("use_dns_failover", false));
    assertFalse(cfg.booleanCoreParam("dns_srv_lb", true));
    assertEquals(4, cfg.intCoreParam("children", 0), "';' ends a parameter");
    assertEquals("udp:127.0.0.1:5060", cfg.coreParam("listen"));
    assertEquals("sip.example.com", cfg.coreParam("alias"));
    KamailioCfgException e = assertThrows(KamailioCfgException.class, () -> cfg.booleanCoreParam("auto_aliases", true));
    assertTrue(e.getMessage().startsWith("t.cfg line 5: auto_aliases is 'maybe'"), e.getMessage());
  }

  @Test
  void includesInTextWithoutAFileAreRecordedNotFollowedAndSubstdefIsCounted() {
    KamailioCfg cfg = KamailioCfg.parse("""
        #!substdef "/DBURL/mysql:\\/\\/x/"
        include_file "routing.cfg"
        request_route {
          #!import_file "checks.cfg"
          t_relay();
        }
        """, "t.cfg", Map.of());
    assertEquals(List.of(new KamailioCfg.Include("include_file", "routing.cfg", 2),
        new KamailioCfg.Include("import_file", "checks.cfg", 4)), cfg.includes());
    assertEquals(1, cfg.ignoredDirectives());
    assertTrue(cfg.notes().contains("line 2: include_file \"routing.cfg\" recorded, not followed (no file to resolve it"
        + " from)"), cfg.notes().toString());
    assertEquals(List.of("t_relay"), cfg.routes().get(0).calls().stream().map(FunctionCall::name).toList());
  }

  @Test
  void aSampleCutAnywhereOrMissingABraceOrQuoteGivesACfgOrAKamailioCfgException() throws IOException {
    Path dir = Repo.root().resolve("samples/rr-alg4-kill");
    String text = Files.readString(dir.resolve("balancer.cfg"));
    Map<String, String> defines = labDefines("rr-alg4-kill", ScenarioEnv.parse(Files.readString(dir.resolve("scenario.env"))));
    int failures = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      List<String> variants = new ArrayList<>(List.of(text.substring(0, i)));
      if ("{}()\"[]".indexOf(c) >= 0) {
        variants.add(text.substring(0, i) + text.substring(i + 1));
      }
      for (String v : variants) {
        try {
          KamailioCfg.parse(v, "cut.cfg", defines).dispatcherSetup();
        } catch (KamailioCfgException e) {
          assertTrue(e.getMessage().matches("cut\\.cfg line \\d+: .+"), e.getMessage());
          failures++;
        }
      }
    }
    assertTrue(failures > 100, "cutting inside blocks must be reported: " + failures);
  }

  // ---- helpers ----

  private static List<Path> labSamples() throws IOException {
    try (Stream<Path> s = Files.list(Repo.root().resolve("samples"))) {
      return s.filter(d -> Files.isRegularFile(d.resolve("balancer.cfg"))).sorted().toList();
    }
  }

  private static KamailioCfg sample(String name) throws IOException {
    Path dir = Repo.root().resolve("samples").resolve(name);
    Map<String, String> env = ScenarioEnv.parse(Files.readString(dir.resolve("scenario.env")));
    return KamailioCfg.read(dir.resolve("balancer.cfg"), labDefines(name, env));
  }

  /** The {@code -A} defines samples/lab/run-scenario.sh passes to the balancer, with its defaults for unset knobs. */
  private static Map<String, String> labDefines(String name, Map<String, String> env) {
    Map<String, String> k = new HashMap<>(Map.of("ALG", "4", "SETID", "1", "PING_INTERVAL", "0",
        "PROBING_THRESHOLD", "1", "INACTIVE_THRESHOLD", "1", "PROBING_MODE", "0", "FR_TIMER", "2000",
        "FR_INV_TIMER", "30000", "DNS_SRV_LB", "0"));
    k.putAll(Map.of("MODE", "loopback", "TRANSPORT", "udp", "FAILOVER", "0", "MARK", "1", "SRV_DOMAIN", ""));
    k.putAll(env);
    List<String> a = new ArrayList<>();
    for (String knob : List.of("ALG", "SETID", "PING_INTERVAL", "PROBING_THRESHOLD", "INACTIVE_THRESHOLD",
        "PROBING_MODE", "FR_TIMER", "FR_INV_TIMER", "DNS_SRV_LB")) {
      a.add(knob + "=" + k.get(knob));
    }
    if (k.get("MODE").equals("srv")) {
      a.add("MODE_SRV");
      a.add("SRV_URI=\"sip:" + k.get("SRV_DOMAIN") + ";transport=" + k.get("TRANSPORT") + "\"");
    } else {
      a.add("DSLIST=\"samples/" + name + "/dispatcher.list\"");
      if (!k.getOrDefault("HASH_PVAR", "").isEmpty()) {
        a.add("HASH_PVAR=\"" + k.get("HASH_PVAR") + "\"");
      }
      if (k.getOrDefault("LOAD", "0").equals("1")) {
        a.add("WITH_LOAD");
      }
      if (k.get("FAILOVER").equals("1")) {
        a.addAll(List.of("DSFLAGS=2", "WITH_FAILOVER"));
        if (k.get("MARK").equals("1")) {
          a.add("WITH_MARK");
        }
      }
    }
    return KamailioCfg.defines(a.toArray(String[]::new));
  }

  @Test
  void theMarkStateIsParsedAsDsParseFlagsDoesAndAVariableMarksNothing() {
    String cfg = """
        loadmodule "dispatcher.so"
        failure_route[F] { ds_mark_dst(MARK); }
        """;
    assertEquals(2, KamailioCfg.parse(cfg, "t.cfg", KamailioCfg.defines("MARK=\"t\"")).dispatcherSetup().markState());
    assertEquals(4 | 8, KamailioCfg.parse(cfg, "t.cfg", KamailioCfg.defines("MARK=\"dP\"")).dispatcherSetup()
        .markState(), "letters combine, either case");
    assertEquals(8, KamailioCfg.parse(cfg, "t.cfg", KamailioCfg.defines("MARK=\"ia p\"".replace(" ", "")))
        .dispatcherSetup().markState(), "a clears what came before it");
    assertEquals(-1, KamailioCfg.parse(cfg, "t.cfg", KamailioCfg.defines("MARK=\"$var(s)\"")).dispatcherSetup()
        .markState(), "Kamailio does not expand a variable here: 'Failed to parse state flags'");
    assertNull(KamailioCfg.parse(cfg.replace("MARK", ""), "t.cfg", Map.of()).dispatcherSetup().markState());
  }

  @Test
  void srvSamplesReadTheirResolverSettingsAndEverythingElseKeepsKamailiosDefaults() {
    Map<String, String> lb0 = Map.of("DNS_SRV_LB", "0", "FR_TIMER", "1500", "FR_INV_TIMER", "30000", "MODE_SRV", "",
        "SRV_URI", "\"sip:voice.lab;transport=udp\"");
    KamailioCfg cfg = KamailioCfg.read(Repo.root().resolve("samples/srv-failover-lb0/balancer.cfg"), lb0);
    // balancer.cfg: use_dns_failover=on, dns_srv_lb=DNS_SRV_LB, no blocklist or NAPTR line; fr_timer FR_TIMER
    assertEquals(new SrvSetup(false, true, false, false, 60, 1500), cfg.srvSetup());
    KamailioCfg custom = KamailioCfg.parse("""
        dns_srv_lb=on
        use_dns_failover=yes
        dns_try_naptr=1
        use_dst_blacklist=on
        dst_blocklist_expire=10
        """, "inline", Map.of());
    assertEquals(new SrvSetup(true, true, true, true, 10, 30000), custom.srvSetup());
    assertTrue(custom.srvSetup().weighted());
  }
}
