package io.sipaudit.report;

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
 * Keeps dependencies flowing one way: nothing in analyzer-report imports {@code io.sipaudit.cli}.
 *
 * <p>Example violation: {@code io/sipaudit/report/csv/CsvReporter.java:5 imports io.sipaudit.cli.ExitCodes}.
 * The scanner is a copy of analyzer-core's {@code io.sipaudit.PackageDependencyTest}; a shared test-jar
 * would not resolve under {@code mvn test} with Maven 3.
 */
final class PackageDependencyTest {

  private static final String FORBIDDEN = "io.sipaudit.cli";

  /** {@code import [static] a.b.C;} or {@code import a.b.*;} at the start of a line. */
  private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");

  @Test
  void reportSourcesDoNotImportCli() {
    Path sources = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/main/java");
    assertTrue(Files.isDirectory(sources), "no source directory at " + sources);

    assertEquals(List.of(), violations(sources), "analyzer-report must not depend on cli");
  }

  @Test
  void violationNamesTheFileLineAndImport(@TempDir Path sources) throws IOException {
    Path file = sources.resolve("io/sipaudit/report/csv/CsvReporter.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        package io.sipaudit.report.csv;

        import io.sipaudit.audit.Finding;
        import io.sipaudit.cli.ExitCodes;
        import io.sipaudit.client.Session;
        """);

    assertEquals(
        List.of("io/sipaudit/report/csv/CsvReporter.java:4 imports io.sipaudit.cli.ExitCodes"),
        violations(sources));
  }

  /** Returns one {@code "path:line imports name"} entry per import of {@code io.sipaudit.cli}. */
  private static List<String> violations(Path sources) {
    try (Stream<Path> files = Files.walk(sources)) {
      List<String> violations = new ArrayList<>();
      files.filter(file -> file.toString().endsWith(".java")).sorted().forEach(file -> {
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher matcher = IMPORT.matcher(lines.get(i));
          if (matcher.find() && matcher.group(1).startsWith(FORBIDDEN + ".")) {
            violations.add(sources.relativize(file) + ":" + (i + 1) + " imports " + matcher.group(1));
          }
        }
      });
      return violations;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sources, e);
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
