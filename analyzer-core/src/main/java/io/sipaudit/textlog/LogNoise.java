package io.sipaudit.textlog;

import java.util.regex.Pattern;

/**
 * Recognises log lines that are never part of a SIP message, so that they are skipped even when they land
 * between a message's header lines or right after its body (§1.13 of the trace-format notes).
 *
 * <p>Examples: Asterisk verbose {@code "    -- Executing [1101@default:1] Dial(\"SIP/100-0001\", ...)"},
 * {@code "       > 0x2648ed0 -- Strict RTP learning after remote address set to: 192.0.2.7:4000"},
 * {@code "Got  RTP packet from    192.0.2.7:4000 (type 00, seq 012345, ts 160, len 000160)"}, a CLI prompt
 * {@code "freepbx*CLI> "}, FreeSWITCH {@code "2024-06-10 08:13:20.123456 [DEBUG] sofia.c:7084 Channel ..."}, Kamailio
 * {@code " 0(1234) INFO: <script>: ..."}, syslog {@code "Jun 10 08:13:20 lb kamailio[1234]: INFO: ..."}.
 */
final class LogNoise {
  private static final Pattern NOISE = Pattern.compile(
      "(?: {2}== | {4}-- | {7}> )"                                          // Asterisk verbose levels 2-4
      + "|(?:Got|Sent) +RTC?P "                                            // Asterisk rtp debug
      + "|\\S*\\*?CLI> "                                                   // Asterisk CLI prompt
      + "|freeswitch@\\S*> "                                               // fs_cli prompt
      + "|(?:[0-9a-f-]{36} )?\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ (?:\\d+\\.\\d+% )?\\[[A-Z]+\\] "
      + "|\\s*\\d+\\(\\d+\\) (?:DEBUG|INFO|NOTICE|WARNING|ERROR|CRITICAL|ALERT|BUG|L_[A-Z]+): "
      + "|[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ [\\w./-]+\\[\\d+\\]: "
      + "|(?:Really destroying|Scheduling destruction of) SIP dialog "
      + "|Retransmission timeout reached on transmission "
      + "|--- \\(\\d+ headers \\d+ lines\\)");

  private LogNoise() {}

  /** Returns whether the line starts like a log line of Asterisk, FreeSWITCH, Kamailio or syslog. */
  static boolean isLogLine(String line) {
    return line.length() >= 6 && !isSdpLine(line) && !SipLines.isHeaderLine(line) && NOISE.matcher(line).lookingAt();
  }

  /** {@code v=0}, {@code a=rtpmap:0 PCMU/8000}: a letter, then {@code =}. */
  private static boolean isSdpLine(String line) {
    return line.charAt(1) == '=' && line.charAt(0) >= 'a' && line.charAt(0) <= 'z';
  }
}
