package io.sipaudit.cli.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the sipaudit commands a request needs on its {@link Submission} and keeps what they said on stderr, in the
 * words a person who sent the upload understands (no {@code sipaudit:} prefix, no server paths, no usage text).
 *
 * <p>Example: {@code analyst.json("analyze", submission, out)} runs {@code sipaudit analyze --format json -q ...}
 * with its output in {@code out}; a garbage upload gives {@code Outcome(65, ["upload.bin line 1: lines 1-12 hold
 * binary data ..."])}.
 */
final class Analyst {

  /** A command's exit code and its stderr lines. */
  record Outcome(int exitCode, List<String> messages) {
    Outcome {
      messages = List.copyOf(messages);
    }
  }

  private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001B\\[[0-9;]*m");

  private final Cli cli;

  Analyst(Cli cli) {
    this.cli = cli;
  }

  /** {@code analyze} or {@code check} with {@code --format json}, written to {@code out}. */
  Outcome json(String command, Submission s, Path out) throws IOException {
    List<String> args = new ArrayList<>(List.of(command, "--format", "json", "-q"));
    args.addAll(s.arguments());
    return run(args, s, out);
  }

  /** {@code report}: report.html, report.pdf and the CSV files in {@code dir}. */
  Outcome report(Submission s, Path dir) throws IOException {
    List<String> args = new ArrayList<>(List.of("report", "-q", "-o", dir.resolve("report.html").toString(),
        "-o", dir.resolve("report.pdf").toString(), "--csv-dir", dir.resolve("csv").toString()));
    args.addAll(s.arguments());
    return run(args, s, dir.resolve("report.out"));
  }

  private Outcome run(List<String> args, Submission s, Path out) throws IOException {
    StringWriter err = new StringWriter();
    int code;
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      code = cli.run(args, w, new PrintWriter(err, true));
    }
    return new Outcome(code, messages(err.toString(), s.dir()));
  }

  /** Stderr without the usage text, the {@code sipaudit: } prefix and the upload directory's path. */
  static List<String> messages(String stderr, Path uploads) {
    List<String> out = new ArrayList<>();
    String dir = uploads + "/";
    for (String line : stderr.split("\n")) {
      String m = ANSI.matcher(line).replaceAll("").strip();
      if (m.startsWith("Usage: ")) {
        break;
      }
      if (m.startsWith("sipaudit: ")) {
        m = m.substring("sipaudit: ".length());
      }
      m = m.replace(dir, "");
      if (!m.isEmpty() && !m.startsWith("Rerun with --debug")) {
        out.add(m);
      }
    }
    return out;
  }
}
