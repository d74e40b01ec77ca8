package io.sipaudit.cli;

import io.sipaudit.config.DispatcherSetup;
import io.sipaudit.config.KamailioCfg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --kamailio-cfg FILE [--define NAME[=VALUE]]... [--define-file FILE]}: the balancer's kamailio.cfg and the
 * {@code -A} defines it was started with, for every command that reads it.
 *
 * <p>Example: {@code --kamailio-cfg samples/rr-alg4/balancer.cfg --define-file samples/rr-alg4/balancer.defines}.
 */
final class KamailioCfgOptions {

  @Option(names = "--kamailio-cfg", paramLabel = "FILE",
      description = "The balancer's kamailio.cfg: the algorithm and set of its ds_select_dst call (unless"
          + " --algorithm/--set say otherwise), the dispatcher flags, probing thresholds and mode, ping reply codes,"
          + " tm timers and whether a failure_route marks destinations and retries with ds_next_dst.")
  @Nullable Path file;

  @Option(names = "--define", paramLabel = "NAME[=VALUE]",
      description = "A define for --kamailio-cfg, as kamailio -A NAME=VALUE. Repeatable.")
  List<String> defines = new ArrayList<>();

  @Option(names = "--define-file", paramLabel = "FILE",
      description = "Defines for --kamailio-cfg, one NAME[=VALUE] per line (the lab writes balancer.defines).")
  @Nullable Path defineFile;

  private @Nullable DispatcherSetup setup;

  /** Returns the dispatcher setup of {@code --kamailio-cfg}, read once, or null without one. */
  @Nullable DispatcherSetup setup() {
    if (file != null && setup == null) {
      setup = read(file, defineFile, defines);
    }
    return setup;
  }

  /** Returns the DNS SRV settings of {@code --kamailio-cfg} (Kamailio's defaults without one). */
  io.sipaudit.config.SrvSetup srvSetup() {
    return file == null ? io.sipaudit.config.SrvSetup.DEFAULTS : parse(file, defineFile, defines).srvSetup();
  }

  /** Reads a kamailio.cfg with defines from {@code defineFile} lines and {@code defines} values. */
  static DispatcherSetup read(Path cfg, @Nullable Path defineFile, List<String> defines) {
    return parse(cfg, defineFile, defines).dispatcherSetup();
  }

  private static KamailioCfg parse(Path cfg, @Nullable Path defineFile, List<String> defines) {
    List<String> all = new ArrayList<>();
    if (defineFile != null) {
      try {
        for (String line : Files.readAllLines(defineFile)) {
          if (!line.isBlank() && !line.trim().startsWith("#")) {
            all.add(line.trim());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    all.addAll(defines);
    return KamailioCfg.read(cfg, KamailioCfg.defines(all.toArray(String[]::new)));
  }
}
