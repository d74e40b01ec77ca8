package io.sipaudit.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Locates files bundled with the sipaudit checkout, such as the lab captures in {@code samples/}.
 *
 * <p>Example: the {@code ./sipaudit} launcher runs {@code java -Dsipaudit.home=/opt/sipaudit ...}, so
 * {@code samplesDir()} returns {@code /opt/sipaudit/samples} from any working directory; without the
 * property (a test, or {@code java -jar} by hand) it returns {@code samples} relative to the working directory.
 */
public final class SipAuditHome {

  /** The system property that the launcher sets to the repository root. */
  public static final String PROPERTY = "sipaudit.home";

  private SipAuditHome() {}

  /** Returns {@code $sipaudit.home/samples}, or {@code ./samples} when the property is absent or blank. */
  public static Path samplesDir() {
    return samplesDir(System.getProperty(PROPERTY));
  }

  /** Returns {@code home/samples}, or {@code samples} when {@code home} is null or blank. */
  static Path samplesDir(@Nullable String home) {
    return home == null || home.isBlank() ? Path.of("samples") : Path.of(home, "samples");
  }
}
