package io.sipaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The capture files a command reads, and whether to show progress: {@code a.pcap b.pcapng.gz --quiet}. */
final class CaptureInputs {

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "Capture files (pcap, pcapng, either gzip-compressed); several are merged in time order.")
  List<Path> files = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "No progress bar on stderr.")
  boolean quiet;

  /** Checks that every file exists and is readable, so a typo fails with exit 66 before any work. */
  List<Path> checked() throws NoSuchFileException {
    for (Path p : files) {
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        throw new NoSuchFileException(p.toString());
      }
    }
    return files;
  }

  /** Returns a progress bar on {@code err} when it is a terminal and not {@code --quiet}, else none. */
  ProgressBar progress(PrintWriter err) {
    long total = 0;
    for (Path p : files) {
      try {
        total += Files.size(p);
      } catch (java.io.IOException e) {
        // size unknown: the bar shows frames only
      }
    }
    return new ProgressBar(err, total, !quiet && System.console() != null);
  }
}
