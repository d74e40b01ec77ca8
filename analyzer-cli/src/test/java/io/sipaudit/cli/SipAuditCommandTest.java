package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class SipAuditCommandTest {

  @Test
  void versionOptionPrintsProjectVersionAndJavaRuntimeAndExitsZero() {
    String expected = System.getProperty("sipaudit.expectedVersion");
    assertNotNull(expected, "surefire must pass -Dsipaudit.expectedVersion=${project.version}");

    CommandRun run = CommandRun.sipaudit("--version");

    assertEquals(ExitCodes.OK, run.exitCode());
    List<String> lines = run.out().lines().toList();
    assertEquals("sipaudit " + expected, lines.get(0));
    assertTrue(lines.get(1).startsWith("Java " + Runtime.version().feature()), lines.get(1));
    assertEquals("", run.err());
  }

  @Test
  void helpOptionListsEveryExitCodeAndExitsZero() throws IllegalAccessException {
    CommandRun run = CommandRun.sipaudit("--help");

    assertEquals(ExitCodes.OK, run.exitCode());
    assertTrue(run.out().startsWith("Usage: sipaudit [-hV] [--debug] COMMAND"), run.out());
    String exitCodeList = run.out().substring(run.out().indexOf("Exit codes:"));
    for (int code : exitCodeConstants()) {
      Pattern listed = Pattern.compile("(?m)^\\s+" + code + "\\s+\\S");
      assertTrue(listed.matcher(exitCodeList).find(), "exit code " + code + " missing from --help:\n" + run.out());
    }
  }

  @Test
  void helpListsTheHelpCommand() {
    CommandRun run = CommandRun.sipaudit("--help");

    assertTrue(run.out().contains("Commands:"), run.out());
    assertTrue(Pattern.compile("(?m)^\\s+help\\s+").matcher(run.out()).find(), run.out());
  }

  @Test
  void helpCommandShowsUsageOfTheNamedCommand() {
    CommandRun run = CommandRun.sipaudit("help", "help");

    assertEquals(ExitCodes.OK, run.exitCode());
    assertTrue(run.out().contains("Usage: sipaudit help [-h] [--debug] [COMMAND]"), run.out());
  }

  @Test
  void unknownOptionExitsTwoWithErrorOnStderr() {
    CommandRun run = CommandRun.sipaudit("--no-such-option");

    assertAll(
        () -> assertEquals(ExitCodes.USAGE, run.exitCode()),
        () -> assertTrue(run.err().contains("Unknown option: '--no-such-option'"), run.err()),
        () -> assertEquals("", run.out()));
  }

  @Test
  void noArgumentsPrintsUsageOnStderrAndExitsTwo() {
    CommandRun run = CommandRun.sipaudit();

    assertAll(
        () -> assertEquals(ExitCodes.USAGE, run.exitCode()),
        () -> assertTrue(run.err().startsWith("sipaudit: missing COMMAND"), run.err()),
        () -> assertTrue(run.err().contains("Usage: sipaudit"), run.err()),
        () -> assertTrue(run.err().contains("Exit codes:"), run.err()),
        () -> assertEquals("", run.out()));
  }

  @Test
  void everyRegisteredNameIsItsCommandsOwnName() {
    for (SipAuditCommand.Subcommand c : SipAuditCommand.COMMANDS) {
      assertEquals(c.name(), new picocli.CommandLine(c.factory().get()).getCommandName(), c.toString());
    }
  }

  @Test
  void aNamedCommandIsBuiltAloneAndAnythingElseGetsThemAll() {
    int all = SipAuditCommand.COMMANDS.size();
    assertAll(
        () -> assertEquals(List.of("stats"),
            List.copyOf(SipAuditCommand.newCommandLine("--debug", "stats", "a.pcap").getSubcommands().keySet())),
        () -> assertEquals(all, SipAuditCommand.newCommandLine("help", "stats").getSubcommands().size()),
        () -> assertEquals(all, SipAuditCommand.newCommandLine("--help").getSubcommands().size()),
        () -> assertEquals(all, SipAuditCommand.newCommandLine("stat", "a.pcap").getSubcommands().size()),
        () -> assertEquals(all, SipAuditCommand.newCommandLine().getSubcommands().size()));
  }

  @Test
  void aMistypedCommandIsAnsweredWithTheCommandsThatExist() {
    CommandRun run = CommandRun.sipaudit("stat", "a.pcap");

    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().contains("stats"), run.err());
  }

  @Test
  void exitCodesAreDistinct() throws IllegalAccessException {
    int[] codes = exitCodeConstants();

    assertEquals(codes.length, Arrays.stream(codes).distinct().count(), Arrays.toString(codes));
    assertEquals(7, codes.length, "update --help, the README table and this test together");
  }

  private static int[] exitCodeConstants() throws IllegalAccessException {
    Field[] fields = ExitCodes.class.getDeclaredFields();
    int[] codes = new int[fields.length];
    int n = 0;
    for (Field field : fields) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        codes[n++] = field.getInt(null);
      }
    }
    return Arrays.copyOf(codes, n);
  }
}
