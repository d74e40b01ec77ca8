package io.sipaudit.report;

import io.sipaudit.attribution.BackendSummary;
import io.sipaudit.audit.DistributionReport;
import io.sipaudit.health.DownInterval;
import io.sipaudit.net.Endpoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Second;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The report's charts, drawn with JFreeChart and written as inline SVG with JFreeSVG (text stays text). Every
 * backend keeps its colour in every chart. Labels are backend addresses and configured names; JFreeSVG escapes
 * text it writes.
 *
 * <p>Example: {@code Charts.svg(Charts.share(dist, name), 760, 300, "share")} is an {@code <svg>} element with
 * observed and expected bars per backend.
 */
public final class Charts {
  private Charts() {}

  static final String FONT = "DejaVu Sans";
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0x9467bd), new Color(0x8c564b),
    new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f), new Color(0x393b79),
  };
  static final Color UP = new Color(0x8fd19e);
  static final Color DOWN = new Color(0xd62728);
  static final Color EXPECTED = new Color(0xb0b0b0);

  /** Returns the colour of the {@code i}th backend. */
  static Color colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** Draws {@code chart} as an SVG element whose ids start with {@code prefix} (unique per page). */
  public static String svg(JFreeChart chart, int width, int height, String prefix) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(Html.id(prefix) + "_");
    chart.draw(g, new Rectangle(0, 0, width, height));
    // whole-pixel sizes: openhtmltopdf takes only integers for an inline SVG's width and height
    return g.getSVGElement(Html.id(prefix), true, new ViewBox(0, 0, width, height), null, null)
        .replaceFirst(" width='" + width + "\\.0' height='" + height + "\\.0'",
            " width='" + width + "' height='" + height + "'");
  }

  /** Observed against expected share of first picks per backend (percent). */
  public static JFreeChart share(DistributionReport d, Function<Endpoint, String> name) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (DistributionReport.Row r : d.rows()) {
      ds.addValue(100 * r.observedShare(), "observed", name.apply(r.backend()));
      ds.addValue(100 * r.expectedShare(), "expected (" + d.expectation() + ")", name.apply(r.backend()));
    }
    CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis(), new NumberAxis("share of first picks (%)"),
        bars(PALETTE[0], EXPECTED));
    return style(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot);
  }

  /**
   * A latency's cumulative distribution per backend: x the delay (ms), y the share of attempts at or below it.
   * Backends without samples are left out (their colour stays theirs).
   */
  public static JFreeChart cdf(List<Endpoint> backends, Map<Endpoint, io.sipaudit.attribution.DelayCurve> curves,
      Function<Endpoint, String> name, String xLabel) {
    XYSeriesCollection ds = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    int series = 0;
    for (int i = 0; i < backends.size(); i++) {
      io.sipaudit.attribution.DelayCurve c = curves.get(backends.get(i));
      if (c == null || c.count() == 0) {
        continue;
      }
      XYSeries s = new XYSeries(name.apply(backends.get(i)) + " (" + c.count() + ")", false, true);
      for (int k = 0; k < c.values().size(); k++) {
        s.add((double) c.values().get(k), (double) k);
      }
      ds.addSeries(s);
      r.setSeriesPaint(series, colour(i));
      r.setSeriesStroke(series, new BasicStroke(1.6f));
      series++;
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(true);
    NumberAxis y = new NumberAxis("% of attempts at or below");
    y.setRange(0, 100);
    XYPlot plot = new XYPlot(ds, x, y, r);
    return style(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot);
  }

  /** First picks per backend per bucket. */
  public static JFreeChart picks(Timeline t, Function<Endpoint, String> name) {
    return overTime(t, t.picks(), name, "calls per " + bucket(t), false);
  }

  /** The most answered calls in progress per backend per bucket. */
  public static JFreeChart concurrent(Timeline t, Function<Endpoint, String> name) {
    return overTime(t, t.concurrent(), name, "concurrent calls (peak per " + bucket(t) + ")", true);
  }

  private static JFreeChart overTime(Timeline t, Map<Endpoint, int[]> series, Function<Endpoint, String> name,
      String yLabel, boolean step) {
    TimeSeriesCollection ds = new TimeSeriesCollection(java.util.TimeZone.getTimeZone("UTC"));
    for (Endpoint b : t.backends()) {
      TimeSeries s = new TimeSeries(name.apply(b));
      int[] v = series.get(b);
      for (int i = 0; i < t.buckets(); i++) {
        s.addOrUpdate(new Second(java.util.Date.from(t.bucketStart(i)), java.util.TimeZone.getTimeZone("UTC"),
            java.util.Locale.ROOT), v[i]);
      }
      ds.addSeries(s);
    }
    XYLineAndShapeRenderer r = step ? new XYStepRenderer() : new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < t.backends().size(); i++) {
      r.setSeriesPaint(i, colour(i));
      r.setSeriesStroke(i, new BasicStroke(1.6f));
    }
    NumberAxis y = new NumberAxis(yLabel);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYPlot plot = new XYPlot(ds, timeAxis(), y, r);
    return style(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot);
  }

  /**
   * One band per backend over the capture: green while it answered, red while it was down, a dot per bucket with
   * failed probes.
   */
  public static JFreeChart health(Timeline t, Instant from, Instant to, List<DownInterval> down,
      List<io.sipaudit.simulate.HealthModel.StateChange> view, Function<Endpoint, String> name) {
    List<Endpoint> rows = t.backends();
    XYIntervalSeries up = new XYIntervalSeries("answering");
    XYIntervalSeries dn = new XYIntervalSeries("down (no answer)");
    for (int i = 0; i < rows.size(); i++) {
      up.add(from.toEpochMilli(), from.toEpochMilli(), to.toEpochMilli(), i, i - 0.3, i + 0.3);
    }
    for (DownInterval d : down) {
      int i = rows.indexOf(d.destination());
      if (i >= 0) {
        Instant e = d.end() != null ? d.end() : to;
        dn.add(d.start().toEpochMilli(), d.start().toEpochMilli(), e.toEpochMilli(), i, i - 0.3, i + 0.3);
      }
    }
    XYIntervalSeries out = new XYIntervalSeries("out of rotation (balancer's view)");
    java.util.Map<String, Instant> since = new java.util.HashMap<>();
    for (var c : view) {
      boolean wasOut = c.from().startsWith("I") || c.from().startsWith("D");
      boolean isOut = c.to().startsWith("I") || c.to().startsWith("D");
      if (!wasOut && isOut) {
        since.put(c.destination(), c.at());
      } else if (wasOut && !isOut && since.containsKey(c.destination())) {
        band(out, rows, c.destination(), since.remove(c.destination()), c.at());
      }
    }
    since.forEach((dest, start) -> band(out, rows, dest, start, to));
    XYIntervalSeriesCollection bands = new XYIntervalSeriesCollection();
    bands.addSeries(up);
    bands.addSeries(dn);
    bands.addSeries(out);
    XYBarRenderer br = new XYBarRenderer();
    br.setUseYInterval(true);
    br.setBarPainter(new StandardXYBarPainter());
    br.setShadowVisible(false);
    br.setSeriesPaint(0, UP);
    br.setSeriesPaint(1, DOWN);
    br.setSeriesPaint(2, new Color(0x555555));
    String[] labels = rows.stream().map(name).toArray(String[]::new);
    SymbolAxis y = new SymbolAxis(null, labels.length == 0 ? new String[] {""} : labels);
    y.setGridBandsVisible(false);
    XYPlot plot = new XYPlot(bands, timeAxis(), y, br);
    XYSeries failed = new XYSeries("failed probes");
    for (int i = 0; i < rows.size(); i++) {
      int[] f = t.failedProbes().get(rows.get(i));
      for (int k = 0; k < t.buckets(); k++) {
        if (f[k] > 0) {
          failed.add(t.bucketStart(k).toEpochMilli() + t.bucketSeconds() * 500L, i);
        }
      }
    }
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    dots.setSeriesPaint(0, Color.BLACK);
    plot.setDataset(1, new XYSeriesCollection(failed));
    plot.setRenderer(1, dots);
    plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);   // down bands over up bands
    return style(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), plot);
  }

  private static void band(XYIntervalSeries s, List<Endpoint> rows, String destination, Instant from, Instant to) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).toString().equals(destination)) {
        s.add(from.toEpochMilli(), from.toEpochMilli(), to.toEpochMilli(), i, i - 0.08, i + 0.08);
      }
    }
  }

  private static DateAxis timeAxis() {
    DateAxis x = new DateAxis("time (UTC)");
    x.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
    x.setLowerMargin(0.01);
    x.setUpperMargin(0.01);
    return x;
  }

  private static String bucket(Timeline t) {
    int s = t.bucketSeconds();
    return s % 3600 == 0 ? (s / 3600 == 1 ? "hour" : s / 3600 + " h") : s % 60 == 0 ? (s / 60 == 1 ? "minute"
        : s / 60 + " min") : (s == 1 ? "second" : s + " s");
  }

  private static BarRenderer bars(Color... colours) {
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.05);
    r.setDrawBarOutline(false);
    for (int i = 0; i < colours.length; i++) {
      r.setSeriesPaint(i, colours[i]);
    }
    return r;
  }

  private static JFreeChart style(JFreeChart chart, org.jfree.chart.plot.Plot plot) {
    Font small = new Font(FONT, Font.PLAIN, 11);
    Font label = new Font(FONT, Font.PLAIN, 12);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 18));
    chart.setAntiAlias(true);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(new Color(0xdddddd));
      xy.setRangeGridlinePaint(new Color(0xdddddd));
      for (int i = 0; i < xy.getDomainAxisCount(); i++) {
        font(xy.getDomainAxis(i), small, label);
      }
      for (int i = 0; i < xy.getRangeAxisCount(); i++) {
        font(xy.getRangeAxis(i), small, label);
      }
    } else if (plot instanceof CategoryPlot cp) {
      cp.setRangeGridlinePaint(new Color(0xdddddd));
      cp.setOrientation(PlotOrientation.VERTICAL);
      font(cp.getDomainAxis(), small, label);
      font(cp.getRangeAxis(), small, label);
      cp.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
      cp.getDomainAxis().setMaximumCategoryLabelLines(2);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(small);
      legend.setFrame(BlockBorder.NONE);
      legend.setBackgroundPaint(Color.WHITE);
    }
    for (Object o : chart.getSubtitles()) {
      if (o instanceof TextTitle tt) {
        tt.setFont(label);
      }
    }
    return chart;
  }

  private static void font(org.jfree.chart.axis.Axis a, Font tick, Font label) {
    if (a != null) {
      a.setTickLabelFont(tick);
      a.setLabelFont(label);
    }
  }
}
