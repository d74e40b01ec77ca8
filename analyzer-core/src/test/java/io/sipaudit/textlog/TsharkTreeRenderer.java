package io.sipaudit.textlog;

import io.sipaudit.net.Transport;
import java.util.List;

/**
 * Writes messages as {@code tshark -V} prints their dissection: frame, IP, UDP/TCP, then the SIP tree with the
 * start line's fields, the header lines and their fields, generated fields in brackets, and the body dissected.
 *
 * <p>Example: {@code Session Initiation Protocol (INVITE)}, {@code     Request-Line: INVITE sip:2000@lab.example
 * SIP/2.0}, {@code         Method: INVITE}, {@code     Message Header}, {@code         Via: SIP/2.0/UDP ...},
 * {@code             Transport: UDP}.
 */
final class TsharkTreeRenderer {
  private TsharkTreeRenderer() {}

  static void render(List<RenderedMessage> messages, StringBuilder out) {
    int frame = 0;
    for (RenderedMessage m : messages) {
      int length = m.raw().length + 42;
      out.append("Frame ").append(++frame).append(": ").append(length).append(" bytes on wire (").append(length * 8)
          .append(" bits), ").append(length).append(" bytes captured (").append(length * 8).append(" bits)\n")
          .append("    Encapsulation type: Ethernet (1)\n")
          .append("    Epoch Time: ").append(m.epochMicros()).append("000 seconds\n")
          .append("    [Protocols in frame: eth:ethertype:ip:udp:sip]\n")
          .append("Ethernet II, Src: 02:00:00:00:00:01, Dst: 02:00:00:00:00:02\n")
          .append("Internet Protocol Version 4, Src: ").append(m.src().host()).append(", Dst: ")
          .append(m.dst().host()).append('\n')
          .append(m.transport() == Transport.UDP ? "User Datagram Protocol" : "Transmission Control Protocol")
          .append(", Src Port: ").append(m.src().port()).append(", Dst Port: ").append(m.dst().port()).append('\n');
      String[] lines = m.lines();
      String start = lines[0];
      out.append("Session Initiation Protocol (").append(m.isRequest() ? start.split(" ")[0] : start.substring(8))
          .append(")\n");
      out.append(m.isRequest() ? "    Request-Line: " : "    Status-Line: ").append(start).append('\n');
      out.append(m.isRequest() ? "        Method: " + start.split(" ")[0] : "        Status-Code: " + start.split(" ")[1])
          .append('\n').append("        [Resent Packet: False]\n");
      out.append("    Message Header\n");
      int i = 1;
      for (; i < lines.length && !lines[i].isEmpty(); i++) {
        out.append("        ").append(lines[i]).append('\n');
        if (lines[i].startsWith("Via:")) {
          out.append("            Transport: ").append(m.transport()).append('\n');
        }
        if (lines[i].startsWith("Call-ID:")) {
          out.append("        [Generated Call-ID: ").append(lines[i].substring(8).strip()).append("]\n");
        }
      }
      if (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
        out.append("    Message Body\n        Session Description Protocol\n");
        for (int b = i + 1; b < lines.length; b++) {
          if (!lines[b].isEmpty()) {
            out.append("            ").append(lines[b].charAt(0)).append(" line: ").append(lines[b]).append('\n');
          }
        }
      }
      out.append('\n');
    }
  }
}
