package io.sipaudit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
 * {@code ./sipaudit} alone prints the usage on stderr and exits 2. To add a subcommand, add it to
 * {@link #COMMANDS}.
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

  /**
   * The commands, in the order {@code --help} lists them. Each name must be its class's {@code @Command} name (a
   * test checks).
   */
  static final List<Subcommand> COMMANDS = List.of(
      new Subcommand("help", HelpCommand::new),
      new Subcommand("samples", SamplesCommand::new),
      new Subcommand("lab-truth", LabTruthCommand::new),
      new Subcommand("messages", MessagesCommand::new),
      new Subcommand("stats", StatsCommand::new),
      new Subcommand("synth", SynthCommand::new),
      new Subcommand("analyze", AnalyzeCommand::new),
      new Subcommand("check", CheckCommand::new),
      new Subcommand("report", ReportCommand::new),
      new Subcommand("simulate", SimulateCommand::new),
      new Subcommand("convert", ConvertCommand::new),
      new Subcommand("serve", ServeCommand::new));

  /** A command's name and how to make it. */
  record Subcommand(String name, Supplier<Object> factory) {}

  /** Runs sipaudit and exits the JVM with the command's exit code. */
  public static void main(String[] args) {
    System.exit(newCommandLine(args).execute(args));
  }

  /**
   * Returns a ready-to-execute command line with every command and sipaudit's exception-to-exit-code mapping.
   *
   * <p>Example: {@code newCommandLine().execute("--version")} returns {@code 0}. Tests call {@code setOut}
   * and {@code setErr} on the result to capture what it prints.
   */
  public static CommandLine newCommandLine() {
    return newCommandLine(new String[0]);
  }

  /**
   * Returns a command line for {@code args}: when they name a command other than {@code help}, only that one is
   * built, as picocli reflects over every registered command at start-up (about 0.12 s for all of them, a fifth of
   * a short {@code stats} run); otherwise all are, so that help, errors and suggestions stay the same.
   *
   * <p>Example: {@code newCommandLine("--debug", "stats", "a.pcap")} builds {@code stats} alone.
   */
  public static CommandLine newCommandLine(String... args) {
    String named = null;
    for (String a : args) {
      if (!a.startsWith("-")) {
        named = a;
        break;
      }
    }
    String alone = named;
    boolean one = alone != null && !alone.equals("help") && COMMANDS.stream().anyMatch(c -> c.name().equals(alone));
    CommandLine commandLine = new CommandLine(new SipAuditCommand());
    for (Subcommand c : COMMANDS) {
      if (!one || c.name().equals(alone)) {
        commandLine.addSubcommand(c.name(), c.factory().get());
      }
    }
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
