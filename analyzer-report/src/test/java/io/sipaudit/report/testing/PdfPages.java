package io.sipaudit.report.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Looks at a PDF the way a reader would, through poppler-utils: how many pages, and each page as a PNG.
 * Call {@link #requireOrSkip()} first.
 */
public final class PdfPages {

  /** Debian package poppler-utils. */
  public static final Path PDFINFO = Path.of("/usr/bin/pdfinfo");
  public static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");
  /** {@link #blank} holds when fewer than this share of the pixels differ from the commonest colour. */
  public static final double BLANK_INK = 0.0001;

  private static final Pattern PAGES = Pattern.compile("(?m)^Pages:\\s+(\\d+)\\s*$");

  private PdfPages() {
  }

  /** Skips the test when poppler-utils is missing, or fails it when {@code CI} is set. */
  public static void requireOrSkip() {
    RequiredTools.requireOrSkip("PDF test", "package poppler-utils", List.of(PDFINFO, PDFTOPPM));
  }

  /** The page count that pdfinfo reads. */
  public static int pageCount(Path pdf) {
    String info = run(PDFINFO.toString(), pdf.toString());
    Matcher m = PAGES.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("pdfinfo printed no page count for " + pdf + ":\n" + info);
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * Renders every page to {@code outDir/<pdf name>-<n>.png} at {@code dpi}, first deleting older PNGs of
   * that name; returns them in page order.
   */
  public static List<Path> render(Path pdf, Path outDir, int dpi) {
    String name = pdf.getFileName().toString().replaceFirst("(?i)\\.pdf$", "");
    Pattern page = Pattern.compile(Pattern.quote(name) + "-(\\d+)\\.png");
    try {
      Files.createDirectories(outDir);
      for (Path old : pages(outDir, page)) {
        Files.delete(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(PDFTOPPM.toString(), "-png", "-r", Integer.toString(dpi), pdf.toString(), outDir.resolve(name).toString());
    return pages(outDir, page);
  }

  /** True when almost every pixel has the same colour (see {@link #BLANK_INK}). */
  public static boolean blank(Path png) {
    return ink(png) < BLANK_INK;
  }

  /** The share of pixels whose colour differs from the image's commonest colour, 0 to 1. */
  public static double ink(Path png) {
    BufferedImage image;
    try {
      image = ImageIO.read(png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (image == null) {
      throw new IllegalArgumentException("not an image: " + png);
    }
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
    Map<Integer, Integer> counts = new HashMap<>();
    int commonest = 0;
    for (int pixel : pixels) {
      commonest = Math.max(commonest, counts.merge(pixel, 1, Integer::sum));
    }
    return 1.0 - (double) commonest / pixels.length;
  }

  private static List<Path> pages(Path dir, Pattern page) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> page.matcher(f.getFileName().toString()).matches())
          .sorted(Comparator.comparingInt(f -> pageNumber(f, page)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int pageNumber(Path file, Pattern page) {
    Matcher m = page.matcher(file.getFileName().toString());
    m.matches();
    return Integer.parseInt(m.group(1));
  }

  /** Runs a tool and returns its output; fails on a non-zero exit or after 60 s. */
  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
