package io.sipaudit.dialog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Ties B2BUA/SBC legs together and hands each end-to-end call on as soon as all of its legs have finished: calls
 * that share a correlation key ({@link CallRecord#correlationKeys()}) are legs of one end-to-end call,
 * transitively (A–B by X-CID and B–C by Session-ID make A, B and C one group), whatever order they arrive in.
 *
 * <p>Feed it every leg when its initial INVITE is seen ({@link #started}) and again when the call is finished
 * ({@link #finished}, with what the caller wants back, e.g. the attributed call). A group whose started legs
 * have all finished is <em>settled</em>: it is handed on as a {@link Settled} (its {@link CallGroup}, null for a
 * lone leg, and the payloads in start order) and forgotten, keys and all. Memory therefore follows the calls in
 * progress, like {@link CallAssembler}, not the capture. Example: A starts (no keys but its Call-ID), B starts
 * with {@code X-CID: A}, A finishes (held: B is still going), B finishes: one {@code Settled([A, B])}.
 *
 * <p>With {@code byParties}, calls from the same caller to the same callee (user parts, compared on their last
 * 8 digits when numeric) starting within 2–4 s of each other are linked too, marked {@code heuristic}.
 *
 * @param <T> what is handed back for each leg
 */
public final class LegCorrelator<T> {
  static final int PARTIES_WINDOW_SECONDS = 2;

  /**
   * One end-to-end call: its legs and payloads, or a group of legs and keys (union-find).
   *
   * @param <T> the payload of a finished leg
   */
  public record Settled<T>(@Nullable CallGroup group, List<T> legs) {
    public Settled {
      legs = List.copyOf(legs);
    }
  }

  /** One set of the union-find: its legs, its keys, how they were tied, how many legs are still going. */
  private static final class Group<T> {
    final List<String> legs = new ArrayList<>(2);      // "#callId#start"
    final List<String> keys = new ArrayList<>(2);
    final Set<String> kinds = new TreeSet<>();
    final Map<String, T> payloads = new HashMap<>(2);
    int inProgress;
  }

  private final boolean byParties;
  private final Consumer<Settled<T>> out;
  private final Map<String, Group<T>> groupOf = new HashMap<>();   // node (leg or key) -> its group
  private final Map<String, Instant> starts = new HashMap<>();
  private final Map<String, String> keyKinds = new HashMap<>();
  private int held;
  private long settledGroups;

  /** Hands every end-to-end call to {@code out} once its legs have finished. */
  public LegCorrelator(boolean byParties, Consumer<Settled<T>> out) {
    this.byParties = byParties;
    this.out = requireNonNull(out, "out");
  }

  /** Adds a leg whose initial INVITE was just seen (its keys so far). */
  public void started(CallRecord c) {
    String leg = id(c);
    if (!groupOf.containsKey(leg)) {
      Group<T> fresh = new Group<>();
      fresh.legs.add(leg);
      fresh.inProgress = 1;
      groupOf.put(leg, fresh);
      starts.put(leg, c.start());
      held++;
    }
    link(leg, c);
  }

  /** Adds a finished leg (its keys from every INVITE) with its payload; settles its group when nothing is left going. */
  public void finished(CallRecord c, T payload) {
    String leg = id(c);
    if (!groupOf.containsKey(leg)) {
      started(c);
    }
    link(leg, c);
    Group<T> g = groupOf.get(leg);
    if (g.payloads.put(leg, payload) == null) {
      g.inProgress--;
    }
    if (g.inProgress == 0) {
      settle(g);
    }
  }

  /** The end of the input: settles every group still held (legs never finished are left out). */
  public void finish() {
    Set<Group<T>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<Group<T>> left = new ArrayList<>();
    for (Group<T> g : groupOf.values()) {
      if (seen.add(g) && !g.payloads.isEmpty()) {
        left.add(g);
      }
    }
    left.sort(Comparator.comparing(g -> starts.get(g.legs.get(0))));
    left.forEach(this::settle);
    groupOf.clear();
    starts.clear();
    keyKinds.clear();
    held = 0;
  }

  /** Returns how many groups of two or more legs were handed on. */
  public long groupsSettled() {
    return settledGroups;
  }

  /** Returns how many groups are held (for tests of the memory bound). */
  int heldGroups() {
    return held;
  }

  /** Returns how many legs and keys are held (for tests of the memory bound). */
  int openNodes() {
    return groupOf.size();
  }

  private static String id(CallRecord c) {
    return "#" + c.callId() + "#" + c.start();
  }

  private void link(String leg, CallRecord c) {
    for (String key : c.correlationKeys()) {
      String kind = kind(key, c);
      if (!kind.isEmpty()) {
        keyKinds.put(key, kind);   // a Call-ID is an x-cid link once any leg names it, whichever came first
      }
      union(leg, key, kind);
    }
    if (byParties) {
      String parties = parties(c);
      if (parties != null) {
        long bucket = c.start().getEpochSecond() / PARTIES_WINDOW_SECONDS;
        union(leg, "parties:" + parties + "@" + bucket, "parties");
        union(leg, "parties:" + parties + "@" + (bucket - 1) + "+", "parties");
        union(leg, "parties:" + parties + "@" + bucket + "+", "parties");
      }
    }
  }

  private static String kind(String key, CallRecord c) {
    if (key.startsWith("call-id:")) {
      return key.equals("call-id:" + c.callId().toLowerCase(Locale.ROOT)) ? "" : "x-cid";
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

  /** Hands {@code g} on and forgets it. */
  private void settle(Group<T> g) {
    List<String> legs = new ArrayList<>(g.legs);
    legs.sort(Comparator.comparing(starts::get));
    List<T> payloads = new ArrayList<>(legs.size());
    List<String> ids = new ArrayList<>(legs.size());
    for (String leg : legs) {
      T p = g.payloads.get(leg);
      if (p != null) {
        payloads.add(p);
        ids.add(leg.substring(1, leg.lastIndexOf('#')));
      }
    }
    CallGroup group = null;
    if (ids.size() > 1) {
      Set<String> kinds = new TreeSet<>(g.kinds);
      kinds.remove("");
      boolean heuristic = kinds.equals(Set.of("parties"));
      group = new CallGroup(ids, new ArrayList<>(kinds), heuristic ? "heuristic" : "header", starts.get(legs.get(0)));
      settledGroups++;
    }
    for (String leg : g.legs) {
      groupOf.remove(leg);
      starts.remove(leg);
    }
    for (String key : g.keys) {
      groupOf.remove(key);
      keyKinds.remove(key);
    }
    held--;
    if (!payloads.isEmpty()) {
      out.accept(new Settled<>(group, payloads));
    }
  }

  private static @Nullable String parties(CallRecord c) {
    String from = user(c.from());
    String to = user(c.to());
    return from == null || to == null ? null : from + ">" + to;
  }

  private static @Nullable String user(String uri) {
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
        ? digits.substring(Math.max(0, digits.length() - 8)) : user.toLowerCase(Locale.ROOT);
  }

  /** Joins the groups of a leg and a key; {@code kind} is recorded only when that ties legs to legs. */
  private void union(String leg, String key, String kind) {
    Group<T> a = groupOf.get(leg);
    Group<T> b = groupOf.get(key);
    if (b == null) {
      a.keys.add(key);
      groupOf.put(key, a);
      return;
    }
    if (a == b) {
      return;
    }
    a.kinds.add(keyKinds.getOrDefault(key, kind));
    Group<T> big = a.legs.size() + a.keys.size() >= b.legs.size() + b.keys.size() ? a : b;
    Group<T> small = big == a ? b : a;
    big.legs.addAll(small.legs);
    big.keys.addAll(small.keys);
    big.kinds.addAll(small.kinds);
    big.payloads.putAll(small.payloads);
    big.inProgress += small.inProgress;
    held--;
    for (String n : small.legs) {
      groupOf.put(n, big);
    }
    for (String n : small.keys) {
      groupOf.put(n, big);
    }
  }
}
