package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.report.testing.Artifacts;
import io.sipaudit.report.testing.Chromium;
import io.sipaudit.report.testing.PdfPages;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code sipaudit report} on the lab captures, judged by what Kamailio logged (truth.csv), by a real browser
 * (Debian's Chromium, through chromedriver) and by poppler's PDF tools; and on a trace whose SIP text is hostile.
 */
final class ReportCommandTest {

  @TempDir static Path tmp;

  private static Chromium browser;

  static Path samples() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/lab"))) {
        return p.resolve("samples");
      }
    }
    throw new IllegalStateException("no samples/");
  }

  /** Lab samples: the ones with Kamailio's truth. */
  static List<Path> labSamples() throws Exception {
    try (Stream<Path> s = Files.list(samples())) {
      return s.filter(d -> Files.exists(d.resolve("truth.csv"))).sorted().toList();
    }
  }

  static List<String> ownConfig(Path dir) {
    List<String> args = new ArrayList<>(List.of("--kamailio-cfg", dir.resolve("balancer.cfg").toString(),
        "--define-file", dir.resolve("balancer.defines").toString()));
    if (Files.exists(dir.resolve("srv.zone"))) {
      args.addAll(List.of("--srv", dir.resolve("srv.zone").toString()));
    } else {
      args.addAll(List.of("--dispatcher", dir.resolve("dispatcher.list").toString()));
    }
    args.add(dir.resolve("capture.pcap").toString());
    return args;
  }

  static List<CSVRecord> csv(Path file) throws Exception {
    try (Reader r = Files.newBufferedReader(file)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
    }
  }

  /** The destinations Kamailio sent calls to, by its own log. */
  static Set<String> truthBackends(Path dir) throws Exception {
    Set<String> out = new TreeSet<>();
    for (CSVRecord r : csv(dir.resolve("truth.csv"))) {
      for (String k : List.of("first_pick", "final_pick")) {
        if (!r.get(k).isBlank()) {
          out.add(r.get(k));
        }
      }
    }
    return out;
  }

  private static Path report(Path dir, String file, String... extra) {
    Path out = tmp.resolve(dir.getFileName().toString()).resolve(file);
    List<String> args = new ArrayList<>(List.of("report", "-o", out.toString()));
    args.addAll(List.of(extra));
    args.addAll(ownConfig(dir));
    CommandRun run = CommandRun.sipaudit(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), dir.getFileName() + ": " + run.err() + run.out());
    assertTrue(Files.exists(out), out.toString());
    return out;
  }

  private static Document xml(Path html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(html.toFile());
  }

  private static List<Element> elements(Document d, String localName) {
    NodeList nl = d.getElementsByTagNameNS("*", localName);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nl.getLength(); i++) {
      out.add((Element) nl.item(i));
    }
    return out;
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static Chromium browser() {
    Chromium.requireOrSkip();
    if (browser == null) {
      browser = Chromium.start();
    }
    return browser;
  }

  @TestFactory
  Stream<DynamicTest> everyLabSampleGetsAnHtmlReportWhoseBackendTableListsTheBackendsKamailioUsed() throws Exception {
    return labSamples().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      Path html = report(dir, "report.html");
      Document doc = xml(html);   // the page is XHTML: well-formed, or this throws
      Set<String> rows = new HashSet<>();
      for (Element tr : elements(doc, "tr")) {
        if (tr.hasAttribute("data-backend")) {
          rows.add(tr.getAttribute("data-backend"));
        }
      }
      assertTrue(rows.containsAll(truthBackends(dir)), "table " + rows + " lacks some of " + truthBackends(dir));
      assertEquals(1, elements(doc, "script").size(), "only the report's own script");
      String page = Files.readString(html);
      assertFalse(page.contains("http://") && page.matches("(?s).*(src|href)=\"https?:.*"), "no external resource");
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyLabSampleGetsAPdfReportWithNonBlankPagesNamingItsBackends() throws Exception {
    PdfPages.requireOrSkip();
    return labSamples().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      Path pdf = report(dir, "report.pdf");
      int pages = PdfPages.pageCount(pdf);
      assertTrue(pages >= 2, pages + " pages");
      List<Path> png = PdfPages.render(pdf, tmp.resolve(dir.getFileName().toString()).resolve("pages"), 40);
      assertEquals(pages, png.size());
      for (Path p : png) {
        assertFalse(PdfPages.blank(p), p + " is blank");
      }
      String text = pdfText(pdf);
      assertTrue(text.contains("SIP load-balancer audit"), "title");
      for (String b : truthBackends(dir)) {
        assertTrue(text.contains(b), "the PDF names " + b);
      }
      if (dir.getFileName().toString().equals("priority-alg8-failover")) {
        Path artifacts = Artifacts.dir(ReportCommandTest.class);
        Files.copy(png.get(0), artifacts.resolve("pdf-page-1.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        PdfPages.render(pdf, artifacts.resolve("pdf-priority-alg8-failover"), 110);
      }
    }));
  }

  private static String pdfText(Path pdf) throws Exception {
    Process p = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  @Test
  void theHtmlReportOpensInChromiumWithoutErrorsShowsTheBackendsAndAClickOnAnArrowOpensItsMessage()
      throws Exception {
    Chromium c = browser();
    Path artifacts = Artifacts.dir(ReportCommandTest.class);
    for (Path dir : labSamples()) {
      Path html = report(dir, "browser.html");
      c.open(html);
      assertEquals(List.of(), c.consoleErrors(), dir.getFileName().toString());
      Set<String> shown = new HashSet<>();
      for (WebElement tr : c.driver().findElements(By.cssSelector("#backend-table tbody tr"))) {
        assertTrue(tr.isDisplayed());
        shown.add(tr.getAttribute("data-backend"));
      }
      assertTrue(shown.containsAll(truthBackends(dir)), dir.getFileName() + ": " + shown);
      if (dir.getFileName().toString().equals("priority-alg8-failover")) {
        c.screenshot(artifacts.resolve("html-report-priority-alg8-failover.png"));
        // the script runs (the Content-Security-Policy allows it by hash): a click on an arrow opens its message
        WebElement arrow = c.driver().findElement(By.cssSelector("g.msg"));
        String id = arrow.getAttribute("id");
        WebElement details = c.driver().findElement(By.id("m-" + id));
        assertEquals(null, details.getAttribute("open"));
        ((JavascriptExecutor) c.driver()).executeScript(
            "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", arrow);
        assertEquals("true", details.getAttribute("open"), "clicking " + id + " opens m-" + id);
        assertEquals(List.of(), c.consoleErrors(), "no CSP violation or script error");
      }
    }
  }

  // ---- hostile SIP text

  static final String CALL_ID = "<script>alert(1)</script>@evil";
  static final String DISPLAY = "<img src=x onerror=alert(2)>";
  static final String AGENT = "\"'><svg onload=alert(3)>";
  static final String CALLEE = "<iframe src=javascript:alert(4)>";
  static final String TAG = "x'y`";   // quote-breaking, and a valid token

  /** An ngrep trace: a client, a balancer and two backends; the first backend answers 503, the second 200. */
  static String hostileTrace() {
    String c = "10.9.0.100:5060";
    String b = "10.9.0.1:5060";
    String k1 = "10.9.0.21:5060";
    String k2 = "10.9.0.22:5060";
    StringBuilder t = new StringBuilder();
    int[] ms = {0};
    record Msg(String from, String to, String text) {}
    List<Msg> msgs = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      String id = n + CALL_ID;
      String from = "\"" + DISPLAY.replace("\"", "") + "\" <sip:alice@evil>;tag=" + "a" + n;
      String viaC = "Via: SIP/2.0/UDP 10.9.0.100:5060;branch=z9hG4bK-c" + n + "\r\n";
      String viaB1 = "Via: SIP/2.0/UDP 10.9.0.1:5060;branch=z9hG4bK-b" + n + "x\r\n";
      String viaB2 = "Via: SIP/2.0/UDP 10.9.0.1:5060;branch=z9hG4bK-b" + n + "y\r\n";
      String common = "From: " + from + "\r\nCall-ID: " + id + "\r\nUser-Agent: " + AGENT + "\r\n";
      String invite = "INVITE sip:bob@10.9.0.1 SIP/2.0\r\n";
      msgs.add(new Msg(c, b, invite + viaC + common + "To: <sip:bob@evil>\r\nCSeq: 1 INVITE\r\n"));
      String to = "To: \"" + CALLEE + "\" <sip:bob@evil>;tag=" + TAG + n + "\r\n";
      if (n == 0) {
        msgs.add(new Msg(b, k1, invite + viaB1 + viaC + common + "To: <sip:bob@evil>\r\nCSeq: 1 INVITE\r\n"));
        msgs.add(new Msg(k1, b, "SIP/2.0 503 Service Unavailable\r\n" + viaB1 + viaC + common + to
            + "CSeq: 1 INVITE\r\n"));
        msgs.add(new Msg(b, k1, "ACK sip:bob@10.9.0.21 SIP/2.0\r\n" + viaB1 + common + to + "CSeq: 1 ACK\r\n"));
      }
      String target = n == 1 ? k1 : k2;
      msgs.add(new Msg(b, target, invite + viaB2 + viaC + common + "To: <sip:bob@evil>\r\nCSeq: 1 INVITE\r\n"));
      msgs.add(new Msg(target, b, "SIP/2.0 200 OK\r\n" + viaB2 + viaC + common + to + "CSeq: 1 INVITE\r\n"));
      msgs.add(new Msg(b, c, "SIP/2.0 200 OK\r\n" + viaC + common + to + "CSeq: 1 INVITE\r\n"));
    }
    // ngrep -W byline -t: a banner per packet, CR shown as '.'
    t.append("interface: lo (127.0.0.0/255.0.0.0)\nfilter: ( port 5060 )\n");
    for (Msg m : msgs) {
      ms[0] += 7;
      t.append("#\nU 2026/11/26 08:00:").append(String.format(Locale.ROOT, "%02d.%06d", ms[0] / 1000,
          (ms[0] % 1000) * 1000)).append(' ').append(m.from).append(" -> ").append(m.to).append('\n')
          .append((m.text + "Content-Length: 0\r\n\r\n").replace("\r\n", ".\n"));
    }
    return t.toString();
  }

  @Test
  void hostileSipTextIsShownAsTextAndNeverBecomesActiveContent() throws Exception {
    Path artifacts = Artifacts.dir(ReportCommandTest.class);
    Path trace = artifacts.resolve("hostile.txt");
    Files.writeString(trace, hostileTrace());
    Path html = artifacts.resolve("hostile.html");
    CommandRun run = CommandRun.sipaudit("report", "-o", html.toString(), trace.toString());
    assertEquals(0, run.exitCode(), run.err() + run.out());
    String page = Files.readString(html);
    for (String payload : List.of("<script>alert", "<img src=x", "<svg onload", "<iframe")) {
      assertFalse(page.contains(payload), "raw " + payload + " in the page");
    }
    Document doc = xml(html);
    assertEquals(1, elements(doc, "script").size());
    for (String tag : List.of("img", "iframe", "object", "embed", "foreignObject", "a")) {
      for (Element e : elements(doc, tag)) {
        String href = e.getAttribute("href");
        assertTrue(tag.equals("a") && href.startsWith("#"), "<" + tag + " href=" + href + ">");
      }
    }
    assertNoEventHandlers(doc.getDocumentElement());
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("0" + CALL_ID), "the hostile Call-ID is shown as text");
    assertTrue(text.contains(AGENT), "the hostile User-Agent is shown as text (in the message)");
    // and in a browser: nothing runs, no alert, still only one script element
    if (Files.isExecutable(Chromium.BROWSER) && Files.isExecutable(Chromium.DRIVER) || System.getenv("CI") != null) {
      Chromium c = browser();
      c.open(html);
      try {
        c.driver().switchTo().alert();
        throw new AssertionError("an alert opened");
      } catch (NoAlertPresentException expected) {
        // nothing ran
      }
      assertEquals(1L, ((JavascriptExecutor) c.driver()).executeScript(
          "return document.querySelectorAll('script, img, iframe, object, embed').length"));
      assertEquals(List.of(), c.consoleErrors());
      c.screenshot(Artifacts.dir(ReportCommandTest.class).resolve("hostile.png"));
    }
  }

  private static void assertNoEventHandlers(Element e) {
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      String name = attrs.item(i).getLocalName() != null ? attrs.item(i).getLocalName() : attrs.item(i).getNodeName();
      assertFalse(name.toLowerCase(Locale.ROOT).startsWith("on"), "<" + e.getTagName() + " " + name + ">");
      assertFalse(attrs.item(i).getNodeValue().trim().toLowerCase(Locale.ROOT).startsWith("javascript:"),
          e.getTagName() + " " + name);
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        assertNoEventHandlers(child);
      }
    }
  }

  // ---- simulation

  @Test
  void theSimulationSectionListsTheCallsWhereAnotherAlgorithmWouldHavePickedOtherwiseAsKamailiosLogShows()
      throws Exception {
    Path dir = samples().resolve("rr-alg4");
    Map<String, String> firstPick = new HashMap<>();
    for (CSVRecord r : csv(dir.resolve("truth.csv"))) {
      firstPick.put(r.get("call_id"), r.get("first_pick"));
    }
    Path own = report(dir, "own.html");
    Document ownDoc = xml(own);
    assertTrue(elements(ownDoc, "section").stream().anyMatch(s -> s.getAttribute("id").equals("simulation")));
    assertTrue(ownDoc.getDocumentElement().getTextContent().contains("; 0 calls disagree."),
        "round robin replayed over its own dispatcher.list predicts every pick");

    Path html = report(dir, "alg0.html", "--algorithm", "kamailio:0");
    Document doc = xml(html);
    Element table = elements(doc, "table").stream().filter(t -> t.getAttribute("id").equals("disagreement-table"))
        .findFirst().orElseThrow(() -> new AssertionError("hashing Call-IDs is not round robin: disagreements"));
    List<Element> rows = new ArrayList<>();
    for (Element tr : elements(doc, "tr")) {
      if (tr.getParentNode().getParentNode() == table && tr.getParentNode().getLocalName().equals("tbody")) {
        rows.add(tr);
      }
    }
    assertFalse(rows.isEmpty());
    for (Element tr : rows) {
      NodeList td = tr.getElementsByTagNameNS("*", "td");
      String callId = td.item(1).getTextContent();
      String picked = td.item(2).getTextContent();
      String predicted = td.item(3).getTextContent();
      assertTrue(picked.contains(firstPick.get(callId)), callId + ": Kamailio picked " + firstPick.get(callId)
          + ", the report says " + picked);
      assertFalse(predicted.contains(firstPick.get(callId)), callId + " is no disagreement");
    }
    assertTrue(Files.readString(html).contains("The simulation ("), "a disagreement's ladder comes first");
  }

  // ---- CSV and the other commands

  @Test
  void csvExportsHoldEveryCallAndAgreeWithKamailiosFailoversAndTheCheckFindings() throws Exception {
    Path dir = samples().resolve("priority-alg8-failover");
    Path csvDir = tmp.resolve("csv");
    report(dir, "csv.html", "--csv-dir", csvDir.toString());
    List<CSVRecord> truth = csv(dir.resolve("truth.csv"));
    List<CSVRecord> calls = csv(csvDir.resolve("calls.csv"));
    assertEquals(truth.size(), calls.size());
    Map<String, Boolean> failedOver = new HashMap<>();
    calls.forEach(r -> failedOver.put(r.get("call_id"), Boolean.parseBoolean(r.get("failed_over"))));
    for (CSVRecord t : truth) {
      assertEquals(!t.get("first_pick").equals(t.get("final_pick")), failedOver.get(t.get("call_id")),
          t.get("call_id"));
    }
    long attempts = calls.stream().mapToLong(r -> Long.parseLong(r.get("attempts"))).sum();
    assertEquals(attempts, csv(csvDir.resolve("attempts.csv")).size());
    Set<String> backends = new TreeSet<>();
    csv(csvDir.resolve("backends.csv")).forEach(r -> backends.add(r.get("backend")));
    assertTrue(backends.containsAll(truthBackends(dir)), backends.toString());
    List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
    args.addAll(ownConfig(dir));
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(CommandRun.sipaudit(
        args.toArray(String[]::new)).out());
    List<String> codes = new ArrayList<>();
    json.get("findings").forEach(f -> codes.add(f.get("code").asText()));
    assertEquals(codes, csv(csvDir.resolve("findings.csv")).stream().map(r -> r.get("code")).toList());
    assertFalse(csv(csvDir.resolve("down.csv")).isEmpty(), "the killed backend's down interval");
    assertFalse(csv(csvDir.resolve("probes.csv")).isEmpty());
  }

  @Test
  void analyzeWritesTheHtmlReportToStandardOutputAndCheckWritesAPdfWithItsVerdictAsExitCode() throws Exception {
    Path dir = samples().resolve("rr-alg4-kill");
    CommandRun analyze = CommandRun.sipaudit("analyze", "--format", "html", dir.resolve("capture.pcap").toString());
    assertEquals(0, analyze.exitCode(), analyze.err());
    assertTrue(analyze.out().startsWith("<!DOCTYPE html>"));
    assertTrue(analyze.out().contains("id=\"backend-table\""));
    Path pdf = tmp.resolve("check.pdf");
    List<String> args = new ArrayList<>(List.of("check", "--format", "pdf", "-o", pdf.toString()));
    args.addAll(ownConfig(dir));
    CommandRun check = CommandRun.sipaudit(args.toArray(String[]::new));
    assertEquals(1, check.exitCode(), "a backend was killed: the check fails " + check.err());
    byte[] head = new byte[5];
    try (var in = Files.newInputStream(pdf)) {
      assertEquals(5, in.read(head));
    }
    assertEquals("%PDF-", new String(head, StandardCharsets.US_ASCII));
    CommandRun usage = CommandRun.sipaudit("analyze", "-o", pdf.toString(), dir.resolve("capture.pcap").toString());
    assertEquals(2, usage.exitCode(), "-o without --format html|pdf");
  }

  @Test
  void twoOutputsGetTheHtmlAndThePdfOfOneReading() throws Exception {
    Path dir = samples().resolve("rr-alg4");
    Path html = tmp.resolve("both/report.html");
    Path pdf = tmp.resolve("both/report.pdf");
    java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    CommandRun run;
    System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      run = CommandRun.sipaudit("report", "-q", "-o", html.toString(), "-o", pdf.toString(),
          "--input-name", "rr.pcap", dir.resolve("capture.pcap").toString());
    } finally {
      System.setErr(saved);
    }
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", stderr.toString(StandardCharsets.UTF_8), "the PDF libraries keep quiet");
    assertTrue(run.out().startsWith("wrote " + html + " (HTML), " + pdf + " (PDF) ("), run.out());
    String page = Files.readString(html);
    assertTrue(page.contains("id=\"backend-table\""));
    assertTrue(page.contains("<title>sipaudit report: rr.pcap</title>"), "the input's name, not its path");
    assertFalse(page.contains(dir.toString()));
    try (var in = Files.newInputStream(pdf)) {
      assertEquals("%PDF-", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void aReportFromStandardInputSaysItsLaddersAreLeftOut() throws Exception {
    Path dir = samples().resolve("priority-alg8-failover");
    Path html = tmp.resolve("stdin.html");
    CommandRun run;
    try (var in = new ByteArrayInputStream(Files.readAllBytes(dir.resolve("capture.pcap")))) {
      java.io.InputStream saved = System.in;
      System.setIn(in);
      try {
        // the command reads System.in as it was when the command line was made
        run = CommandRun.of(SipAuditCommand.newCommandLine(), "report", "-o", html.toString(), "-");
      } finally {
        System.setIn(saved);
      }
    }
    assertEquals(0, run.exitCode(), run.err());
    String page = Files.readString(html);
    assertTrue(page.contains("Call ladders are left out"), "the note");
    assertFalse(page.contains("id=\"ladders\""));
  }
}
