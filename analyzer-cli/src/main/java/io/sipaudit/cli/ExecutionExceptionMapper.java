package io.sipaudit.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import io.sipaudit.MalformedInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a subcommand into one line on stderr and an exit code from {@link ExitCodes}.
 *
 * <p>Example: a {@code NoSuchFileException} for {@code calls.pcap} prints {@code sipaudit: no such file:
 * calls.pcap} and returns {@code 66}. Input problems ({@code 65}, {@code 66}) never show a stack trace unless
 * {@code --debug} is given; anything else is an internal error ({@code 70}) whose trace {@code --debug} shows.
 * An {@link UncheckedIOException} is judged by its cause.
 */
final class ExecutionExceptionMapper implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception thrown, CommandLine commandLine, ParseResult parseResult) {
    Throwable problem = thrown instanceof UncheckedIOException unchecked ? unchecked.getCause() : thrown;
    int exitCode = exitCode(problem);
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getColorScheme().errorText("sipaudit: " + message(problem, exitCode)));
    if (debugRequested(commandLine)) {
      thrown.printStackTrace(err);
    } else if (exitCode == ExitCodes.SOFTWARE) {
      err.println("Rerun with --debug for the stack trace.");
    }
    err.flush();
    return exitCode;
  }

  /**
   * Returns 66 for a missing or unreadable file, 65 for any other I/O problem or malformed content, 70 for
   * everything else.
   */
  static int exitCode(Throwable problem) {
    if (problem instanceof NoSuchFileException
        || problem instanceof FileNotFoundException
        || problem instanceof AccessDeniedException) {
      return ExitCodes.NO_INPUT;
    }
    return problem instanceof IOException || problem instanceof MalformedInputException
        ? ExitCodes.DATA_ERR
        : ExitCodes.SOFTWARE;
  }

  private static String message(Throwable problem, int exitCode) {
    if (problem instanceof NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    if (problem instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (problem instanceof FileSystemException fileSystem) {
      return "cannot read input: " + fileSystem.getMessage();
    }
    return switch (exitCode) {
      case ExitCodes.NO_INPUT -> "cannot open input: " + detail(problem);
      case ExitCodes.DATA_ERR -> "malformed or unreadable input: " + detail(problem);
      default -> "internal error: " + problem;
    };
  }

  private static String detail(Throwable problem) {
    String message = problem.getMessage();
    return message == null || message.isBlank() ? problem.getClass().getSimpleName() : message;
  }

  /** Returns whether {@code --debug} was given; the option is inherited, so it lives on the root command. */
  private static boolean debugRequested(CommandLine commandLine) {
    CommandLine root = commandLine;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return root.getCommand() instanceof SipAuditCommand sipaudit && sipaudit.debug();
  }
}
