package io.sipaudit.report.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the PDF harness can fail: it counts pages and tells a page with text from an empty one. */
final class PdfPagesTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void requirePoppler() {
    PdfPages.requireOrSkip();
  }

  @Test
  void pageCountIsTwoForATwoPagePdf() throws IOException {
    assertEquals(2, PdfPages.pageCount(textThenEmpty(dir.resolve("two.pdf"))));
  }

  @Test
  void pageWithTextIsNotBlankAndEmptyPageIs() throws IOException {
    Path pdf = textThenEmpty(dir.resolve("two.pdf"));

    List<Path> pages = PdfPages.render(pdf, Artifacts.dir(PdfPagesTest.class), 50);

    assertEquals(2, pages.size(), pages::toString);
    assertFalse(PdfPages.blank(pages.get(0)), "page 1 has text");
    assertTrue(PdfPages.blank(pages.get(1)), "page 2 is empty");
  }

  @Test
  void pagesAreRenderedAtTheAskedResolution() throws IOException {
    Path pdf = textThenEmpty(dir.resolve("two.pdf"));

    BufferedImage page = ImageIO.read(PdfPages.render(pdf, dir.resolve("png"), 72).get(0).toFile());

    // 595.3 pt at 72 dpi; pdftoppm rounds up.
    assertEquals(Math.ceil(PDRectangle.A4.getWidth()), page.getWidth());
  }

  @Test
  void renderingAgainReplacesOlderPagesOfTheSameName() throws IOException {
    Path out = dir.resolve("png");
    Path pdf = dir.resolve("report.pdf");
    writePdf(pdf, 3);
    PdfPages.render(pdf, out, 20);
    writePdf(pdf, 1);

    List<Path> pages = PdfPages.render(pdf, out, 20);

    assertEquals(List.of(out.resolve("report-1.png")), pages);
  }

  @Test
  void pageCountFailsForAFileThatIsNoPdf() throws IOException {
    Path notPdf = Files.writeString(dir.resolve("not.pdf"), "hello");

    assertThrows(IllegalStateException.class, () -> PdfPages.pageCount(notPdf));
  }

  /** Page 1 has a few lines of text, page 2 nothing. */
  private static Path textThenEmpty(Path pdf) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage first = new PDPage(PDRectangle.A4);
      doc.addPage(first);
      try (PDPageContentStream text = new PDPageContentStream(doc, first)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 24);
        text.setLeading(30);
        text.newLineAtOffset(60, 760);
        text.showText("sipaudit report");
        text.newLine();
        text.showText("backend 10.0.0.1:5060 took 12 calls");
        text.endText();
      }
      doc.addPage(new PDPage(PDRectangle.A4));
      doc.save(pdf.toFile());
    }
    return pdf;
  }

  private static void writePdf(Path pdf, int pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      for (int i = 0; i < pages; i++) {
        doc.addPage(new PDPage(PDRectangle.A4));
      }
      doc.save(pdf.toFile());
    }
  }
}
