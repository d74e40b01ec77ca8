package io.sipaudit.report.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests keep files worth looking at after a run: {@code target/report-artifacts/<TestClass>/}. */
public final class Artifacts {

  private Artifacts() {
  }

  /** Creates (if needed) and returns the artifact directory of a test class. */
  public static Path dir(Class<?> testClass) {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    Path dir = module.resolve("target/report-artifacts").resolve(testClass.getSimpleName());
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
