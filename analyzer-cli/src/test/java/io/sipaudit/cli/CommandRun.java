package io.sipaudit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * What one execution of a command line printed and returned, for assertions in tests.
 *
 * <p>Example: {@code CommandRun.of(SipAuditCommand.newCommandLine(), "--version").exitCode()} is {@code 0}.
 */
record CommandRun(int exitCode, String out, String err) {

  /** Executes {@code commandLine} with {@code args}, capturing stdout and stderr. */
  static CommandRun of(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CommandRun(exitCode, out.toString(), err.toString());
  }

  /** Executes a fresh {@code sipaudit} command line with {@code args}, built for them as {@code main} builds it. */
  static CommandRun sipaudit(String... args) {
    return of(SipAuditCommand.newCommandLine(args), args);
  }
}
