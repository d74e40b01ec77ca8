package io.sipaudit.config.opensips;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenSIPS 3.x's {@code dispatcher} table, its sets ordered as {@code ds_load_data()} orders them: by
 * {@code priority} descending, equal priorities in row order ({@code add_dest2list} inserts into a list sorted by
 * ascending priority before the first row of equal or higher priority, {@code reindex_dests} copies it back to
 * front). That array index is what every algorithm works on.
 *
 * <p>Example: rows (a, priority 0), (b, 10), (c, 5), (d, 10) give the array [b, d, c, a].
 *
 * <p>Inputs, recognised by content: an SQL dump ({@code INSERT INTO dispatcher ...}), the JSON of
 * {@code opensips-cli -x mi ds_list} (already in array order, states included), or CSV / tab-separated text with
 * a header row, or without one in the table's column order ({@link #COLUMNS}).
 */
public final class OpenSipsDispatcherTable {
  /** The columns of table version 9, in {@code CREATE TABLE} order. */
  public static final List<String> COLUMNS = List.of("id", "setid", "destination", "socket", "state", "probe_mode",
      "weight", "priority", "attrs", "description");

  private final Map<Integer, List<OpenSipsDestination>> sets;

  private OpenSipsDispatcherTable(Map<Integer, List<OpenSipsDestination>> sets) {
    this.sets = sets;
  }

  /** Reads a file. */
  public static OpenSipsDispatcherTable read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /**
   * Parses an export.
   *
   * @throws OpenSipsTableException naming the line of the first bad row
   */
  public static OpenSipsDispatcherTable parse(String text, String source) {
    List<TableRow> rows;
    if (MiDsList.looksLike(text)) {
      rows = MiDsList.rows(text, source);
    } else if (SqlInserts.looksLike(text)) {
      rows = SqlInserts.read(text, source, "dispatcher", COLUMNS);
    } else {
      rows = CsvTable.read(text, source, COLUMNS, "destination");
    }
    if (rows.isEmpty()) {
      throw new OpenSipsTableException(source, 1, "no dispatcher rows");
    }
    Map<Integer, List<OpenSipsDestination>> sets = new TreeMap<>();
    for (TableRow r : rows) {
      OpenSipsDestination d = OpenSipsDestination.of(r);
      sets.computeIfAbsent(d.setId(), k -> new ArrayList<>()).add(d);
    }
    // a stable sort by descending priority is the array add_dest2list + reindex_dests build
    sets.values().forEach(l -> l.sort(Comparator.comparingInt(OpenSipsDestination::priority).reversed()));
    sets.replaceAll((k, v) -> List.copyOf(v));
    return new OpenSipsDispatcherTable(sets);
  }

  /** Returns the set ids, ascending. */
  public List<Integer> setIds() {
    return List.copyOf(sets.keySet());
  }

  /** Returns a set in array order (index 0 first), or an empty list. */
  public List<OpenSipsDestination> set(int setId) {
    return sets.getOrDefault(setId, List.of());
  }
}
