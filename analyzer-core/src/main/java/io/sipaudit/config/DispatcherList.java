package io.sipaudit.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Kamailio's {@code dispatcher.list} as Kamailio 5.6 does ({@code ds_load_list}): lines
 * {@code setid destination [flags [priority [attrs]]]}, {@code #} comments, {@code sip:} added to a destination
 * without a scheme, attributes {@code name=value;...} (case-insensitive names, one trailing {@code ;} dropped).
 *
 * <p>Within a set, destinations are ordered as Kamailio indexes them: by priority, highest first, and among
 * equal priorities in <b>reverse</b> file order, so for lines A, B, C (all priority 0) index 0 is C. Example:
 * <pre>
 * # setid destination flags priority attrs
 * 1 sip:10.0.0.11:5060 0 0 weight=50
 * 1 sip:10.0.0.12:5060 0 0 weight=50
 * </pre>
 * Lines written in the order some articles show ({@code setid flags priority attrs destination}) are refused
 * with a message that says so.
 */
public final class DispatcherList {
  private final Map<Integer, List<Destination>> sets;

  private DispatcherList(Map<Integer, List<Destination>> sets) {
    this.sets = sets;
  }

  /** Reads a file. */
  public static DispatcherList read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /**
   * Parses the text of a list, or what {@code kamcmd dispatcher.list} (text or JSON-RPC) printed
   * ({@link KamcmdDispatcherList}).
   *
   * @throws DispatcherListException naming the line of the first bad entry
   */
  public static DispatcherList parse(String text, String source) {
    if (KamcmdDispatcherList.looksLike(text)) {
      text = KamcmdDispatcherList.toListFile(text, source);   // the running balancer's view, states included
    }
    Map<Integer, List<Destination>> inFileOrder = new TreeMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Destination d = entry(line, i + 1, source);
      inFileOrder.computeIfAbsent(d.setId(), k -> new ArrayList<>()).add(d);
    }
    Map<Integer, List<Destination>> sets = new LinkedHashMap<>();
    inFileOrder.forEach((id, list) -> {
      List<Destination> ordered = new ArrayList<>(list);
      java.util.Collections.reverse(ordered);                          // equal priorities: last line first
      ordered.sort(Comparator.comparingInt(Destination::priority).reversed());   // stable
      sets.put(id, List.copyOf(ordered));
    });
    return new DispatcherList(sets);
  }

  private static Destination entry(String line, int n, String source) {
    int hash = line.indexOf('#');
    String[] t = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
    if (!t[0].matches("\\d+")) {
      throw new DispatcherListException(source, n, "set id '" + t[0] + "' is not a number (expected: setid destination"
          + " [flags [priority [attrs]]])");
    }
    if (t.length < 2) {
      throw new DispatcherListException(source, n, "no destination after set id " + t[0]);
    }
    if (t[1].matches("\\d+") && t.length >= 3 && looksLikeUri(t[t.length - 1])) {
      throw new DispatcherListException(source, n, "the destination '" + t[t.length - 1] + "' comes last: this line"
          + " is in the order 'setid flags priority attrs destination'; Kamailio expects 'setid destination flags"
          + " priority attrs' and would read '" + t[1] + "' as the destination");
    }
    String uri = t[1].contains(":") && (t[1].startsWith("sip:") || t[1].startsWith("sips:")) ? t[1] : "sip:" + t[1];
    int flags = t.length > 2 ? digits(t[2], "flags", n, source) : 0;
    int priority = t.length > 3 ? (t[3].matches("\\d+") ? Integer.parseInt(t[3]) : 0) : 0;
    // Kamailio reads the priority as digits only: "-5" is not a priority, and the rest becomes the attrs
    String attrText = t.length > 3 && !t[3].matches("\\d+") ? t[3] : (t.length > 4 ? t[4] : "");
    return new Destination(Integer.parseInt(t[0]), uri, flags, priority, attrs(attrText), n);
  }

  private static boolean looksLikeUri(String s) {
    return s.startsWith("sip:") || s.startsWith("sips:");
  }

  private static int digits(String s, String what, int n, String source) {
    if (!s.matches("\\d{1,9}")) {
      throw new DispatcherListException(source, n, what + " '" + s + "' is not a number");
    }
    return Integer.parseInt(s);
  }

  private static Map<String, String> attrs(String text) {
    String s = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : s.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), part.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /** Returns the set ids, ascending. */
  public List<Integer> setIds() {
    return List.copyOf(sets.keySet());
  }

  /** Returns a set's destinations in Kamailio's index order, or an empty list when there is no such set. */
  public List<Destination> set(int setId) {
    return sets.getOrDefault(setId, List.of());
  }
}
