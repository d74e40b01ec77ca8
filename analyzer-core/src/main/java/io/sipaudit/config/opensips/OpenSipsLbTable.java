package io.sipaudit.config.opensips;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenSIPS 3.x's {@code load_balancer} table, each group in row order ({@code add_lb_dsturi()} appends at the
 * tail; ties between equally available destinations go to the first).
 *
 * <p>Example CSV: {@code id,group_id,dst_uri,resources,probe_mode} then
 * {@code 1,1,sip:10.0.0.1:5060,pstn=32;transc=10,1}. Also an SQL dump ({@code INSERT INTO load_balancer ...}), or
 * CSV without a header row in the table's column order ({@link #COLUMNS}).
 */
public final class OpenSipsLbTable {
  /** The columns of table version 3, in {@code CREATE TABLE} order. */
  public static final List<String> COLUMNS = List.of("id", "group_id", "dst_uri", "resources", "probe_mode",
      "attrs", "description");

  private final Map<Integer, List<LbDestination>> groups;

  private OpenSipsLbTable(Map<Integer, List<LbDestination>> groups) {
    this.groups = groups;
  }

  /** Reads a file. */
  public static OpenSipsLbTable read(Path file) {
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
  public static OpenSipsLbTable parse(String text, String source) {
    List<TableRow> rows = SqlInserts.looksLike(text) ? SqlInserts.read(text, source, "load_balancer", COLUMNS)
        : CsvTable.read(text, source, COLUMNS, "dst_uri");
    if (rows.isEmpty()) {
      throw new OpenSipsTableException(source, 1, "no load_balancer rows");
    }
    Map<Integer, List<LbDestination>> groups = new TreeMap<>();
    for (TableRow r : rows) {
      LbDestination d = LbDestination.of(r);
      groups.computeIfAbsent(d.groupId(), k -> new ArrayList<>()).add(d);
    }
    groups.replaceAll((k, v) -> List.copyOf(v));
    return new OpenSipsLbTable(groups);
  }

  /** Returns the group ids, ascending. */
  public List<Integer> groupIds() {
    return List.copyOf(groups.keySet());
  }

  /** Returns a group in row order, or an empty list. */
  public List<LbDestination> group(int groupId) {
    return groups.getOrDefault(groupId, List.of());
  }
}
