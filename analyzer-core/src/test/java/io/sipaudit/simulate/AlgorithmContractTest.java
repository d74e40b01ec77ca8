package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.config.Destination;
import io.sipaudit.config.DispatcherList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Invariants every registered algorithm must keep, whatever the traffic: a destination that is inactive or
 * disabled is never chosen nor offered for failover, every call is either assigned or rejected, and the same
 * calls give the same picks.
 */
final class AlgorithmContractTest {

  /** Six destinations over two priorities; .3 inactive (flag 1), .5 disabled (flag 4). */
  private static final String LIST = """
      1 sip:10.0.0.1:5060 0 10
      1 sip:10.0.0.2:5060 0 10
      1 sip:10.0.0.3:5060 1 10
      1 sip:10.0.0.4:5060 0 5
      1 sip:10.0.0.5:5060 4 5
      1 sip:10.0.0.6:5060 0 0
      2 sip:10.0.1.1:5060 1 0
      2 sip:10.0.1.2:5060 4 0
      """;

  private static List<CallArrival> calls(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<CallArrival> out = new ArrayList<>();
    Instant t = Instant.parse("2026-11-26T08:00:00Z");
    for (int i = 0; i < n; i++) {
      String user = "u" + r.nextInt(50);
      out.add(new CallArrival(r.nextLong() + "@" + r.nextInt(1000), t.plusMillis(10L * i),
          "sip:" + user + "@example.com", "sip:" + r.nextInt(400) + "@pbx.example", "sip:" + r.nextInt(400)
          + "@10.0.0.254:" + (5060 + r.nextInt(3)), null, null));
    }
    return out;
  }

  private static List<Prediction> replay(int alg, List<Destination> set, boolean useDefault, List<CallArrival> calls) {
    // alg 7 hashes the hash_pvar, which has no default: without one every select fails, as in Kamailio
    Replay replay = new Replay(set, KamailioAlgorithms.create(alg, new KamailioAlgorithms.Options(0, "$fU@$rd", 42L)),
        useDefault, false);
    List<Prediction> out = new ArrayList<>();
    for (CallArrival c : calls) {
      out.add(replay.next(c));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyRegisteredAlgorithmKeepsTheInvariants() {
    DispatcherList list = DispatcherList.parse(LIST, "contract.list");
    return Stream.concat(KamailioAlgorithms.supported().keySet().stream(),
        SbcAlgorithms.supported().keySet().stream()).flatMap(alg -> Stream.of(false, true).map(useDefault ->
        DynamicTest.dynamicTest(KamailioAlgorithms.label(alg) + (useDefault ? " use_default" : ""), () -> {
          List<Destination> set = list.set(1);
          Set<String> unusable = new HashSet<>();
          for (Destination d : set) {
            if (d.skippedAtLoad()) {
              unusable.add(d.hostPort());
            }
          }
          assertEquals(Set.of("10.0.0.3:5060", "10.0.0.5:5060"), unusable, "the fixture's flags");
          List<CallArrival> calls = calls(alg * 31L + (useDefault ? 1 : 0), 500);
          List<Prediction> first = replay(alg, set, useDefault, calls);
          assertEquals(calls.size(), first.size());
          long assigned = 0;
          long rejected = 0;
          for (Prediction p : first) {
            if (p.predicted().equals("none")) {
              rejected++;
              assertTrue(p.failover().isEmpty());
              continue;
            }
            assigned++;
            assertFalse(unusable.contains(p.predicted()), "chose an unusable destination: " + p);
            if (alg == 12) {
              // parallel forking: every later index is a branch, inactive ones included (ds_add_branches)
              List<String> later = set.subList(p.index() + 1, set.size()).stream().map(Destination::hostPort).toList();
              assertEquals(later, p.failover(), "alg 12 branches: " + p);
              continue;
            }
            if (alg == 13 && useDefault) {
              // Kamailio's quirk: the rotation covers n-1 slots n times, so one index is listed twice
              assertTrue(p.failover().stream().noneMatch(unusable::contains), "offered an unusable one: " + p);
              continue;
            }
            for (String f : p.failover()) {
              assertFalse(unusable.contains(f), "offered an unusable destination for failover: " + p);
            }
            assertFalse(p.failover().contains(p.predicted()), "the first pick is not its own failover: " + p);
            assertEquals(p.failover().size(), new HashSet<>(p.failover()).size(), "each destination once: " + p);
          }
          assertEquals(calls.size(), assigned + rejected, "assigned + rejected = offered");
          assertEquals(0, rejected, "usable destinations are always found");
          assertEquals(first, replay(alg, set, useDefault, calls), "the same calls give the same picks");
        })));
  }

  @TestFactory
  Stream<DynamicTest> aSetWithNothingUsableRejectsEveryCall() {
    DispatcherList list = DispatcherList.parse(LIST, "contract.list");
    return Stream.concat(KamailioAlgorithms.supported().keySet().stream(),
        SbcAlgorithms.supported().keySet().stream()).map(alg -> DynamicTest.dynamicTest(KamailioAlgorithms.label(alg),
        () -> {
          List<Prediction> out = replay(alg, list.set(2), false, calls(7, 200));
          assertTrue(out.stream().allMatch(p -> p.predicted().equals("none")), out.get(0).toString());
        }));
  }
}
