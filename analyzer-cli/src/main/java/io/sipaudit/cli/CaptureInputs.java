package io.sipaudit.cli;

import io.sipaudit.ingest.SipIngest;
import io.sipaudit.net.Endpoint;
import io.sipaudit.textlog.TextFormat;
import io.sipaudit.textlog.TextTraceOptions;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The inputs a command reads, captures or text traces, and how: {@code a.pcap asterisk.log - --local
 * 192.0.2.4:5060 --date 2024-06-10 --quiet}.
 *
 * <p>Commands read through {@link #ingest(ProgressBar)}, which applies the text-trace options. A command that
 * still builds its own {@code SipIngest} ignores them; so that this never happens silently, {@link #checked()}
 * then refuses the text-trace options with a usage error.
 */
final class CaptureInputs {

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "Captures (pcap, pcapng, either gzip-compressed) or SIP text traces (Asterisk, FreeSWITCH,"
          + " Kamailio, OpenSIPS, sngrep, ngrep, SIPp, tcpdump, tshark, bare SIP; see docs/inputs.md), in any mix;"
          + " '-' reads standard input. Several are merged in time order.")
  List<Path> files = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "No progress bar on stderr.")
  boolean quiet;

  @Option(names = "--text-format", paramLabel = "FORMAT",
      description = "Read text traces as this format only (default: recognise each record by its lines): pjsip,"
          + " chan-sip, sofia, kamailio, opensips, sngrep, ngrep, sipp, tcpdump, tshark, tshark-follow, bare.")
  @Nullable String textFormat;

  @Option(names = "--local", paramLabel = "IP:PORT",
      description = "Address of the node that wrote a node-centric log (Asterisk, FreeSWITCH, SIPp);"
          + " default: inferred from its Via, Contact and Record-Route headers.")
  @Nullable String local;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "Date of text traces that give only a time of day (FreeSWITCH, tcpdump) or no year (Asterisk),"
          + " and start of the 1 ms-per-message clock of traces without times; default: the file's date.")
  @Nullable LocalDate date;

  @Option(names = "--tz", paramLabel = "ZONE",
      description = "Zone of text-trace times without one, e.g. Europe/Berlin (default: UTC).")
  ZoneId zone = ZoneOffset.UTC;

  @Option(names = "--input-name", paramLabel = "NAME",
      description = "What to call the FILEs, in order, in reports, JSON, evidence and messages instead of their paths,"
          + " e.g. for temporary copies (sipaudit serve names uploads by the names they were sent with). Repeatable.")
  List<String> names = new ArrayList<>();

  /** What {@code -} reads; tests replace it. */
  InputStream stdin = System.in;

  private boolean optionsApplied;

  /** Returns a reader of these inputs with the text-trace options applied, reporting progress to {@code bar}. */
  SipIngest ingest(ProgressBar bar) {
    optionsApplied = true;
    SipIngest.Progress watch = IngestWatch.current();
    SipIngest.Progress progress = watch == null ? bar : (frames, offset) -> {
      bar.update(frames, offset);
      watch.update(frames, offset);
    };
    return new SipIngest().onProgress(progress).textOptions(textOptions()).stdin(stdin).names(named());
  }

  /**
   * Returns {@link #ingest} for the stages that follow dialogs (analyze, check, report, simulate): a message whose
   * CSeq, From/To tag or top Via cannot be decoded comes as malformed, with its location, instead of ending the run.
   */
  SipIngest dialogIngest(ProgressBar bar) {
    return ingest(bar).requireDialogHeaders(true);
  }

  /** Returns what each input is called: its {@code --input-name}, else its path as given. */
  List<String> names() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      out.add(i < names.size() ? names.get(i) : files.get(i).toString());
    }
    return out;
  }

  private java.util.Map<Path, String> named() {
    if (names.size() > files.size()) {
      throw new ParameterException(mixee.commandLine(), names.size() + " --input-name for " + files.size()
          + " FILE(s): give at most one per FILE");
    }
    java.util.Map<Path, String> out = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(files.get(i), names.get(i));
    }
    return out;
  }

  /** Returns the text-trace options; a bad value is a usage error (exit 2). */
  TextTraceOptions textOptions() {
    try {
      return TextTraceOptions.DEFAULTS.withFormat(textFormat == null ? null : TextFormat.of(textFormat))
          .withLocal(local == null ? null : Endpoint.parse(local)).withDate(date).withZone(zone);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  /** Checks that every file exists and is readable, so a typo fails with exit 66 before any work. */
  List<Path> checked() throws NoSuchFileException {
    if (!optionsApplied && (textFormat != null || local != null || date != null || !zone.equals(ZoneOffset.UTC)
        || !names.isEmpty())) {
      throw new ParameterException(mixee.commandLine(), "'" + mixee.name()
          + "' does not take --text-format, --local, --date, --tz or --input-name yet; text traces are read with the"
          + " defaults");
    }
    for (Path p : files) {
      if (!p.toString().equals("-") && (!Files.isRegularFile(p) || !Files.isReadable(p))) {
        throw new NoSuchFileException(p.toString());
      }
    }
    return files;
  }

  /** Returns a progress bar on {@code err} when it is a terminal and not {@code --quiet}, else none. */
  ProgressBar progress(PrintWriter err) {
    long total = 0;
    for (Path p : files) {
      try {
        total += Files.size(p);
      } catch (java.io.IOException e) {
        // size unknown (or standard input): the bar shows frames only
      }
    }
    return new ProgressBar(err, total, !quiet && System.console() != null);
  }
}
