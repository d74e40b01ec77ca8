package io.sipaudit.textlog;

import java.util.List;

/**
 * Writes messages the way node-centric logs do (Asterisk PJSIP and chan_sip, FreeSWITCH sofia, SIPp), and as bare
 * SIP, following the format strings quoted in the trace-format notes §1.1-§1.3, §1.11 and SIPp's
 * {@code socket.cpp}.
 *
 * <p>Example ({@link #pjsipConsole}): {@code <--- Received SIP request (523 bytes) from UDP:127.0.1.100:5060 --->},
 * the message verbatim, a line end.
 */
final class NodeLogRenderers {
  static final String DASHES_72 = "-".repeat(72);

  private NodeLogRenderers() {}

  static void bareRaw(List<RenderedMessage> messages, StringBuilder out) {
    messages.forEach(m -> out.append(m.text()));
  }

  /** Pasted through a terminal: CRs lost, an empty line between messages. */
  static void barePasted(List<RenderedMessage> messages, StringBuilder out) {
    messages.forEach(m -> out.append(m.text().replace("\r", "")).append('\n'));
  }

  static void pjsipConsole(List<RenderedMessage> messages, StringBuilder out) {
    messages.forEach(m -> out.append(pjsipBanner(m)).append('\n').append(m.text()).append('\n'));
  }

  /** {@code /var/log/asterisk/full} with FreePBX's {@code %F %T} date: only the banner is prefixed. */
  static void pjsipFullLog(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      out.append(asteriskPrefix(m)).append(" res_pjsip_logger.c: ").append(pjsipBanner(m)).append('\n')
          .append(m.text()).append('\n');
      out.append(asteriskPrefix(m)).append(" res_rtp_asterisk.c: Got  RTP packet from    127.0.1.9:4000\n");
    }
  }

  private static String pjsipBanner(RenderedMessage m) {
    return "<--- " + (m.inbound() ? "Received" : "Transmitting") + " SIP " + (m.isRequest() ? "request" : "response")
        + " (" + m.raw().length + " bytes) " + (m.inbound() ? "from " : "to ") + m.transport() + ":" + m.peer()
        + " --->";
  }

  private static String asteriskPrefix(RenderedMessage m) {
    return String.format("[%tF %<tT] VERBOSE[2152][C-00000001]", m.utc());
  }

  /** 1.8+ to 16, in the full log: the read banner's prefixed first line is empty. */
  static void chanSip18(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      out.append(asteriskPrefix(m)).append(" chan_sip.c: \n");
      if (m.inbound()) {
        out.append("<--- SIP read from ").append(m.transport()).append(':').append(m.peer()).append(" --->\n")
            .append(m.text()).append("\n<------------->\n");
        int headers = m.lines().length;
        out.append("--- (").append(headers).append(" headers 0 lines) ---\n");
      } else if (m.isRequest()) {
        out.append("Reliably Transmitting (NAT) to ").append(m.peer()).append(":\n").append(m.text()).append("\n---\n");
      } else {
        out.append("<--- Transmitting (no NAT) to ").append(m.peer()).append(" --->\n").append(m.text())
            .append("\n<------------>\n");
      }
    }
  }

  /** 1.4, on the console. */
  static void chanSip14(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      if (m.inbound()) {
        out.append("\n<-- SIP read from ").append(m.peer()).append(": \n").append(m.text())
            .append("\n--- (9 headers 0 lines) ---\n");
      } else {
        out.append("Transmitting (NAT) to ").append(m.peer()).append(":\n").append(m.text()).append("\n---\n");
      }
      out.append("Really destroying SIP dialog '").append("x@y").append("' Method: OPTIONS\n");
    }
  }

  static void sofiaOld(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      out.append(sofiaStamp(m)).append("   ").append(DASHES_72).append('\n');
      for (String line : m.lines()) {
        out.append("   ").append(line).append('\n');
      }
      out.append("   ").append(DASHES_72).append('\n');
    }
  }

  static void sofiaNew(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      out.append(sofiaStamp(m)).append(DASHES_72).append('\n');
      for (String line : m.lines()) {
        out.append(line).append('\n');
      }
      out.append('\n');
    }
  }

  private static String sofiaStamp(RenderedMessage m) {
    return (m.inbound() ? "recv " : "send ") + m.raw().length + " bytes " + (m.inbound() ? "from " : "to ")
        + m.transport().name().toLowerCase(java.util.Locale.ROOT) + "/[" + m.peer().host() + "]:" + m.peer().port()
        + " at " + m.timeOfDay() + ":\n";
  }

  static void sipp(List<RenderedMessage> messages, StringBuilder out) {
    for (RenderedMessage m : messages) {
      out.append("----------------------------------------------- ")
          .append(String.format("%tF %<tT.%06d", m.utc(), m.utc().getNano() / 1000)).append('\n');
      out.append(m.transport()).append(m.inbound() ? " message received [" + m.raw().length + "] bytes :"
          : " message sent (" + m.raw().length + " bytes):").append("\n\n").append(m.text()).append('\n');
    }
  }
}
