package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.capture.PcapWriter;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TextTracesTest {
  @TempDir Path dir;

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      z.write(data);
    }
    return b.toByteArray();
  }

  @Test
  void gzipCompressedLogIsReadLikeThePlainOne() throws IOException {
    byte[] plain = Traces.class.getResourceAsStream("/textlog/sofia-old.txt").readAllBytes();
    Path file = dir.resolve("freeswitch.log.1.gz");
    Files.write(file, gzip(plain));

    try (TextTraceReader r = TextTraces.open(file, TextTraceOptions.DEFAULTS)) {
      assertEquals("REGISTER sip:192.0.2.4;transport=UDP SIP/2.0",
          ((io.sipaudit.ingest.SipPacket) r.next()).message().startLine());
      assertEquals(file.toString(), r.source());
    }
  }

  @Test
  void capturesAreToldFromTextByTheirMagicEvenGzippedWithoutConsumingAnything() throws IOException {
    Path pcap = dir.resolve("x.pcap");
    PcapWriter.create(pcap, 1, PcapWriter.Precision.MICROS, false).close();
    byte[] capture = Files.readAllBytes(pcap);
    byte[] pcapng = {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0};
    byte[] text = "<--- Received SIP request".getBytes(StandardCharsets.US_ASCII);

    for (byte[] yes : new byte[][] {capture, gzip(capture), pcapng}) {
      BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(yes));
      assertTrue(TextTraces.startsLikeCapture(in));
      assertEquals(yes[0], (byte) in.read(), "nothing consumed");
    }
    for (byte[] no : new byte[][] {text, gzip(text), new byte[0], {'a'}}) {
      assertFalse(TextTraces.startsLikeCapture(new BufferedInputStream(new ByteArrayInputStream(no))));
    }
  }
}
