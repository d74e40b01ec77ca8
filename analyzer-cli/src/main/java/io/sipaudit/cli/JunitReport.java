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
 * findings in {@code <system-out>}. Every text goes through the XML writer, so SIP-derived text is escaped, and
 * characters XML 1.0 cannot carry (control characters a capture may hold) become U+FFFD.
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
      x.writeAttribute("name", xml(c.name()));
      x.writeAttribute("time", "0");
      if (!c.passed()) {
        x.writeStartElement("failure");
        x.writeAttribute("message", xml(c.message()));
        x.writeAttribute("type", "sipaudit");
        x.writeCharacters(xml(c.message()));
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
    x.writeCharacters(xml(s.toString()));
    x.writeEndElement();
    x.writeCharacters("\n");
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndDocument();
    x.flush();
  }

  /** Replaces what XML 1.0 cannot hold, even escaped: control characters but tab, CR and LF; lone surrogates. */
  static String xml(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (ok) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok = !Character.isLowSurrogate(c) && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
            && c != 0xFFFE && c != 0xFFFF;
      }
      if (!ok && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : '\uFFFD');
      }
    }
    return out == null ? text : out.toString();
  }
}
