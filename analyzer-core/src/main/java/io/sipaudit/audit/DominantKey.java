package io.sipaudit.audit;

import static java.util.Objects.requireNonNull;

import io.sipaudit.net.Endpoint;
import io.sipaudit.simulate.KamailioAlgorithms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One value of the hashed key that carries a large part of the calls, and so sends them all to one backend.
 *
 * <p>Example: under algorithm 1 over 5 backends, 80 of 100 calls come {@code From sip:hotline@lab.example}: they
 * all hash to one slot, so that backend gets over 80% of the calls however good the hash is.
 *
 * @param algorithm the Kamailio algorithm
 * @param keyName what it hashes, for people ({@code "the From URI (user and host)"})
 * @param value the value ({@code sip:hotline@lab.example})
 * @param calls the calls surely seen with it (a lower bound, from the sketch)
 * @param total all calls whose key was counted
 * @param backend the backend most of its calls went to
 * @param backendCalls how many of its counted calls went there
 */
record DominantKey(int algorithm, String keyName, String value, long calls, long total, Endpoint backend,
    long backendCalls) {
  /** Fewest calls of one value to call it dominant. */
  static final long MIN_CALLS = 10;

  DominantKey {
    requireNonNull(keyName, "keyName");
    requireNonNull(value, "value");
    requireNonNull(backend, "backend");
  }

  /**
   * Returns the most frequent key value when it surely carries at least half a backend's fair share ({@code 1 /
   * (2 n)} of the calls for {@code n} backends) and {@value #MIN_CALLS} calls, else null.
   */
  static @Nullable DominantKey find(CallLedger ledger, int backends) {
    HeavyHitters h = ledger.hashedKeys();
    if (h == null || h.total() == 0 || backends < 2) {
      return null;
    }
    List<HeavyHitters.Counter> top = h.top();
    if (top.isEmpty()) {
      return null;
    }
    HeavyHitters.Counter c = top.get(0);
    if (c.guaranteed() < MIN_CALLS || c.guaranteed() * 2L * backends < h.total()) {
      return null;
    }
    Map.Entry<Endpoint, Long> most = c.backends().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    String name = KamailioAlgorithms.hashedKeyName(ledger.hashAlgorithm(), ledger.hashFlags());
    return new DominantKey(ledger.hashAlgorithm(), requireNonNull(name), c.value(), c.guaranteed(), h.total(),
        most.getKey(), most.getValue());
  }

  /** Returns its share of the calls. */
  double share() {
    return (double) calls / total;
  }

  /** Returns the sentence that explains a skew: {@code "80.0% of the calls share ..."}. */
  String explanation() {
    return Auditor.pct(share()) + " of the calls (" + calls + " of " + total + ") share " + keyName.replaceFirst(
        " \\(.*", "") + " " + value + ", and algorithm " + algorithm + " hashes " + keyName + ": they all go to one"
        + " backend (" + backend + " got " + backendCalls + " of them)";
  }

  /** Returns what to change. */
  String remedy() {
    if (algorithm == 0) {
      return "Many calls reuse one Call-ID, so hashing it cannot spread them: fix the client, or use algorithm 4"
          + " (round robin) or 10 (call load)";
    }
    return "Hash a key that differs between these calls, or do not hash: algorithm 0 (Call-ID) spreads the calls"
        + " of one caller, 4 (round robin) and 10 (call load) spread them too; keep algorithm " + algorithm
        + " only if calls with the same key must reach the same backend";
  }

  /** Returns the skew finding with this explanation added to its message, evidence, remedy and details. */
  Finding explain(Finding skew, @Nullable String testedAgainst) {
    List<Evidence> ev = new ArrayList<>();
    ev.add(new Evidence(null, null, null, calls + " of " + total + " calls with " + value + "; " + backendCalls
        + " of those counted went to " + backend));
    ev.addAll(skew.evidence());
    Map<String, Object> d = new LinkedHashMap<>(skew.details());
    d.putIfAbsent("explanation", "dominant_hash_key");
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("algorithm", algorithm);
    key.put("hashes", keyName);
    key.put("value", value);
    key.put("calls", calls);
    key.put("share", share());
    key.put("backend", backend.toString());
    d.put("dominantKey", key);
    if (testedAgainst != null) {
      d.put("testedAgainst", testedAgainst);
    }
    return new Finding(skew.code(), skew.severity(), skew.backend(), skew.start(), skew.end(), skew.count(),
        skew.message() + "; " + explanation(), ev.subList(0, Math.min(ev.size(), CallLedger.EVIDENCE)), remedy(), d);
  }
}
