package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.cli.serve.ServeOptions;
import io.sipaudit.cli.serve.SipAuditServer;
import io.sipaudit.report.testing.Artifacts;
import io.sipaudit.report.testing.Chromium;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code sipaudit serve} in Debian's headless Chromium: a lab trace pasted into the page, or a lab capture and its
 * dispatcher.list chosen in the file inputs, opens the report whose per-backend table shows the backends Kamailio
 * logged; the page's script and the report's run under their Content-Security-Policy without a console error.
 * Screenshots go to {@code target/report-artifacts/ServeBrowserTest/}.
 */
final class ServeBrowserTest {
  private static SipAuditServer server;
  private static Chromium browser;

  @BeforeAll
  static void start() throws IOException {
    server = SipAuditServer.start(ServeOptions.defaults(0), ServeCommand.inProcess(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        VersionProvider.projectVersion());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static Chromium browser() {
    Chromium.requireOrSkip();
    if (browser == null) {
      browser = Chromium.start();
    }
    return browser;
  }

  /** Opens the upload page with no console error left over from earlier pages. */
  private static WebDriver openUploadPage(Chromium c, SipAuditServer s) {
    c.consoleErrors();
    c.driver().get(s.uri().toString());
    assertEquals("sipaudit: audit a SIP load balancer", c.driver().getTitle());
    return c.driver();
  }

  private static void submitAndWaitForTheReport(WebDriver d) {
    d.findElement(By.cssSelector("button[type=submit]")).click();
    new WebDriverWait(d, Duration.ofSeconds(90)).until(ExpectedConditions.urlMatches("/r/[0-9a-f]{32}$"));
    new WebDriverWait(d, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(By.id("backend-table")));
  }

  private static Set<String> shownBackends(WebDriver d) {
    Set<String> shown = new TreeSet<>();
    for (WebElement tr : d.findElements(By.cssSelector("#backend-table tbody tr"))) {
      assertTrue(tr.isDisplayed());
      shown.add(tr.getAttribute("data-backend"));
    }
    return shown;
  }

  private static void viewportScreenshot(WebDriver d, Path png) throws IOException {
    Files.write(png, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void aPastedLabTraceOpensTheReportWithTheBackendsKamailioLogged() throws Exception {
    Chromium c = browser();
    Path artifacts = Artifacts.dir(ServeBrowserTest.class);
    Path dir = ServeCommandTest.sample("rr-alg4");
    WebDriver d = openUploadPage(c, server);
    String trace = LabTrace.sngrep(dir.resolve("capture.pcap"));
    // What a paste does: the textarea's value changes (typing 300 kB key by key would take minutes).
    ((JavascriptExecutor) d).executeScript("document.getElementById('text').value = arguments[0];", trace);
    c.screenshot(artifacts.resolve("serve-page.png"));

    submitAndWaitForTheReport(d);

    assertEquals(ReportCommandTest.truthBackends(dir), shownBackends(d));
    WebElement bar = d.findElement(By.id("downloads"));
    String base = new java.net.URL(d.getCurrentUrl()).getPath();
    assertEquals(base + "/report.pdf", new java.net.URL(bar.findElement(By.linkText("PDF")).getAttribute("href"))
        .getPath());
    assertEquals(List.of(), c.consoleErrors(), "no script error or CSP violation on the page or the report");
    viewportScreenshot(d, artifacts.resolve("serve-report.png"));
    c.screenshot(artifacts.resolve("serve-report-full.png"));
  }

  @Test
  void aLabCaptureAndItsDispatcherListChosenInTheFileInputsOpenTheReport() throws Exception {
    Chromium c = browser();
    Path dir = ServeCommandTest.sample("priority-alg8-failover");
    WebDriver d = openUploadPage(c, server);
    d.findElement(By.id("file")).sendKeys(dir.resolve("capture.pcap").toString());
    assertTrue(d.findElement(By.id("chosen")).getText().startsWith("capture.pcap ("), "the script lists the file");
    d.findElement(By.cssSelector("#configuration summary")).click();
    d.findElement(By.cssSelector("input[type=file][name=dispatcher]")).sendKeys(dir.resolve("dispatcher.list")
        .toString());
    new Select(d.findElement(By.id("algorithm"))).selectByValue("kamailio:8");
    Path artifacts = Artifacts.dir(ServeBrowserTest.class);
    c.screenshot(artifacts.resolve("serve-page-capture.png"));

    submitAndWaitForTheReport(d);
    viewportScreenshot(d, artifacts.resolve("serve-report-failover.png"));

    Set<String> shown = shownBackends(d);
    assertTrue(shown.containsAll(ReportCommandTest.truthBackends(dir)), shown.toString());
    assertEquals(Set.of("127.0.1.21:5060", "127.0.1.22:5060", "127.0.1.23:5060"), shown,
        "every destination of the dispatcher.list, the one that got no call too");
    assertTrue(d.findElement(By.tagName("header")).getText().contains("dispatcher.list, algorithm kamailio:8"),
        "the configuration used");
    assertEquals(List.of(), c.consoleErrors());
  }

  @Test
  void aPastedHostileTraceShowsItsStringsAsTextAndRunsNothing() throws Exception {
    Chromium c = browser();
    WebDriver d = openUploadPage(c, server);
    ((JavascriptExecutor) d).executeScript("document.getElementById('text').value = arguments[0];",
        ReportCommandTest.hostileTrace());

    submitAndWaitForTheReport(d);

    assertThrows(NoAlertPresentException.class, () -> d.switchTo().alert());
    assertTrue(d.findElement(By.tagName("body")).getText().contains(ReportCommandTest.CALL_ID), "shown as text");
    assertEquals(List.of(), c.consoleErrors());
  }

  @Test
  void garbageShowsTheReadersMessageOnThePage() throws Exception {
    Chromium c = browser();
    WebDriver d = openUploadPage(c, server);
    d.findElement(By.id("text")).sendKeys("hello, this is not SIP");

    d.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement status = new WebDriverWait(d, Duration.ofSeconds(30))
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#status.error")));

    assertTrue(status.getText().startsWith("the input is malformed or damaged"), status.getText());
    assertEquals("pasted text line 1: no SIP message found in 1 line(s) (expected: a SIP text trace, see"
        + " docs/inputs.md, or a pcap/pcapng capture)", d.findElement(By.cssSelector("#messages li")).getText());
    assertEquals(server.uri().toString(), d.getCurrentUrl(), "still on the page");
  }

  @Test
  void aFileOverTheLimitIsRefusedOnThePageBeforeItIsSent() throws Exception {
    Chromium c = browser();
    try (SipAuditServer small = SipAuditServer.start(ServeOptions.defaults(0).withMaxUpload(1 << 20),
        ServeCommand.inProcess(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        VersionProvider.projectVersion())) {
      WebDriver d = openUploadPage(c, small);
      Path capture = ServeCommandTest.sample("priority-alg8-failover").resolve("capture.pcap");
      assertTrue(Files.size(capture) > 1 << 20);
      d.findElement(By.id("file")).sendKeys(capture.toString());

      d.findElement(By.cssSelector("button[type=submit]")).click();

      String status = d.findElement(By.id("status")).getText();
      assertTrue(status.contains("this server takes at most 1.0 MB per request"), status);
      assertFalse(d.getCurrentUrl().contains("/r/"));
      assertEquals(List.of(), c.consoleErrors());
    }
  }
}
