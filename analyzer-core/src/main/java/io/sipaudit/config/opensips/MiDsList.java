package io.sipaudit.config.opensips;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON of OpenSIPS 3.x {@code opensips-cli -x mi ds_list [full]} ({@code ds_print_mi_list()}): the
 * running balancer's sets in array order, with each destination's state, weight and priority, as table rows.
 *
 * <p>Example: {@code {"PARTITIONS":[{"name":"default","SETS":[{"id":1,"Destinations":[{"URI":"sip:10.0.0.1:5060",
 * "state":"Probing","first_hit_counter":7,"weight":2,"priority":0}]}]}]}} gives the row set 1,
 * {@code sip:10.0.0.1:5060}, state 2, weight 2, priority 0.
 */
final class MiDsList {
  private static final Pattern FIELD = Pattern.compile(
      "\"(name|id|URI|state|socket|attr|weight|priority|description)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s,{}\\[\\]]+)");

  private MiDsList() {
  }

  static boolean looksLike(String text) {
    String t = text.stripLeading();
    return t.startsWith("{") && (t.contains("\"PARTITIONS\"") || t.contains("\"SETS\""));
  }

  static List<TableRow> rows(String text, String source) {
    Matcher m = FIELD.matcher(text);
    List<Map<String, @Nullable String>> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    String set = null;
    String partition = null;
    Map<String, @Nullable String> current = null;
    int line = 1;
    int counted = 0;
    while (m.find()) {
      for (int k = counted; k < m.start(); k++) {
        if (text.charAt(k) == '\n') {
          line++;
        }
      }
      counted = m.start();
      String key = m.group(1);
      String value = m.group(3) != null ? m.group(3).replace("\\\"", "\"").replace("\\/", "/")
          .replace("\\\\", "\\") : m.group(2);
      switch (key) {
        case "name" -> {
          if (partition != null && !partition.equals(value) && !rows.isEmpty()) {
            throw new OpenSipsTableException(source, line, "a second partition '" + value + "' (after '" + partition
                + "'): give the ds_list of one partition");
          }
          partition = value;
        }
        case "id" -> set = value;
        case "URI" -> {
          if (set == null) {
            throw new OpenSipsTableException(source, line, "a destination outside a set");
          }
          current = new HashMap<>();
          current.put("setid", set);
          current.put("destination", value);
          rows.add(current);
          lines.add(line);
        }
        default -> {
          if (current == null) {
            continue;
          }
          if (key.equals("state")) {
            current.put("state", switch (value.toLowerCase(Locale.ROOT)) {
              case "active" -> "0";
              case "inactive" -> "1";
              case "probing" -> "2";
              default -> throw new OpenSipsTableException(source, line, "state '" + value
                  + "' (expected: Active, Inactive or Probing)");
            });
          } else {
            current.put(key.equals("attr") ? "attrs" : key, value);
          }
        }
      }
    }
    List<TableRow> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      out.add(new TableRow(rows.get(i), source, lines.get(i)));
    }
    return out;
  }
}
