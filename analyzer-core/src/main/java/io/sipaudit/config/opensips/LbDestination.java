package io.sipaudit.config.opensips;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of OpenSIPS 3.x's {@code load_balancer} table ({@code scripts/mysql/load_balancer-create.sql},
 * version 3).
 *
 * <p>Example: {@code 1, group 1, sip:10.0.0.1:5060, pstn=32;transc=10, probe_mode 1} offers 32 PSTN channels and 10
 * transcoding slots, and is probed only while disabled.
 *
 * @param id {@code id}
 * @param groupId {@code group_id}
 * @param uri {@code dst_uri}
 * @param resources {@code resources}: each resource's maximum load, in the order written
 * @param probeMode {@code probe_mode}: 0 never probed, 1 probed while disabled, 2 always
 * @param attrs {@code attrs}, or null
 * @param description {@code description}, or null
 * @param line the line of the row in its file
 */
public record LbDestination(int id, int groupId, String uri, Map<String, Integer> resources, int probeMode,
    @Nullable String attrs, @Nullable String description, int line) {
  public LbDestination {
    requireNonNull(uri, "uri");
    resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
  }

  /** Returns {@code host:port} of the URI, the port defaulting to 5060 (5061 for sips). */
  public String hostPort() {
    return io.sipaudit.truth.Destinations.hostPort(uri);
  }

  static LbDestination of(TableRow r) {
    String uri = r.required("dst_uri");
    if (!uri.regionMatches(true, 0, "sip:", 0, 4) && !uri.regionMatches(true, 0, "sips:", 0, 5)) {
      throw r.error("dst_uri '" + uri + "' is not a sip: or sips: URI");
    }
    int probeMode = r.integer("probe_mode", 0);
    if (probeMode < 0 || probeMode > 2) {
      throw r.error("probe_mode " + probeMode + " (expected: 0, 1 or 2)");
    }
    return new LbDestination(r.integer("id", 0), r.integer("group_id", 0), uri, resources(r), probeMode,
        r.text("attrs"), r.text("description"), r.line());
  }

  /** Reads {@code pstn=32;transc=10} ({@code name=max} separated by {@code ;}). */
  private static Map<String, Integer> resources(TableRow r) {
    String text = r.required("resources");
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = eq < 0 ? "" : part.substring(0, eq).strip();
      String max = eq < 0 ? "" : part.substring(eq + 1).strip();
      if (name.isEmpty()) {
        throw r.error("resource '" + part.strip() + "' in '" + text + "' (expected: name=max, e.g. pstn=32)");
      }
      if (max.startsWith("fs://")) {
        throw r.error("resource " + name + "'s maximum is fetched from FreeSWITCH at run time; give the number");
      }
      try {
        int n = Integer.parseInt(max);
        if (n < 0) {
          throw new NumberFormatException();
        }
        if (out.put(name, n) != null) {
          throw r.error("resource " + name + " given twice in '" + text + "'");
        }
      } catch (NumberFormatException e) {
        throw r.error("resource " + name + "'s maximum '" + max + "' is not a number >= 0");
      }
    }
    if (out.isEmpty()) {
      throw r.error("no resources in '" + text + "'");
    }
    return out;
  }
}
