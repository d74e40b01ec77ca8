package io.sipaudit.config.opensips;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One row of OpenSIPS 3.x's {@code dispatcher} table ({@code scripts/mysql/dispatcher-create.sql}, version 9).
 *
 * <p>Example: {@code id 3, setid 1, destination sip:10.0.0.3:5060, state 0, probe_mode 0, weight 2, priority 10}
 * is an active destination of set 1 that the weighted algorithms give twice the share of a weight-1 one.
 *
 * @param setId {@code setid}
 * @param uri {@code destination}
 * @param socket {@code socket}, or null
 * @param state {@code state}: 0 active, 1 inactive, 2 probing (loaded when {@code persistent_state=1}, the default)
 * @param probeMode {@code probe_mode}: 1 = pinged even while active
 * @param weight {@code weight} (default 1; 0 = never chosen while another weight is positive)
 * @param priority {@code priority}: orders the set only, higher first
 * @param attrs {@code attrs}, or null
 * @param description {@code description}, or null
 * @param line the line of the row in its file
 */
public record OpenSipsDestination(int setId, String uri, @Nullable String socket, int state, int probeMode,
    int weight, int priority, @Nullable String attrs, @Nullable String description, int line) {
  public static final int ACTIVE = 0;
  public static final int INACTIVE = 1;
  public static final int PROBING = 2;

  public OpenSipsDestination {
    requireNonNull(uri, "uri");
    if (weight < 0) {
      throw new IllegalArgumentException("weight " + weight + " (expected: >= 0)");
    }
  }

  /** Returns {@code host:port} of the URI, the port defaulting to 5060 (5061 for sips). */
  public String hostPort() {
    return io.sipaudit.truth.Destinations.hostPort(uri);
  }

  /** Reads a table row; errors name the file and line. */
  static OpenSipsDestination of(TableRow r) {
    String uri = r.required("destination");
    if (!uri.regionMatches(true, 0, "sip:", 0, 4) && !uri.regionMatches(true, 0, "sips:", 0, 5)) {
      throw r.error("destination '" + uri + "' is not a sip: or sips: URI");
    }
    int state = r.integer("state", ACTIVE);
    if (state < 0 || state > 2) {
      throw r.error("state " + state + " (expected: 0 active, 1 inactive, 2 probing)");
    }
    String w = r.text("weight");
    int weight;
    if (w == null) {
      weight = 1;
    } else if (w.startsWith("fs://")) {
      throw r.error("weight '" + w + "' is fetched from FreeSWITCH at run time (fetch_freeswitch_stats); give the"
          + " integer weights it had");
    } else {
      weight = r.integer("weight", 1);
      if (weight < 0) {
        throw r.error("weight " + weight + " (expected: 0 or more)");
      }
    }
    int probeMode = r.integer("probe_mode", 0);
    if (probeMode < 0 || probeMode > 1) {
      throw r.error("probe_mode " + probeMode + " (expected: 0 or 1)");
    }
    return new OpenSipsDestination(r.integer("setid", 0), uri, r.text("socket"), state, probeMode, weight,
        r.integer("priority", 0), r.text("attrs"), r.text("description"), r.line());
  }
}
