package io.sipaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Supplies {@code --version}: sipaudit's version from the build, then the Java runtime it runs on.
 *
 * <p>Example output:
 *
 * <pre>
 * sipaudit 0.1.0-SNAPSHOT
 * Java 17.0.15+6-Debian-1deb12u1 (Debian, OpenJDK 64-Bit Server VM)
 * </pre>
 *
 * The version comes from {@code sipaudit-version.properties}, which Maven filters at build time.
 */
final class VersionProvider implements IVersionProvider {

  static final String RESOURCE = "/sipaudit-version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "sipaudit " + projectVersion(),
      "Java " + Runtime.version()
          + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")"
    };
  }

  /** Returns the project version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} when the resource is unfiltered. */
  static String projectVersion() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown (" + RESOURCE + " not on the classpath)";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "");
      return version.isBlank() || version.contains("${") ? "unknown (unfiltered " + RESOURCE + ")" : version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
