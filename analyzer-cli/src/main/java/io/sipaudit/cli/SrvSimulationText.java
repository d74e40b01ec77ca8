package io.sipaudit.cli;

import io.sipaudit.simulate.Prediction;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text form of an SRV replay ({@link SrvSimulation}): the behaviour and records, the agreement on first picks
 * and failovers, the first disagreements, first picks per target (observed, predicted, expected) and the fit.
 */
final class SrvSimulationText {
  private SrvSimulationText() {}

  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, Map<String, Object> doc, List<Prediction> predictions,
      Map<String, List<String>> tries) {
    out.printf("SRV %s (%s) from %s%n", doc.get("service"), doc.get("algorithm"), doc.get("source"));
    out.printf("  %s%n", doc.get("algorithmName"));
    for (Map<String, Object> r : (List<Map<String, Object>>) doc.get("records")) {
      out.printf("  SRV %5s %5s  %-24s %s%s%n", r.get("priority"), r.get("weight"), r.get("target"),
          r.get("hostPorts"), r.get("ttl") == null ? "" : "  TTL " + r.get("ttl"));
    }
    int n = predictions.size();
    long agreed = (Long) doc.get("agreed");
    out.printf("%n%d calls replayed; the balancer's first pick agreed with the prediction for %d (%.1f%%)%n", n,
        agreed, n == 0 ? 0.0 : 100.0 * agreed / n);
    if ((Boolean) doc.get("random") && doc.get("chanceAgreement") != null) {
      out.printf(Locale.ROOT, "(the draws are random: agreement by chance alone would be about %.0f%%)%n",
          100 * (Double) doc.get("chanceAgreement"));
    }
    long checked = (Long) doc.get("failoverChecked");
    if (checked > 0) {
      out.printf("%d of them failed over; the next target tried was the predicted one for %d%n", checked,
          (Long) doc.get("failoverAgreed"));
    }
    List<Prediction> wrong = predictions.stream().filter(p -> !p.agrees()).toList();
    if (!wrong.isEmpty() && !(Boolean) doc.get("random")) {
      out.printf("%nFirst disagreements (of %d):%n", wrong.size());
      wrong.stream().limit(10).forEach(p -> out.printf("  %s  %s  predicted %s, balancer chose %s%n",
          p.call().time(), p.call().callId(), p.predicted(), p.observed() == null ? "nothing" : p.observed()));
    }
    out.printf("%n  %-24s %-20s %9s %9s %9s%n", "first pick", "target", "observed", "predicted", "expected");
    for (Map<String, Object> r : (List<Map<String, Object>>) doc.get("distribution")) {
      out.printf(Locale.ROOT, "  %-24s %-20s %9d %9d %9.1f%n", r.get("backend"), r.get("target"), r.get("observed"),
          r.get("predicted"), (Double) r.get("expected"));
    }
    Map<String, Object> fit = (Map<String, Object>) doc.get("goodnessOfFit");
    if (fit != null) {
      out.printf(Locale.ROOT, "%nChi-square of the observed first picks against the expected: %s, %d degrees of"
          + " freedom, p = %.4f (%s at the 1%% level)%n",
          fit.get("statistic") == null ? "infinite" : String.format(Locale.ROOT, "%.2f", (Double) fit.get("statistic")),
          (Integer) fit.get("degreesOfFreedom"), (Double) fit.get("pValue"),
          (Double) fit.get("pValue") < 0.01 ? "rejected" : "consistent");
    }
    List<String> notes = (List<String>) doc.get("notes");
    if (!notes.isEmpty()) {
      out.println();
      notes.forEach(s -> out.println("Note: " + s));
    }
    if (tries.isEmpty()) {
      out.println("No calls through a balancer were found.");
    }
  }
}
