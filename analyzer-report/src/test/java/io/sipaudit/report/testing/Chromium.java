package io.sipaudit.report.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, for tests of the HTML report.
 *
 * <p>Both executables are named explicitly, so Selenium Manager never runs (it would try to download a
 * browser). Each instance has its own profile in a temporary directory, deleted by {@link #close()}.
 * Call {@link #requireOrSkip()} first.
 */
public final class Chromium implements AutoCloseable {

  /** Debian package chromium. */
  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  /** Debian package chromium-driver. */
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  /** Window (and so viewport) size in CSS pixels; the screenshot is this wide. */
  public static final int WIDTH = 1280;
  public static final int HEIGHT = 900;

  /**
   * Selenium warns on every start that it has no DevTools classes for this Chromium version. This harness
   * sends CDP commands through chromedriver ({@code executeCdpCommand}), which needs none, so the warning
   * is muted; the logger is held here because java.util.logging keeps only weak references.
   */
  private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
  }

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Skips the test when Chromium or chromedriver is missing, or fails it when {@code CI} is set. */
  public static void requireOrSkip() {
    RequiredTools.requireOrSkip("browser test", "packages chromium, chromium-driver", List.of(BROWSER, DRIVER));
  }

  /** Starts a fresh headless browser; close it when done. */
  public static Chromium start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("sipaudit-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withLogOutput(OutputStream.nullOutputStream())
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
        "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      // Without a scrollbar the layout (and the screenshot) is the whole window wide on every page.
      driver.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
      return new Chromium(driver, profile);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
  }

  /** The driver, for DOM queries. */
  public WebDriver driver() {
    return driver;
  }

  /** Loads a local file and waits for its load event; forgets console errors from earlier pages. */
  public void open(Path html) {
    browserLog();
    driver.get(html.toAbsolutePath().toUri().toString());
  }

  /**
   * SEVERE browser log entries since the last {@link #open}: {@code console.error} calls and uncaught
   * exceptions, each as Chromium formats it (source URL, line, message).
   */
  public List<String> consoleErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : browserLog()) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(entry.getMessage());
      }
    }
    return errors;
  }

  private List<LogEntry> browserLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Saves a PNG of the whole document (beyond the viewport), {@link #WIDTH} pixels wide; returns it. */
  public Path screenshot(Path png) {
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true));
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png;
  }

  /** Quits the browser and the driver and deletes the profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
