package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.textlog.TextFormat;
import io.sipaudit.textlog.TextTraceOptions;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

final class CaptureInputsTest {

  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Mixin CaptureInputs inputs;

    @Override
    public void run() {
    }
  }

  private static CaptureInputs parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.inputs;
  }

  @Test
  void textOptionsBecomeTheReadersOptions() {
    TextTraceOptions o = parse("--text-format", "chan-sip", "--local", "[2001:db8::4]:5060", "--date", "2024-06-10",
        "--tz", "Europe/Berlin", "x.log").textOptions();

    assertEquals(TextFormat.CHAN_SIP, o.format());
    assertEquals("[2001:db8::4]:5060", o.local().toString());
    assertEquals(LocalDate.of(2024, 6, 10), o.date());
    assertEquals(ZoneId.of("Europe/Berlin"), o.zone());
  }

  @Test
  void dashNeedsNoFileButAMissingFileFailsBeforeAnyWork() throws Exception {
    CaptureInputs dash = parse("-");
    dash.ingest(new ProgressBar(new java.io.PrintWriter(java.io.Writer.nullWriter()), 0, false));
    assertEquals(List.of(Path.of("-")), dash.checked());

    CaptureInputs missing = parse("no-such.log");
    missing.ingest(new ProgressBar(new java.io.PrintWriter(java.io.Writer.nullWriter()), 0, false));
    assertThrows(NoSuchFileException.class, missing::checked);
  }

  @Test
  void aCommandThatDoesNotApplyTheTextOptionsRefusesThemRatherThanIgnoringThem() {
    CaptureInputs inputs = parse("--local", "192.0.2.4:5060", "x.log");

    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, inputs::checked);
    assertTrue(e.getMessage().contains("'probe' does not take --text-format, --local, --date, --tz or --input-name"
        + " yet"), e.getMessage());
    assertThrows(CommandLine.ParameterException.class, parse("--input-name", "a.pcap", "x.log")::checked,
        "a name it would not use");
  }
}
