package io.sipaudit.truth;

import java.util.Locale;

/** How a call ended, as the balancer saw it. Written in CSV as the lower-case name ({@code no_destination}). */
public enum Outcome {
  /** A destination answered with 2xx. */
  ANSWERED,
  /** The last destination tried sent a final 3xx-6xx reply. */
  REJECTED,
  /** The last destination tried did not answer in time (tm's local 408). */
  TIMEOUT,
  /** The balancer had no usable destination and rejected the call itself. */
  NO_DESTINATION,
  /** The log ends before the call's first transaction did. */
  UNKNOWN;

  /** Returns the CSV spelling, for example {@code no_destination}. */
  public String csvName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the CSV spelling; the error lists the accepted names. */
  public static Outcome ofCsvName(String name) {
    for (Outcome o : values()) {
      if (o.csvName().equals(name.trim())) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown outcome '" + name + "' (expected one of: "
        + java.util.Arrays.stream(values()).map(Outcome::csvName).collect(java.util.stream.Collectors.joining(", ")) + ")");
  }
}
