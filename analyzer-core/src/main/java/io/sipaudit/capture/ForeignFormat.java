package io.sipaudit.capture;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Capture formats that sipaudit does not read but that Wireshark's {@code editcap} converts to pcapng, told by their
 * first bytes so that the user hears what the file is instead of a text-trace error about binary lines.
 *
 * <p>Example: a file starting {@code "GMBU"} is a Microsoft Network Monitor 2.x capture.
 */
public final class ForeignFormat {
  /** How many leading bytes {@link #describe} looks at, at most. */
  public static final int HEAD = 32;

  private record Magic(byte[] bytes, String name) {}

  private static final List<Magic> MAGICS = List.of(
      magic("RTSS", "a Microsoft Network Monitor 1.x capture"),
      magic("GMBU", "a Microsoft Network Monitor 2.x capture"),
      magic("snoop\0\0\0", "a Solaris snoop capture"),
      magic("iptrace 1.0", "an AIX iptrace capture"),
      magic("iptrace 2.0", "an AIX iptrace capture"),
      magic("TRSNIFF data    \u001a", "a Network General Sniffer capture"),
      magic("XCP\0", "a NetXRay / Windows Sniffer capture"),
      magic("ObserverPktBuffer", "a Network Instruments Observer capture"),
      new Magic(new byte[] {0, 0, 2, 0, 0x12, 0x05, 0, 0x10}, "a Tektronix K12 capture"),
      new Magic(new byte[] {0x54, 0x52, 0, 0x64, 0}, "an HP-UX nettl capture"));

  private ForeignFormat() {}

  private static Magic magic(String text, String name) {
    return new Magic(text.getBytes(StandardCharsets.ISO_8859_1), name);
  }

  /** Returns what the file starting with {@code head} is, e.g. {@code "a Solaris snoop capture"}, or null. */
  public static @Nullable String describe(byte[] head) {
    for (Magic m : MAGICS) {
      if (head.length >= m.bytes.length && Arrays.equals(head, 0, m.bytes.length, m.bytes, 0, m.bytes.length)) {
        return m.name;
      }
    }
    return null;
  }

  /**
   * Returns the error for such a file, naming the conversion; e.g. {@code "trace.cap is a Microsoft Network Monitor
   * 2.x capture, which sipaudit does not read (it reads pcap, pcapng and SIP text traces); convert it with Wireshark's
   * editcap: editcap -F pcapng trace.cap trace.pcapng"}.
   */
  public static String problem(String source, String what) {
    String in = source.equals("-") ? "capture.cap" : source;
    String base = in.replaceFirst("\\.[A-Za-z0-9]{1,6}$", "");
    return source + " is " + what + ", which sipaudit does not read (it reads pcap, pcapng and SIP text traces);"
        + " convert it with Wireshark's editcap: editcap -F pcapng " + in + " " + base + ".pcapng";
  }
}
