package io.sipaudit.textlog;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes messages the way tools that see both addresses do (Kamailio sipdump, opensips-cli, sngrep, ngrep,
 * tcpdump, tshark follow), following the format strings quoted in the trace-format notes §1.4-§1.9.
 *
 * <p>Example ({@link #sngrep}): {@code 2026/11/26 04:59:58.214303 127.0.1.1:5060 -> 127.0.1.13:5060}, the message
 * with its CRs, two line ends.
 */
final class WireTextRenderers {
  private static final String ESC = "\u001b";

  private WireTextRenderers() {}

  static void sipdump(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      out.append("====================\n").append("tag: ").append(m.inbound() ? "rcv" : "snd").append('\n')
          .append("pid: 1234\nprocess: 5\ntime: ").append(m.epochMicros()).append('\n')
          .append(String.format(Locale.ROOT, "date: %ta %<tb %<te %<tT %<tY%n", m.utc()))
          .append("proto: ").append(m.transport().name().toLowerCase(Locale.ROOT)).append(" ipv4\n")
          .append("srcip: ").append(m.src().host()).append("\nsrcport: ").append(m.src().port()).append('\n')
          .append("dstip: ").append(m.dst().host()).append("\ndstport: ").append(m.dst().port()).append('\n')
          .append("~~~~~~~~~~~~~~~~~~~~\n").append(m.text()).append("||||||||||||||||||||\n");
    }
  }

  static void opensips(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      out.append(ESC).append("[1;34m").append(m.time().getEpochSecond()).append('.').append(m.time().getNano() / 1000)
          .append(ESC).append("[0m").append(ESC).append("[1;36m ").append(m.transport()).append("/SIP ")
          .append(RenderedMessage.unbracketed(m.src())).append(" -> ").append(RenderedMessage.unbracketed(m.dst()))
          .append(ESC).append("[0m\n").append(m.text()).append('\n');
    }
  }

  static void sngrep(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      out.append(String.format("%tY/%<tm/%<td ", m.utc())).append(m.timeOfDay()).append(' ')
          .append(RenderedMessage.unbracketed(m.src())).append(" -> ").append(RenderedMessage.unbracketed(m.dst()))
          .append('\n').append(m.text()).append("\n\n");
    }
  }

  static void ngrepAbsolute(List<RenderedMessage> messages, StringBuilder out) {
    out.append("interface: lo (127.0.0.0/255.0.0.0)\nfilter: ( port 5060 ) and ((ip || ip6) || (vlan && (ip || ip6)))\n");
    for (RenderedMessage m : messages) {
      out.append("#\n").append(ngrepIdent(m)).append(' ').append(String.format("%tY/%<tm/%<td ", m.utc()))
          .append(m.timeOfDay()).append(' ');
      ngrepPacket(m, out);
    }
    out.append("exit\n");
  }

  static void ngrepRelative(List<RenderedMessage> messages, StringBuilder out) {
    Instant previous = null;
    for (RenderedMessage m : messages) {
      Duration d = previous == null ? Duration.ZERO : Duration.between(previous, m.time());
      previous = m.time();
      out.append("###\n").append(ngrepIdent(m)).append(String.format(" +%d.%06d ", d.getSeconds(), d.getNano() / 1000));
      ngrepPacket(m, out);
    }
  }

  private static String ngrepIdent(RenderedMessage m) {
    return m.transport() == Transport.UDP ? "U" : "T";
  }

  private static void ngrepPacket(RenderedMessage m, StringBuilder out) {
    out.append(RenderedMessage.unbracketed(m.src())).append(" -> ").append(RenderedMessage.unbracketed(m.dst()))
        .append(m.transport() == Transport.UDP ? "" : " [AP]").append('\n');
    for (byte b : m.raw()) {
      out.append(b == '\n' ? '\n' : b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    out.append("\n\n");
  }

  static void tcpdumpAscii(List<RenderedMessage> messages, StringBuilder out) {
    long seq = 1;
    for (RenderedMessage m : messages) {
      boolean tcp = m.transport() != Transport.UDP;
      out.append(m.timeOfDay()).append(" IP ").append(dotted(m.src())).append(" > ").append(dotted(m.dst()))
          .append(": ").append(tcp ? "Flags [P.], seq " + seq + ":" + (seq + m.raw().length) + ", ack 1, win 512, "
          + "length " + m.raw().length + ": " : "").append("SIP: ").append(m.firstLine()).append('\n');
      byte[] frame = tcp ? FrameEncoder.tcp(m.src(), m.dst(), seq, 1, m.raw()) : FrameEncoder.udp(m.src(), m.dst(), m.raw());
      seq += tcp ? m.raw().length : 0;
      byte[] ip = FrameEncoder.ipPacket(frame);
      for (int i = 0; i < ip.length; i++) {
        byte b = ip[i];
        if (b == '\r' && i + 1 < ip.length && ip[i + 1] == '\n') {
          continue;
        }
        out.append(b == '\n' || b == '\t' || (b >= 0x20 && b < 0x7f) ? (char) b : '.');
      }
    }
  }

  /** {@code -tttt -v}: the date, IP details on the first line, the addresses on the second, the SIP tab-indented. */
  static void tcpdumpVerbose(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      out.append(String.format("%tF ", m.utc())).append(m.timeOfDay()).append(" IP (tos 0x0, ttl 64, id 0, offset 0, "
          + "flags [DF], proto ").append(m.transport() == Transport.UDP ? "UDP (17)" : "TCP (6)").append(", length ")
          .append(m.raw().length + 28).append(")\n    ").append(dotted(m.src())).append(" > ").append(dotted(m.dst()))
          .append(": SIP, length: ").append(m.raw().length).append('\n');
      for (String line : m.lines()) {
        out.append('\t').append(line).append('\n');
      }
    }
  }

  private static String dotted(Endpoint e) {
    return e.host() + "." + e.port();
  }

  /** One follow block per run of messages on the same pair of endpoints and transport. */
  static void tsharkFollow(List<RenderedMessage> messages, StringBuilder out) {
    String rule = "=".repeat(67);
    Endpoint node0 = null;
    Endpoint node1 = null;
    Transport transport = null;
    int stream = 0;
    for (RenderedMessage m : messages) {
      boolean same = transport == m.transport() && ((m.src().equals(node0) && m.dst().equals(node1))
          || (m.src().equals(node1) && m.dst().equals(node0)));
      if (!same) {
        if (transport != null) {
          out.append(rule).append('\n');
        }
        node0 = m.src();
        node1 = m.dst();
        transport = m.transport();
        String proto = transport == Transport.UDP ? "udp" : "tcp";
        out.append('\n').append(rule).append("\nFollow: ").append(proto).append(",ascii\nFilter: ").append(proto)
            .append(".stream eq ").append(stream++).append("\nNode 0: ").append(node0).append("\nNode 1: ")
            .append(node1).append('\n');
      }
      out.append(m.src().equals(node0) ? "" : "\t").append(m.raw().length).append('\n');
      for (byte b : m.raw()) {
        out.append(b == '\r' || b == '\n' || (b >= 0x20 && b < 0x7f) ? (char) b : '.');
      }
      out.append('\n');
    }
    if (transport != null) {
      out.append(rule).append('\n');
    }
  }
}
