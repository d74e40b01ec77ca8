package io.sipaudit.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout the tests run in, so they can read {@code samples/} and {@code docs/}. */
public final class Repo {
  private Repo() {
  }

  /** Returns the repository root: the nearest folder at or above the working directory with samples/lab. */
  public static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/lab"))) {
        return p;
      }
    }
    throw new IllegalStateException("samples/lab not found above " + Path.of("").toAbsolutePath());
  }
}
