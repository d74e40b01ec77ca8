package io.sipaudit.cli;

import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A lab capture written as the text trace an engineer would paste: sngrep's "Save as .txt" layout, one header line
 * per message ({@code 2026/11/26 08:44:25.118387 127.0.1.100:5060 -> 127.0.1.1:5060}), the message without CRs,
 * a blank line.
 *
 * <p>Example: {@code LabTrace.sngrep(samples().resolve("rr-alg4/capture.pcap"))} holds the 30 calls Kamailio logged
 * in {@code rr-alg4/truth.csv}.
 */
final class LabTrace {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS",
      Locale.ROOT).withZone(ZoneOffset.UTC);

  private LabTrace() {}

  /** Returns every SIP message of {@code capture} in sngrep's text layout. */
  static String sngrep(Path capture) {
    StringBuilder out = new StringBuilder();
    new SipIngest().parallel(false).run(List.of(capture), e -> {
      if (e instanceof SipPacket p) {
        out.append(TIME.format(p.ref().timestamp())).append(' ').append(p.src()).append(" -> ").append(p.dst())
            .append('\n')
            .append(new String(p.message().toByteArray(), StandardCharsets.UTF_8).replace("\r", ""))
            .append("\n\n");
      }
    });
    return out.toString();
  }
}
