package io.sipaudit.report.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The project's rule for tests that need installed software: skipped on a developer machine without it,
 * failed under CI (when the environment variable {@code CI} is set), where it must be installed.
 */
final class RequiredTools {

  private RequiredTools() {
  }

  /** Applies the rule to this process's environment. */
  static void requireOrSkip(String what, String packages, List<Path> tools) {
    requireOrSkip(what, packages, tools, System.getenv());
  }

  /** Applies the rule to {@code env}; {@code packages} names the Debian packages that provide the tools. */
  static void requireOrSkip(String what, String packages, List<Path> tools, Map<String, String> env) {
    List<String> missing = tools.stream().filter(t -> !Files.isExecutable(t)).map(Path::toString).toList();
    if (missing.isEmpty()) {
      return;
    }
    String reason = "missing " + missing + " (Debian " + packages + ")";
    if (env.get("CI") != null) {
      fail(what + " cannot run under CI: " + reason);
    }
    assumeTrue(false, what + " skipped: " + reason);
  }
}
