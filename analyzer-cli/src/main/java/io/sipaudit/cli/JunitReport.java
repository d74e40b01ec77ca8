package io.sipaudit.cli;

import io.sipaudit.audit.AuditResult;
import io.sipaudit.audit.Finding;
import io.sipaudit.audit.Verdict;
import java.io.Writer;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The verdict as JUnit XML (the Ant/Surefire dialect that Jenkins, GitLab and GitHub test reporters read): one
 * test suite {@code sipaudit check}, one test case per check, a {@code <failure>} for each failed one, and the
 * findings in {@code <system-out>}. Every text goes through the XML writer, so SIP-derived text is escaped.
 *
 * <p>Example: {@code <testcase classname="sipaudit.check" name="lost-calls"><failure message="19 calls lost (at
 * most 0 allowed)"/></testcase>}.
 */
final class JunitReport {
  private JunitReport() {}

  static void write(Writer out, Verdict v, AuditResult r, double seconds) throws XMLStreamException {
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    x.writeStartDocument("UTF-8", "1.0");
    x.writeCharacters("\n");
    x.writeStartElement("testsuites");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", "sipaudit check");
    x.writeAttribute("tests", Integer.toString(v.checks().size()));
    x.writeAttribute("failures", Long.toString(v.checks().stream().filter(c -> !c.passed()).count()));
    x.writeAttribute("errors", "0");
    x.writeAttribute("skipped", "0");
    x.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", seconds));
    x.writeCharacters("\n");
    for (Verdict.Check c : v.checks()) {
      x.writeStartElement("testcase");
      x.writeAttribute("classname", "sipaudit.check");
      x.writeAttribute("name", c.name());
      x.writeAttribute("time", "0");
      if (!c.passed()) {
        x.writeStartElement("failure");
        x.writeAttribute("message", c.message());
        x.writeAttribute("type", "sipaudit");
        x.writeCharacters(c.message());
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeCharacters("\n");
    }
    x.writeStartElement("system-out");
    List<Finding> findings = r.findings();
    StringBuilder s = new StringBuilder();
    for (Finding f : findings) {
      s.append(f.severity().id()).append(' ').append(f.code()).append(": ").append(f.message()).append('\n');
    }
    x.writeCharacters(s.toString());
    x.writeEndElement();
    x.writeCharacters("\n");
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndDocument();
    x.flush();
  }
}
