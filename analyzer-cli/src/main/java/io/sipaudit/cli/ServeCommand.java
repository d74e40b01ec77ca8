package io.sipaudit.cli;

import io.sipaudit.cli.serve.ByteSize;
import io.sipaudit.cli.serve.Cli;
import io.sipaudit.cli.serve.ServeOptions;
import io.sipaudit.cli.serve.SipAuditServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sipaudit serve}: the web app where a trace is pasted or a capture uploaded and the report comes back,
 * plus the JSON API. Runs until stopped (Ctrl-C), then deletes every upload and result.
 *
 * <p>Example: {@code ./sipaudit serve} prints {@code sipaudit serve: open http://127.0.0.1:8080/ ...}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a web page where a SIP text trace is pasted or a capture (pcap, pcapng, gzip) or trace uploaded, with"
          + " the balancer's configuration if wanted, and answer with the report of 'sipaudit report' and links to"
          + " its PDF, CSV and JSON. For scripts: POST /api/analyze answers the JSON of 'analyze --format json',"
          + " POST /api/check the JSON of 'check --format json' (docs/serve.md).",
      "Uploads go to a private temporary directory and are deleted after the analysis; reports are kept for"
          + " --keep. Listens on 127.0.0.1 unless --bind says otherwise. Runs until stopped (Ctrl-C)."
          + " Exit codes: 0 stopped, 2 usage, 69 cannot listen on the address."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free one).")
  int port = 8080;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every interface).")
  String bind = "127.0.0.1";

  @Option(names = "--max-upload", paramLabel = "SIZE",
      description = "Largest request body, e.g. 200MB, 1G (default: ${DEFAULT-VALUE}); larger ones get HTTP 413"
          + " before they are read.")
  String maxUpload = "200MB";

  @Option(names = "--workers", paramLabel = "N",
      description = "Analyses at once (default: one per processor, at most 4). A request finding them all busy"
          + " waits --queue-wait, then gets HTTP 503 with Retry-After.")
  Integer workers;

  @Option(names = "--queue-wait", paramLabel = "SECONDS",
      description = "How long a request waits for a free worker (default: ${DEFAULT-VALUE}; a lab capture's report"
          + " takes about 2 s, so 20 at once on 2 workers need about 20 s).")
  int queueWait = 60;

  @Option(names = "--keep", paramLabel = "MINUTES",
      description = "How long a report and its downloads stay available (default: ${DEFAULT-VALUE}).")
  int keepMinutes = 60;

  @Option(names = "--max-results", paramLabel = "N",
      description = "How many reports are kept at most; the oldest go first (default: ${DEFAULT-VALUE}).")
  int maxResults = 100;

  @Override
  public Integer call() throws Exception {
    ServeOptions options;
    try {
      ServeOptions d = ServeOptions.defaults(port);
      options = new ServeOptions(bind, port, ByteSize.parse(maxUpload), workers == null ? d.workers() : workers,
          Duration.ofSeconds(queueWait), Duration.ofMinutes(keepMinutes), maxResults);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SipAuditServer server;
    try {
      server = SipAuditServer.start(options, inProcess(), System.err, VersionProvider.projectVersion());
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      err.println("sipaudit: cannot listen on " + bind + ":" + port + ": " + cause.getMessage());
      err.flush();
      return ExitCodes.UNAVAILABLE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "sipaudit-serve-shutdown"));
    out.println("sipaudit serve: open " + server.uri() + " (uploads up to " + ByteSize.format(options.maxUpload())
        + ", " + options.workers() + " worker(s); Ctrl-C stops)");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /**
   * Returns a {@link Cli} that runs sipaudit commands in this process: a fresh command line per run, no colours,
   * no {@code @file} expansion, output and errors to the given writers.
   */
  static Cli inProcess() {
    return (args, out, err) -> {
      CommandLine commandLine = SipAuditCommand.newCommandLine();
      commandLine.setExpandAtFiles(false);
      commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
      commandLine.setOut(out instanceof PrintWriter p ? p : new PrintWriter(out, true));
      commandLine.setErr(err instanceof PrintWriter p ? p : new PrintWriter(err, true));
      int code = commandLine.execute(args.toArray(String[]::new));
      commandLine.getOut().flush();
      commandLine.getErr().flush();
      return code;
    };
  }
}
