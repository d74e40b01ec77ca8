package io.sipaudit.report.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Proves the browser harness can fail: it sees console errors, reads the DOM, and takes real pictures. */
final class ChromiumTest {

  private static Chromium chromium;

  @TempDir
  Path dir;

  @BeforeAll
  static void startBrowser() {
    Chromium.requireOrSkip();
    long start = System.nanoTime();
    chromium = Chromium.start();
    System.out.printf("ChromiumTest: browser started in %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void consoleErrorIsReportedOnce() throws IOException {
    chromium.open(page("<script>console.error('x');</script>"));

    List<String> errors = chromium.consoleErrors();

    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).contains("\"x\""), errors::toString);
  }

  @Test
  void uncaughtExceptionIsReported() throws IOException {
    chromium.open(page("<script>throw new Error('boom');</script>"));

    List<String> errors = chromium.consoleErrors();

    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).contains("boom"), errors::toString);
  }

  @Test
  void missingLocalResourceIsReported() throws IOException {
    chromium.open(page("<img src=\"no-such-chart.png\" alt=\"chart\">"));

    List<String> errors = chromium.consoleErrors();

    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).contains("no-such-chart.png"), errors::toString);
  }

  @Test
  void cleanPageReportsNoErrors() throws IOException {
    chromium.open(page("<p>fine</p><script>console.log('info'); console.warn('careful');</script>"));

    assertEquals(List.of(), chromium.consoleErrors());
  }

  @Test
  void errorsFromAnEarlierPageAreForgottenOnOpen() throws IOException {
    chromium.open(page("<script>console.error('old');</script>"));
    chromium.open(page("<p>new</p>"));

    assertEquals(List.of(), chromium.consoleErrors());
  }

  @Test
  void tableRowsCanBeRead() throws IOException {
    chromium.open(page("""
        <table id="backends">
          <thead><tr><th>backend</th><th>calls</th></tr></thead>
          <tbody>
            <tr><td>10.0.0.1:5060</td><td>12</td></tr>
            <tr><td>10.0.0.2:5060</td><td>7</td></tr>
          </tbody>
        </table>"""));

    List<WebElement> rows = chromium.driver().findElements(By.cssSelector("#backends tbody tr"));

    assertEquals(2, rows.size());
    assertEquals("10.0.0.2:5060", rows.get(1).findElement(By.cssSelector("td")).getText());
  }

  @Test
  void screenshotIsANonBlankPngAsWideAsTheWindowAndAsTallAsThePage() throws IOException {
    chromium.open(page("""
        <h1 style="margin:0">sipaudit</h1>
        <div style="height:3000px;background:linear-gradient(#fff,#036)"></div>"""));

    Path png = chromium.screenshot(Artifacts.dir(ChromiumTest.class).resolve("tall-page.png"));

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(Chromium.WIDTH, image.getWidth());
    assertTrue(image.getHeight() >= 3000, "height " + image.getHeight());
    assertFalse(PdfPages.blank(png), "screenshot is blank");
  }

  @Test
  void screenshotOfAnEmptyPageIsBlank() throws IOException {
    chromium.open(page(""));

    Path png = chromium.screenshot(dir.resolve("empty.png"));

    assertEquals(Chromium.WIDTH, ImageIO.read(png.toFile()).getWidth());
    assertTrue(PdfPages.blank(png), "an empty page should look blank");
  }

  private Path page(String body) throws IOException {
    Path html = Files.createTempFile(dir, "page", ".html");
    Files.writeString(html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>"
        + body + "</body></html>");
    return html;
  }
}
