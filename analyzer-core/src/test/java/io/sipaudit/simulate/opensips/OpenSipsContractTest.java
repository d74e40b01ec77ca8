package io.sipaudit.simulate.opensips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.config.opensips.OpenSipsDestination;
import io.sipaudit.config.opensips.OpenSipsDispatcherTable;
import io.sipaudit.config.opensips.OpenSipsLbTable;
import io.sipaudit.simulate.CallArrival;
import io.sipaudit.simulate.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Invariants every registered OpenSIPS algorithm (and the load_balancer) keeps, whatever the traffic: nothing is
 * chosen or offered for failover while inactive or probing (only the default may be offered inactive, as
 * OpenSIPS pushes it regardless), every call is assigned or rejected, and the same calls and seed give the same
 * picks.
 */
final class OpenSipsContractTest {

  /** Set 1: six destinations over two priorities; .3 inactive, .5 probing, .4 weight 0. Set 2: nothing usable. */
  private static final String TABLE = """
      setid,destination,state,weight,priority
      1,sip:10.0.0.1:5060,0,1,10
      1,sip:10.0.0.2:5060,0,3,10
      1,sip:10.0.0.3:5060,1,2,10
      1,sip:10.0.0.4:5060,0,0,5
      1,sip:10.0.0.5:5060,2,1,5
      1,sip:10.0.0.6:5060,0,2,0
      2,sip:10.0.1.1:5060,1,1,0
      2,sip:10.0.1.2:5060,2,1,0
      """;
  private static final Set<String> UNUSABLE = Set.of("10.0.0.3:5060", "10.0.0.5:5060", "10.0.1.1:5060",
      "10.0.1.2:5060");

  private static List<CallArrival> calls(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<CallArrival> out = new ArrayList<>();
    Instant t = Instant.parse("2026-11-26T08:00:00Z");
    for (int i = 0; i < n; i++) {
      Instant at = t.plusMillis(100L * i);
      out.add(new CallArrival(r.nextLong() + "@" + r.nextInt(1000), at, "sip:u" + r.nextInt(50) + "@example.com",
          "sip:" + r.nextInt(400) + "@pbx.example", "sip:" + r.nextInt(400) + "@10.0.0.254:" + (5060 + r.nextInt(3)),
          r.nextInt(3) == 0 ? null : "user" + r.nextInt(20), null,
          r.nextInt(10) == 0 ? null : at.plusMillis(100L * r.nextInt(60))));
    }
    return out;
  }

  private static List<Prediction> run(Function<CallArrival, Prediction> next, List<CallArrival> calls) {
    List<Prediction> out = new ArrayList<>();
    calls.forEach(c -> out.add(next.apply(c)));
    return out;
  }

  private static OpenSipsReplay replay(int alg, List<OpenSipsDestination> set, DsFlags flags) {
    return new OpenSipsReplay(set, OpenSipsAlgorithms.create(alg, new OpenSipsAlgorithms.Settings(flags, 42)), flags,
        3, false, null);
  }

  private static void checkInvariants(List<CallArrival> calls, List<Prediction> out, String defaultDestination) {
    assertEquals(calls.size(), out.size());
    long assigned = 0;
    long rejected = 0;
    for (Prediction p : out) {
      if (p.predicted().equals("none")) {
        rejected++;
        assertTrue(p.failover().isEmpty(), p.toString());
        continue;
      }
      assigned++;
      assertFalse(UNUSABLE.contains(p.predicted()), "chose an unusable destination: " + p);
      for (String f : p.failover()) {
        assertTrue(!UNUSABLE.contains(f) || f.equals(defaultDestination), "offered an unusable destination: " + p);
      }
      assertFalse(p.failover().contains(p.predicted()), "the first pick is not its own failover: " + p);
      assertEquals(p.failover().size(), new HashSet<>(p.failover()).size(), "each destination once: " + p);
    }
    assertEquals(calls.size(), assigned + rejected, "assigned + rejected = offered");
  }

  @TestFactory
  Stream<DynamicTest> everyRegisteredAlgorithmKeepsTheInvariants() {
    OpenSipsDispatcherTable table = OpenSipsDispatcherTable.parse(TABLE, "contract.csv");
    return OpenSipsAlgorithms.supported().keySet().stream().flatMap(alg -> Stream.of("", "f", "fd", "fud").map(
        flags -> DynamicTest.dynamicTest("opensips:" + alg + " \"" + flags + "\"", () -> {
          List<OpenSipsDestination> set = table.set(1);
          DsFlags f = DsFlags.parse(flags);
          List<CallArrival> calls = calls(alg * 31L + flags.length(), 500);
          List<Prediction> first = run(replay(alg, set, f)::next, calls);
          checkInvariants(calls, first, f.useDefault() ? set.get(set.size() - 1).hostPort() : "");
          assertTrue(first.stream().noneMatch(p -> p.predicted().equals("none")), "usable destinations are found");
          // (round-robin still gives a weight-0 destination its one turn when it moves on to it: A1.7)
          assertTrue(first.stream().noneMatch(p -> p.predicted().equals("10.0.0.4:5060"))
              || !List.of(0, 1, 2, 3, 5, 6).contains(alg), "weight 0 is never chosen by a hash while others weigh");
          for (Prediction p : first) {
            assertTrue(p.failover().size() <= (f.failover() ? 2 + (f.useDefault() ? 1 : 0) : 0),
                "max_res 3 with the selected one: " + p);
          }
          assertEquals(first, run(replay(alg, set, f)::next, calls), "the same calls and seed give the same picks");
          assertTrue(run(replay(alg, table.set(2), f)::next, calls(7, 50)).stream()
              .allMatch(p -> p.predicted().equals("none")), "a set with nothing usable rejects every call");
        })));
  }

  @TestFactory
  Stream<DynamicTest> theLoadBalancerKeepsTheInvariants() {
    var group = OpenSipsLbTable.parse("""
        group_id,dst_uri,resources
        1,sip:10.0.0.1:5060,pstn=3
        1,sip:10.0.0.2:5060,pstn=5;transc=2
        1,sip:10.0.0.6:5060,pstn=0
        """, "lb.csv").group(1);
    return Stream.of("", "r", "n", "s", "rns").map(flags -> DynamicTest.dynamicTest("opensips-lb:" + flags, () -> {
      List<CallArrival> calls = calls(flags.hashCode(), 500);
      List<Prediction> first = run(new LoadBalancerReplay(group, List.of("pstn"), LbFlags.parse(flags), null, 3)::next,
          calls);
      checkInvariants(calls, first, "");
      if (!flags.contains("n")) {
        assertTrue(first.stream().noneMatch(p -> p.predicted().equals("10.0.0.6:5060")), "no capacity, never chosen");
      }
      assertEquals(first, run(new LoadBalancerReplay(group, List.of("pstn"), LbFlags.parse(flags), null, 3)::next,
          calls), "the same calls and seed give the same picks");
    }));
  }
}
