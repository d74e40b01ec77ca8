package io.sipaudit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code sipaudit} command: global options, the list of subcommands and the exit codes.
 *
 * <p>Example: {@code ./sipaudit --version} prints {@code sipaudit 0.1.0-SNAPSHOT} and the Java runtime;
 * {@code ./sipaudit} alone prints the usage on stderr and exits 2. To add a subcommand, add its class to
 * {@code subcommands} below.
 */
@Command(
    name = "sipaudit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    descriptionHeading = "%n",
    description =
        "Audits how SIP load balancers (Kamailio/OpenSIPS dispatcher, DNS SRV, an SBC) distribute calls:"
            + " which backend handled each call, whether the distribution matches the configuration, whether"
            + " health checks and failover worked, and what the configured algorithm would have done.",
    optionListHeading = "%nOptions:%n",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    subcommands = {
      HelpCommand.class,
      SamplesCommand.class,
      LabTruthCommand.class,
      MessagesCommand.class,
      StatsCommand.class,
      SynthCommand.class,
      AnalyzeCommand.class,
      CheckCommand.class,
      ReportCommand.class,
      SimulateCommand.class,
      ConvertCommand.class,
      ServeCommand.class,
    },
    exitCodeOnExecutionException = ExitCodes.SOFTWARE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " 0:Success; no findings at or above the threshold.",
      " 1:Audit findings at or above the threshold.",
      " 2:Usage error: unknown option, bad parameter or no command.",
      "65:Input malformed or its content unreadable.",
      "66:Input file missing or not readable.",
      "69:(./sipaudit launcher) java or mvn not found; (serve) cannot listen on the address.",
      "70:Internal error; rerun with --debug for the stack trace."
    },
    footer = {"%nRun 'sipaudit help COMMAND' for the options of one command."},
    usageHelpAutoWidth = true)
public final class SipAuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace when an error occurs.")
  boolean debug;

  /** Runs sipaudit and exits the JVM with the command's exit code. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /**
   * Returns a ready-to-execute command line with sipaudit's exception-to-exit-code mapping installed.
   *
   * <p>Example: {@code newCommandLine().execute("--version")} returns {@code 0}. Tests call {@code setOut}
   * and {@code setErr} on the result to capture what it prints.
   */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new SipAuditCommand());
    commandLine.setExecutionExceptionHandler(new ExecutionExceptionMapper());
    return commandLine;
  }

  /** Returns whether {@code --debug} was given, before or after the subcommand name. */
  boolean debug() {
    return debug;
  }

  /** Without a subcommand: prints the usage on stderr and returns {@link ExitCodes#USAGE}. */
  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    commandLine.getErr().println(commandLine.getColorScheme().errorText("sipaudit: missing COMMAND"));
    commandLine.usage(commandLine.getErr());
    return ExitCodes.USAGE;
  }
}
