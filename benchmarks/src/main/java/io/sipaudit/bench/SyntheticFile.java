package io.sipaudit.bench;

import io.sipaudit.synth.SynthConfig;
import io.sipaudit.synth.SyntheticCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A synthetic balancer capture in a temporary file, as {@code sipaudit synth --calls N} writes it (15 % TCP, 5 %
 * fragmented INVITEs, OPTIONS pings): 10,000 calls are about 133,000 frames and 69 MB.
 */
final class SyntheticFile implements AutoCloseable {
  final Path path;
  final long frames;

  SyntheticFile(long calls, double tcpShare) {
    try {
      path = Files.createTempFile("sipaudit-bench-", ".pcap");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    frames = SyntheticCapture.write(path, new SynthConfig(calls, 4, tcpShare, 0.05, 500, 3.0, 1));
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
