package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.attribution.Attributor;
import io.sipaudit.config.DispatcherList;
import io.sipaudit.dialog.CallAssembler;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.truth.CallTruth;
import io.sipaudit.truth.GroundTruthCsv;
import io.sipaudit.truth.ScenarioEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The simulator against the real Kamailio: for every lab capture of a deterministic algorithm without failures,
 * replaying the calls through the scenario's dispatcher.list predicts Kamailio's first pick for every call
 * (Kamailio's own log is the judge, the capture only supplies the calls).
 */
final class ReplayLabTest {
  private static final List<String> SAMPLES = List.of("rr-alg4", "tcp-rr-alg4", "netns-frag-alg4", "hash-callid-alg0",
      "hash-from-alg1", "hash-to-alg2", "hash-ruri-alg3");

  @TestFactory
  Stream<DynamicTest> replayPredictsKamailiosFirstPickForEveryCall() {
    return SAMPLES.stream().map(s -> DynamicTest.dynamicTest(s, () -> check(repoRoot().resolve("samples/" + s))));
  }

  private static void check(Path dir) throws Exception {
    Map<String, String> env = ScenarioEnv.parse(Files.readString(dir.resolve("scenario.env")));
    int alg = Integer.parseInt(env.getOrDefault("ALG", "4"));
    int setId = Integer.parseInt(env.getOrDefault("SETID", "1"));
    List<CallArrival> arrivals = new ArrayList<>();
    Attributor attributor = new Attributor();
    CallAssembler assembler = new CallAssembler(c -> arrivals.add(CallArrival.of(attributor.attribute(c))));
    new SipIngest().run(List.of(dir.resolve("capture.pcap")), assembler);
    assembler.finish();
    arrivals.sort(Comparator.comparing(CallArrival::time));
    Map<String, String> truth = GroundTruthCsv.readTruth(dir.resolve("truth.csv")).stream()
        .collect(Collectors.toMap(CallTruth::callId, CallTruth::firstPick));
    Replay replay = new Replay(DispatcherList.read(dir.resolve("dispatcher.list")).set(setId),
        KamailioAlgorithms.create(alg, 0), false, false);
    int agreed = 0;
    for (CallArrival a : arrivals) {
      Prediction p = replay.next(a);
      assertEquals(truth.get(a.callId()), p.predicted(), "alg " + alg + ", call " + a.callId());
      agreed++;
    }
    assertEquals(truth.size(), agreed, "every call replayed");
    assertTrue(agreed > 20);
  }

  static Path repoRoot() {
    return io.sipaudit.testing.Repo.root();
  }
}
