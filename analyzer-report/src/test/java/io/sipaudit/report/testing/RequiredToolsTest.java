package io.sipaudit.report.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

final class RequiredToolsTest {

  private static final List<Path> MISSING = List.of(Path.of("/nonexistent/sipaudit-tool"));

  @Test
  void missingToolSkipsTheTestOnADeveloperMachine() {
    TestAbortedException e = assertThrows(TestAbortedException.class,
        () -> RequiredTools.requireOrSkip("browser test", "package chromium", MISSING, Map.of()));

    assertTrue(e.getMessage().contains("/nonexistent/sipaudit-tool"), e.getMessage());
  }

  @Test
  void missingToolFailsTheTestUnderCi() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> RequiredTools.requireOrSkip("browser test", "package chromium", MISSING, Map.of("CI", "true")));

    assertTrue(e.getMessage().contains("package chromium"), e.getMessage());
  }

  @Test
  void presentToolLetsTheTestRunEvenUnderCi() {
    assertDoesNotThrow(() -> RequiredTools.requireOrSkip("shell test", "package bash",
        List.of(Path.of("/bin/sh")), Map.of("CI", "true")));
  }
}
