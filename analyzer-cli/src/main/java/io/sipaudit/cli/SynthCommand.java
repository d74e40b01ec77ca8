package io.sipaudit.cli;

import io.sipaudit.synth.SynthConfig;
import io.sipaudit.synth.SyntheticCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sipaudit synth --calls 100000 -o big.pcap}: writes a synthetic balancer capture for benchmarks. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Write a synthetic but realistic capture of calls through one balancer to several backends (14 SIP"
          + " messages per call over two legs, OPTIONS probes every second, a share of calls over TCP with"
          + " persistent connections and split segments, a share of IP-fragmented INVITEs), of any size, for"
          + " benchmarks and large-file tests. The same options always write the same file.",
      "A name ending in .gz writes gzip."
    })
final class SynthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The pcap to write.")
  Path output;

  @Option(names = "--calls", defaultValue = "10000", description = "Number of calls (default: ${DEFAULT-VALUE}).")
  long calls;

  @Option(names = "--backends", defaultValue = "4", description = "Backends behind the balancer (default: ${DEFAULT-VALUE}).")
  int backends;

  @Option(names = "--tcp-share", defaultValue = "0.15", description = "Share of calls over TCP (default: ${DEFAULT-VALUE}).")
  double tcpShare;

  @Option(names = "--fragment-share", defaultValue = "0.05",
      description = "Share of UDP calls with IP-fragmented INVITEs (default: ${DEFAULT-VALUE}).")
  double fragmentShare;

  @Option(names = "--rate", defaultValue = "500", description = "New calls per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--hold", defaultValue = "3", description = "Seconds from answer to BYE (default: ${DEFAULT-VALUE}).")
  double hold;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    SynthConfig config;
    try {
      config = new SynthConfig(calls, backends, tcpShare, fragmentShare, rate, hold, seed);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    long frames = SyntheticCapture.write(output, config);
    long size;
    try {
      size = Files.size(output);
    } catch (java.io.IOException e) {
      size = -1;
    }
    spec.commandLine().getOut().printf("%,d frames, %,d bytes -> %s%n", frames, size, output);
    return ExitCodes.OK;
  }
}
