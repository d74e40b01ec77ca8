package io.sipaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps dependencies flowing one way: nothing in analyzer-core imports {@code io.sipaudit.report} or
 * {@code io.sipaudit.cli}.
 *
 * <p>Example violation: {@code io/sipaudit/truth/TruthCsv.java:7 imports io.sipaudit.cli.ExitCodes}.
 */
final class PackageDependencyTest {

  private static final List<String> FORBIDDEN = List.of("io.sipaudit.report", "io.sipaudit.cli");

  /** {@code import [static] a.b.C;} or {@code import a.b.*;} at the start of a line. */
  private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");

  @Test
  void coreSourcesImportNeitherReportNorCli() {
    Path sources = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/main/java");
    assertTrue(Files.isDirectory(sources), "no source directory at " + sources);

    List<String> violations = violations(sources, FORBIDDEN);

    assertEquals(List.of(), violations, "analyzer-core must not depend on report or cli");
  }

  @Test
  void violationNamesTheFileLineAndImport(@TempDir Path sources) throws IOException {
    write(sources.resolve("io/sipaudit/audit/Finding.java"), """
        package io.sipaudit.audit;

        import java.util.List;
        import io.sipaudit.report.TableReporter;
        import static io.sipaudit.cli.ExitCodes.FINDINGS;
        import io.sipaudit.cli.*;
        """);

    assertEquals(
        List.of(
            "io/sipaudit/audit/Finding.java:4 imports io.sipaudit.report.TableReporter",
            "io/sipaudit/audit/Finding.java:5 imports io.sipaudit.cli.ExitCodes.FINDINGS",
            "io/sipaudit/audit/Finding.java:6 imports io.sipaudit.cli.*"),
        violations(sources, FORBIDDEN));
  }

  @Test
  void packageSharingOnlyANamePrefixIsAllowed(@TempDir Path sources) throws IOException {
    write(sources.resolve("io/sipaudit/audit/Finding.java"), """
        package io.sipaudit.audit;

        import io.sipaudit.reporting.Format;
        import io.sipaudit.client.Session;
        """);

    assertEquals(List.of(), violations(sources, FORBIDDEN));
  }

  /** Returns one {@code "path:line imports name"} entry per import of a forbidden package, sorted by file. */
  static List<String> violations(Path sources, List<String> forbiddenPackages) {
    try (Stream<Path> files = Files.walk(sources)) {
      List<String> violations = new ArrayList<>();
      files.filter(file -> file.toString().endsWith(".java")).sorted().forEach(file -> {
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher matcher = IMPORT.matcher(lines.get(i));
          if (matcher.find() && isInAny(matcher.group(1), forbiddenPackages)) {
            violations.add(sources.relativize(file) + ":" + (i + 1) + " imports " + matcher.group(1));
          }
        }
      });
      return violations;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sources, e);
    }
  }

  private static boolean isInAny(String imported, List<String> packages) {
    return packages.stream().anyMatch(p -> imported.startsWith(p + "."));
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
