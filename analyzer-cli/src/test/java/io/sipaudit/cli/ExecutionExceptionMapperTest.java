package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

final class ExecutionExceptionMapperTest {

  @Test
  void missingInputFileExitsSixtySixWithOneLineAndNoStackTrace() {
    CommandRun run = runThrowing(new NoSuchFileException("calls.pcap"));

    assertAll(
        () -> assertEquals(ExitCodes.NO_INPUT, run.exitCode()),
        () -> assertEquals(List.of("sipaudit: no such file: calls.pcap"), run.err().lines().toList()),
        () -> assertEquals("", run.out()));
  }

  @Test
  void fileNotFoundInsideUncheckedIoExceptionExitsSixtySix() {
    CommandRun run = runThrowing(
        new UncheckedIOException(new FileNotFoundException("kamailio.log (No such file or directory)")));

    assertEquals(ExitCodes.NO_INPUT, run.exitCode());
    assertEquals(
        List.of("sipaudit: cannot open input: kamailio.log (No such file or directory)"),
        run.err().lines().toList());
  }

  @Test
  void unreadableInputFileExitsSixtySix() {
    CommandRun run = runThrowing(new AccessDeniedException("/root/calls.pcap"));

    assertEquals(ExitCodes.NO_INPUT, run.exitCode());
    assertEquals(List.of("sipaudit: permission denied: /root/calls.pcap"), run.err().lines().toList());
  }

  @Test
  void malformedContentExitsSixtyFiveWithTheReason() {
    String reason = "pcap record length 70000 at offset 24 (expected: <= 65535)";

    CommandRun run = runThrowing(new UncheckedIOException(new IOException(reason)));

    assertEquals(ExitCodes.DATA_ERR, run.exitCode());
    assertEquals(List.of("sipaudit: malformed or unreadable input: " + reason), run.err().lines().toList());
  }

  @Test
  void unexpectedExceptionExitsSeventyWithoutStackTrace() {
    CommandRun run = runThrowing(new IllegalStateException("assigned + rejected != offered"));

    assertAll(
        () -> assertEquals(ExitCodes.SOFTWARE, run.exitCode()),
        () -> assertTrue(
            run.err().startsWith(
                "sipaudit: internal error: java.lang.IllegalStateException: assigned + rejected != offered"),
            run.err()),
        () -> assertTrue(run.err().contains("--debug"), run.err()),
        () -> assertFalse(run.err().contains("\tat "), run.err()));
  }

  @Test
  void debugAfterTheCommandPrintsTheStackTrace() {
    CommandRun run = runThrowing(new IllegalStateException("boom"), "boom", "--debug");

    assertEquals(ExitCodes.SOFTWARE, run.exitCode());
    assertTrue(run.err().contains("\tat io.sipaudit.cli.ExecutionExceptionMapperTest"), run.err());
  }

  @Test
  void debugBeforeTheCommandPrintsTheStackTrace() {
    CommandRun run = runThrowing(new NoSuchFileException("calls.pcap"), "--debug", "boom");

    assertEquals(ExitCodes.NO_INPUT, run.exitCode());
    assertTrue(run.err().startsWith("sipaudit: no such file: calls.pcap"), run.err());
    assertTrue(run.err().contains("java.nio.file.NoSuchFileException: calls.pcap"), run.err());
    assertTrue(run.err().contains("\tat "), run.err());
  }

  /** Runs {@code sipaudit boom} (by default), where {@code boom} throws {@code thrown}. */
  private static CommandRun runThrowing(Exception thrown, String... args) {
    CommandLine commandLine = SipAuditCommand.newCommandLine();
    commandLine.addSubcommand("boom", new Throwing(thrown));
    return CommandRun.of(commandLine, args.length == 0 ? new String[] {"boom"} : args);
  }

  @Command(name = "boom")
  static final class Throwing implements Callable<Integer> {
    private final Exception thrown;

    Throwing(Exception thrown) {
      this.thrown = thrown;
    }

    @Override
    public Integer call() throws Exception {
      throw thrown;
    }
  }
}
