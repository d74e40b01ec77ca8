package io.sipaudit.textlog;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The text-trace formats sipaudit reads, each recognised by the lines that open its records.
 *
 * <p>Example: {@code TextFormat.of("sofia")} is {@link #SOFIA}; {@code --text-format sofia} makes every other
 * format's lines plain noise. Without it, every line is tried against every format, in this order, so one paste
 * may mix formats. Details and examples per format: {@code docs/inputs.md}.
 */
public enum TextFormat {
  /** Asterisk {@code pjsip set logger on}: {@code <--- Received SIP request (523 bytes) from UDP:ip:port --->}. */
  PJSIP("pjsip", PjsipDialect::new),
  /** Asterisk {@code sip set debug on} (chan_sip, 1.4 and 1.8+): {@code <--- SIP read from UDP:ip:port --->}. */
  CHAN_SIP("chan-sip", ChanSipDialect::new),
  /** FreeSWITCH sofia siptrace: {@code recv 584 bytes from udp/[ip]:port at 12:30:57.916812:}. */
  SOFIA("sofia", SofiaDialect::new),
  /** Kamailio sipdump text ({@code ====}, {@code tag: rcv}, {@code ~~~~}, message, {@code ||||}). */
  KAMAILIO("kamailio", SipdumpDialect::new),
  /** {@code opensips-cli -x trace}: {@code 1718000000.5123 UDP/SIP ip:port -> ip:port}. */
  OPENSIPS("opensips", OpensipsDialect::new),
  /** sngrep "Save as .txt" (1.x and 2.x): {@code 2024/06/10 08:13:20.123456 ip:port -> ip:port}. */
  SNGREP("sngrep", SngrepDialect::new),
  /** {@code ngrep -W byline}: {@code U 2024/06/10 08:13:20.123456 ip:port -> ip:port}, lines ending in {@code .}. */
  NGREP("ngrep", NgrepDialect::new),
  /** SIPp {@code -trace_msg}: a dashed line with the time, then {@code UDP message sent (523 bytes):}. */
  SIPP("sipp", SippDialect::new),
  /** {@code tcpdump -A} or {@code -v}: {@code 08:13:20.123456 IP 192.0.2.10.5060 > 203.0.113.5.5060: SIP: ...}. */
  TCPDUMP("tcpdump", TcpdumpDialect::new),
  /** {@code tshark -V} / Wireshark "Export Packet Dissections as Plain Text": the SIP tree, headers only. */
  TSHARK("tshark", TsharkTreeDialect::new),
  /** {@code tshark -z follow,udp|tcp,ascii,N}: chunks with byte counts, tab-indented for node 1. */
  TSHARK_FOLLOW("tshark-follow", TsharkFollowDialect::new),
  /** SIP messages pasted back to back, with no metadata; also what is left when no other format matches. */
  BARE("bare", BareDialect::new);

  private final String cliName;
  private final Supplier<Dialect> factory;

  TextFormat(String cliName, Supplier<Dialect> factory) {
    this.cliName = cliName;
    this.factory = factory;
  }

  /** Returns the name used by {@code --text-format}, e.g. {@code "chan-sip"}. */
  public String cliName() {
    return cliName;
  }

  /** Returns a fresh dialect of this format, for one reader. */
  Dialect newDialect() {
    return factory.get();
  }

  /** Returns the format named {@code name} (its CLI name or constant, any case). */
  public static TextFormat of(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (TextFormat f : values()) {
      if (f.cliName.equals(n)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown text format '" + name + "' (expected one of: " + names() + ")");
  }

  /** Returns the CLI names, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(TextFormat::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
