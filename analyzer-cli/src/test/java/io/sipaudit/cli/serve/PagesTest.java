package io.sipaudit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class PagesTest {
  private final Pages pages = new Pages(200L << 20, Duration.ofHours(1), "0.1.0");

  @Test
  void theUploadPageHasItsLimitsFilledInAndItsStyleAllowedByHash() {
    String page = pages.index();
    assertTrue(page.contains("data-max-upload=\"209715200\""));
    assertTrue(page.contains("Up to 200 MB per request"));
    assertTrue(page.contains("available for 60 minutes"));
    assertFalse(page.contains("{{"), "every placeholder filled");
    Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page);
    assertTrue(style.find());
    assertTrue(pages.policy().contains("style-src 'sha256-" + Pages.sha256(style.group(1)) + "'"), pages.policy());
    assertTrue(pages.policy().contains("script-src 'self';"));
    assertFalse(page.contains("<script>") || page.contains(" style=\"") || page.contains(" onclick"),
        "nothing inline that the policy would block");
  }

  @Test
  void anErrorPageEscapesEveryMessage() {
    String page = pages.error(new HttpProblem(422, "bad <input>", List.of("x.pcap line 1: <script>alert(1)</script>"),
        null, "0123456789abcdef0123456789abcdef"), "/r/0123456789abcdef0123456789abcdef");
    assertTrue(page.contains("bad &lt;input&gt;"));
    assertTrue(page.contains("<li>x.pcap line 1: &lt;script&gt;alert(1)&lt;/script&gt;</li>"));
    assertTrue(page.contains("<a href=\"/r/0123456789abcdef0123456789abcdef\">"));
    assertFalse(page.contains("<script>"));
  }

  @Test
  void theDownloadBarGoesRightAfterTheReportsBodyTag() {
    String report = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
        + " script-src 'sha256-abc='\"/></head><body>\n<header>x</header></body></html>";
    String page = Pages.withDownloads(report, "/r/ab", List.of("calls.csv"));
    assertTrue(page.startsWith(report.substring(0, report.indexOf("<body>") + 6) + "\n<nav id=\"downloads\""), page);
    assertTrue(page.contains("href=\"/r/ab/report.pdf\">PDF</a>"));
    assertTrue(page.contains("href=\"/r/ab/csv/calls.csv\">calls</a>"));
    assertEquals("default-src 'none'; script-src 'sha256-abc='; frame-ancestors 'none'", Pages.reportPolicy(report));
  }
}
