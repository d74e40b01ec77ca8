package io.sipaudit.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Lays the report out on A4 pages: the same XHTML as the HTML report (without its script), rendered by
 * openhtmltopdf on PDFBox, charts and ladders drawn as vector graphics through Batik, DejaVu fonts embedded
 * (bundled, so the PDF looks the same on every machine), a running header and page numbers in the footer.
 *
 * <p>Example: {@code new PdfReport().write(data, Files.newOutputStream(Path.of("report.pdf")))}.
 */
public final class PdfReport {

  private static final String FONTS = "/io/sipaudit/report/fonts/";

  /** Strong references: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
  private static final java.util.logging.Logger PDFBOX = java.util.logging.Logger.getLogger("org.apache.pdfbox");
  private static final java.util.logging.Logger FONTBOX = java.util.logging.Logger.getLogger("org.apache.fontbox");

  static {
    // The renderer's progress notes and PDFBox's font-substitution warnings (the PDF embeds its own fonts)
    // would otherwise fill the user's terminal.
    com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    PDFBOX.setLevel(java.util.logging.Level.SEVERE);
    FONTBOX.setLevel(java.util.logging.Level.SEVERE);
  }

  /** Writes the PDF of {@code data} to {@code out} (not closed). */
  public void write(ReportData data, OutputStream out) throws IOException {
    String xhtml = new HtmlReport(HtmlReport.Mode.PDF).render(data);
    // SVG scripts and external references are refused: the SVG is ours, but its text came from the capture.
    try (BatikSVGDrawer svg = new BatikSVGDrawer(BatikSVGDrawer.SvgScriptMode.SECURE,
        BatikSVGDrawer.SvgExternalResourceMode.SECURE)) {
      PdfRendererBuilder b = new PdfRendererBuilder();
      b.useFastMode();
      b.useSVGDrawer(svg);
      font(b, "DejaVuSans.ttf", "DejaVu Sans", 400);
      font(b, "DejaVuSans-Bold.ttf", "DejaVu Sans", 700);
      font(b, "DejaVuSansMono.ttf", "DejaVu Sans Mono", 400);
      b.withProducer("sipaudit " + data.version());
      b.withHtmlContent(xhtml, null);
      b.toStream(out);
      b.run();
    }
  }

  private static void font(PdfRendererBuilder b, String file, String family, int weight) {
    b.useFont(() -> {
      InputStream in = PdfReport.class.getResourceAsStream(FONTS + file);
      if (in == null) {
        throw new UncheckedIOException(new IOException("font " + file + " missing from the jar"));
      }
      return in;
    }, family, weight, FontStyle.NORMAL, true);
  }
}
