package io.sipaudit.truth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds the lab samples under a folder: every direct subfolder with a {@code scenario.env}. */
public final class LabSamples {
  private LabSamples() {
  }

  /**
     * Lists the samples under {@code samplesDir}, sorted by name.
     *
     * @throws UncheckedIOException when the folder cannot be listed
     * @throws IllegalArgumentException naming the file when a {@code scenario.env} cannot be parsed
     */
  public static List<LabSample> list(Path samplesDir) {
    List<LabSample> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(samplesDir)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        Path env = dir.resolve("scenario.env");
        if (Files.isRegularFile(env)) {
          out.add(read(dir));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + samplesDir, e);
    }
    out.sort(Comparator.comparing(LabSample::name));
    return out;
  }

  /** Reads one sample folder. */
  public static LabSample read(Path dir) {
    Path env = dir.resolve("scenario.env");
    try {
      return new LabSample(dir, ScenarioEnv.parse(Files.readString(env, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + env, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(env + ": " + e.getMessage(), e);
    }
  }
}
