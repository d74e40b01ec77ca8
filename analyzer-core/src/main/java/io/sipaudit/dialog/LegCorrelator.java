package io.sipaudit.dialog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ties B2BUA/SBC legs together: calls that share a correlation key ({@link CallRecord#correlationKeys()}) are
 * legs of one end-to-end call, transitively (A–B by X-CID and B–C by Session-ID make A, B and C one group).
 * The order in which calls arrive does not matter.
 *
 * <p>With {@code byParties}, calls from the same caller to the same callee (user parts, compared on their last
 * 8 digits when numeric) starting within {@link #PARTIES_WINDOW_SECONDS} of each other are linked too, marked
 * {@code heuristic}. Memory grows with the calls seen (it keeps their keys); groups are reported at the end.
 */
public final class LegCorrelator {
  static final int PARTIES_WINDOW_SECONDS = 2;

  private final boolean byParties;
  private final Map<String, String> parent = new HashMap<>();
  private final Map<String, Instant> starts = new HashMap<>();
  private final Map<String, Set<String>> linkKinds = new HashMap<>();
  private final Map<String, Integer> callsUnder = new HashMap<>();
  private final Map<String, String> keyKinds = new HashMap<>();

  public LegCorrelator(boolean byParties) {
    this.byParties = byParties;
  }

  /** Adds one call. */
  public void add(CallRecord c) {
    String node = "#" + c.callId() + "#" + c.start();
    starts.put(node, c.start());
    callsUnder.merge(find(node), 1, Integer::sum);
    for (String key : c.correlationKeys()) {
      String kind = kind(key, c);
      if (!kind.isEmpty()) {
        keyKinds.put(key, kind);   // a Call-ID is an x-cid link once any leg names it, whichever came first
      }
      union(node, key, kind);
    }
    if (byParties) {
      String parties = parties(c);
      if (parties != null) {
        long bucket = c.start().getEpochSecond() / PARTIES_WINDOW_SECONDS;
        union(node, "parties:" + parties + "@" + bucket, "parties");
        union(node, "parties:" + parties + "@" + (bucket - 1) + "+", "parties");
        union(node, "parties:" + parties + "@" + bucket + "+", "parties");
      }
    }
  }

  private static String kind(String key, CallRecord c) {
    if (key.startsWith("call-id:")) {
      return key.equals("call-id:" + c.callId().toLowerCase(java.util.Locale.ROOT)) ? "" : "x-cid";
    }
    if (key.startsWith("session:")) {
      return "session-id";
    }
    if (key.startsWith("icid:")) {
      return "icid";
    }
    int second = key.indexOf(':', "header:".length());
    return key.startsWith("header:") && second > 0 ? key.substring(0, second) : key;
  }

  /** Returns every group of two or more legs, in the order of their first leg's start. */
  public List<CallGroup> groups() {
    Map<String, List<String>> members = new HashMap<>();
    for (String node : starts.keySet()) {
      members.computeIfAbsent(find(node), k -> new ArrayList<>()).add(node);
    }
    List<CallGroup> out = new ArrayList<>();
    List<List<String>> groups = new ArrayList<>(members.values());
    groups.removeIf(g -> g.size() < 2);
    for (List<String> g : groups) {
      g.sort((a, b) -> starts.get(a).compareTo(starts.get(b)));
    }
    groups.sort((a, b) -> starts.get(a.get(0)).compareTo(starts.get(b.get(0))));
    for (List<String> g : groups) {
      Set<String> kinds = new TreeSet<>(linkKinds.getOrDefault(find(g.get(0)), Set.of()));
      kinds.remove("");
      List<String> ids = g.stream().map(n -> n.substring(1, n.lastIndexOf('#'))).toList();
      boolean heuristic = kinds.equals(Set.of("parties"));
      out.add(new CallGroup(ids, new ArrayList<>(kinds), heuristic ? "heuristic" : "header"));
    }
    return out;
  }

  private static String parties(CallRecord c) {
    String from = user(c.from());
    String to = user(c.to());
    return from == null || to == null ? null : from + ">" + to;
  }

  private static String user(String uri) {
    int colon = uri.indexOf(':');
    int at = uri.indexOf('@');
    if (colon < 0 || at < colon) {
      return null;
    }
    String user = uri.substring(colon + 1, at);
    int semi = user.indexOf(';');
    if (semi >= 0) {
      user = user.substring(0, semi);
    }
    String digits = user.replaceAll("[^0-9]", "");
    return digits.length() >= 6 && digits.length() >= user.length() - 2
        ? digits.substring(Math.max(0, digits.length() - 8)) : user.toLowerCase(java.util.Locale.ROOT);
  }

  private String find(String x) {
    String p = parent.get(x);
    if (p == null) {
      parent.put(x, x);
      return x;
    }
    if (p.equals(x)) {
      return x;
    }
    String root = find(p);
    parent.put(x, root);
    return root;
  }

  /** Joins the sets of {@code a} and {@code b}; {@code kind} is recorded only when that ties calls to calls. */
  private void union(String a, String b, String kind) {
    String ra = find(a);
    String rb = find(b);
    if (ra.equals(rb)) {
      return;
    }
    int ca = callsUnder.getOrDefault(ra, 0);
    int cb = callsUnder.getOrDefault(rb, 0);
    Set<String> kinds = new TreeSet<>(linkKinds.getOrDefault(ra, Set.of()));
    kinds.addAll(linkKinds.getOrDefault(rb, Set.of()));
    if (ca > 0 && cb > 0) {
      kinds.add(keyKinds.getOrDefault(b, kind));
    }
    parent.put(rb, ra);
    linkKinds.remove(rb);
    callsUnder.remove(rb);
    linkKinds.put(ra, kinds);
    callsUnder.put(ra, ca + cb);
  }
}
