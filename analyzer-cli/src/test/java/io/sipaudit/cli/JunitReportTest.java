package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.Finding;
import io.sipaudit.audit.FindingCode;
import io.sipaudit.audit.Severity;
import io.sipaudit.audit.Verdict;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

final class JunitReportTest {

  @Test
  void sipTextWithMarkupAndControlCharactersStaysWellFormedXml() throws Exception {
    String hostile = "Call-ID <script>\"'&\u0001\u001b[31m x\uD800";
    Finding f = new Finding(FindingCode.CALLS_LOST, Severity.ERROR, null, null, null, 1L, "lost " + hostile,
        List.of(), null, Map.of());
    AuditResult r = new AuditResult(List.of(f), null, List.of(), List.of(), 1, 0, 1, 0, Map.of());
    Verdict v = new Verdict(false, List.of(new Verdict.Check("lost-calls", false, "1 call lost: " + hostile)));
    StringWriter out = new StringWriter();
    JunitReport.write(out, v, r, 0.5);
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
    String message = ((org.w3c.dom.Element) xml.getElementsByTagName("failure").item(0)).getAttribute("message");
    assertEquals("1 call lost: Call-ID <script>\"'&\uFFFD\uFFFD[31m x\uFFFD", message);
    assertTrue(xml.getElementsByTagName("system-out").item(0).getTextContent().contains("<script>"));
    assertEquals(0, xml.getElementsByTagName("script").getLength(), "text, never elements");
  }

  @Test
  void validTextIsLeftAsItIs() {
    String s = "Büro 😀 tab\there";
    assertTrue(JunitReport.xml(s) == s);
  }
}
