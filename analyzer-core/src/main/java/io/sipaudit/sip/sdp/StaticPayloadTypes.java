package io.sipaudit.sip.sdp;

import java.util.Map;

/**
 * Encoding names of the static RTP payload types of RFC 3551 §6, Table 4 and 5.
 *
 * <p>Example: {@code name("0")} is {@code "PCMU"}, {@code name("18")} is {@code "G729"}, {@code name("101")} is
 * {@code "101"} (dynamic, needs an rtpmap).
 */
final class StaticPayloadTypes {
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("0", "PCMU"), Map.entry("3", "GSM"), Map.entry("4", "G723"), Map.entry("5", "DVI4"),
      Map.entry("6", "DVI4"), Map.entry("7", "LPC"), Map.entry("8", "PCMA"), Map.entry("9", "G722"),
      Map.entry("10", "L16"), Map.entry("11", "L16"), Map.entry("12", "QCELP"), Map.entry("13", "CN"),
      Map.entry("14", "MPA"), Map.entry("15", "G728"), Map.entry("16", "DVI4"), Map.entry("17", "DVI4"),
      Map.entry("18", "G729"), Map.entry("25", "CelB"), Map.entry("26", "JPEG"), Map.entry("28", "nv"),
      Map.entry("31", "H261"), Map.entry("32", "MPV"), Map.entry("33", "MP2T"), Map.entry("34", "H263"));

  private StaticPayloadTypes() {}

  static String name(String format) {
    return NAMES.getOrDefault(format, format);
  }
}
