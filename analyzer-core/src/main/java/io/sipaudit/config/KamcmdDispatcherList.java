package io.sipaudit.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code kamcmd dispatcher.list} (or the JSON-RPC {@code dispatcher.list} of {@code kamctl rpc} and
 * kamcli) printed, as the running balancer holds its destinations: each set's destinations in array order (the
 * order the algorithms index), their state letters ({@code AP}, {@code IX}, {@code DX}, ...), priority and
 * attributes. It becomes a dispatcher.list text with those states as flags, written in an order that
 * {@link DispatcherList} sorts back into the same array order.
 *
 * <p>Example input (kamcmd): {@code SET: { ID: 1 TARGETS: { DEST: { URI: sip:10.0.0.4:5060 FLAGS: IP PRIORITY: 0
 * ATTRS: { BODY: weight=10 ...}}}}} gives the line {@code 1 sip:10.0.0.4:5060 9 0 weight=10}.
 */
public final class KamcmdDispatcherList {
  private static final Pattern FIELD = Pattern.compile(
      "(?<![A-Za-z_])\"?(ID|URI|FLAGS|PRIORITY|BODY)\"?\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s,{}\\[\\]]+)");

  private KamcmdDispatcherList() {
  }

  /** Returns whether {@code text} looks like {@code dispatcher.list} RPC output rather than a list file. */
  public static boolean looksLike(String text) {
    String t = text.stripLeading();
    return t.startsWith("{") && t.contains("NRSETS");
  }

  private static final class Dest {
    final int set;
    final int line;
    final String uri;
    int flags;
    int priority;
    String attrs = "";

    Dest(int set, String uri, int line) {
      this.set = set;
      this.uri = uri;
      this.line = line;
    }
  }

  /**
   * Turns RPC output into the text of a dispatcher.list.
   *
   * @throws DispatcherListException naming the line of a destination outside a set or a state it cannot read
   */
  public static String toListFile(String text, String source) {
    Matcher m = FIELD.matcher(text);
    int[] lines = {1, 0};   // line, offset counted up to
    Integer set = null;
    Dest dest = null;
    List<Dest> all = new ArrayList<>();
    while (m.find()) {
      String key = m.group(1);
      String value = m.group(3) != null ? m.group(3).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(2);
      int line = lineOf(text, m.start(), lines);
      switch (key) {
        case "ID" -> {
          try {
            set = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new DispatcherListException(source, line, "set ID '" + value + "' is not a number");
          }
          dest = null;
        }
        case "URI" -> {
          if (set == null) {
            throw new DispatcherListException(source, line, "URI " + value + " outside a SET");
          }
          dest = new Dest(set, value, line);
          all.add(dest);
        }
        case "FLAGS" -> {
          if (dest != null) {
            dest.flags = flags(value, source, line);
          }
        }
        case "PRIORITY" -> {
          if (dest != null) {
            try {
              dest.priority = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new DispatcherListException(source, line, "PRIORITY '" + value + "' is not a number");
            }
          }
        }
        case "BODY" -> {
          if (dest != null && !value.equals("<null string>")) {
            dest.attrs = value.strip();
          }
        }
        default -> throw new IllegalStateException(key);
      }
    }
    if (all.isEmpty()) {
      throw new DispatcherListException(source, 1, "no destination (no URI) in this dispatcher.list output");
    }
    // DispatcherList sorts by priority (highest first), equal priorities in reverse file order: writing each set's
    // array backwards gives back the array order.
    StringBuilder out = new StringBuilder("# from kamcmd dispatcher.list output: ").append(source).append('\n');
    for (int i = all.size() - 1; i >= 0; i--) {
      Dest d = all.get(i);
      out.append(d.set).append(' ').append(d.uri).append(' ').append(d.flags).append(' ').append(d.priority);
      if (!d.attrs.isEmpty()) {
        out.append(' ').append(d.attrs.replace(' ', ';'));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** {@code AP} -> 8, {@code IP} -> 9, {@code TX} -> 2, {@code DX} -> 4 (first letter the state, second P or X/N). */
  static int flags(String letters, String source, int line) {
    if (letters.length() != 2) {
      throw new DispatcherListException(source, line, "FLAGS '" + letters + "' (expected two letters, e.g. AP, IX)");
    }
    int bits = switch (letters.charAt(0)) {
      case 'A' -> 0;
      case 'I' -> 1;
      case 'T' -> 2;
      case 'D' -> 4;
      default -> throw new DispatcherListException(source, line, "FLAGS '" + letters
          + "': the first letter is A, I, T or D");
    };
    return bits | (letters.charAt(1) == 'P' ? 8 : 0);
  }

  /** The line of {@code offset}, counting on from where the last call stopped ({@code at}: line, offset). */
  private static int lineOf(String text, int offset, int[] at) {
    for (int i = at[1]; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        at[0]++;
      }
    }
    at[1] = Math.max(at[1], offset);
    return at[0];
  }
}
