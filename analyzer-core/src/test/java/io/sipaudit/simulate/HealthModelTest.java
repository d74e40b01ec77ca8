package io.sipaudit.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class HealthModelTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  @Test
  void withThresholdsTwoAndTwoAProbeFailureOnlyMakesItTryingAndTheSecondInactive() {
    HealthModel m = new HealthModel(new HealthModel.Settings(2, 2, 1, DestinationState.INACTIVE
        | DestinationState.PROBING));
    m.probe(T0.plusSeconds(3), "10.0.0.1:5060", false);   // added out of order on purpose
    m.probe(T0.plusSeconds(1), "10.0.0.1:5060", true);
    m.probe(T0.plusSeconds(2), "10.0.0.1:5060", false);
    m.probe(T0.plusSeconds(4), "10.0.0.1:5060", true);
    m.probe(T0.plusSeconds(5), "10.0.0.1:5060", true);
    m.probe(T0.plusSeconds(5), "10.0.0.9:5060", false);   // not one of the destinations asked about
    List<HealthModel.StateChange> t = m.transitions(List.of("10.0.0.1:5060"), Map.of());
    assertEquals(List.of(
        new HealthModel.StateChange(T0.plusSeconds(2), "10.0.0.1:5060", "AP", "TP", "probe failed"),
        new HealthModel.StateChange(T0.plusSeconds(3), "10.0.0.1:5060", "TP", "IP", "probe failed"),
        new HealthModel.StateChange(T0.plusSeconds(5), "10.0.0.1:5060", "IP", "AP", "probe answered")), t);
  }

  @Test
  void aMarkMakesItInactiveAtOnceWithTheDefaultThreshold() {
    HealthModel m = new HealthModel(HealthModel.Settings.DEFAULTS);
    m.mark(T0, "10.0.0.2:5060");
    assertEquals(List.of(new HealthModel.StateChange(T0, "10.0.0.2:5060", "AX", "IX", "marked by the failure route")),
        m.transitions(List.of("10.0.0.2:5060"), Map.of()));
  }
}
