package io.sipaudit.report;

import io.sipaudit.ladder.Ladder;
import io.sipaudit.ladder.LadderMessage;
import io.sipaudit.net.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a {@link Ladder} as an inline SVG 1.1 sequence diagram: a column per node, an arrow per message.
 *
 * <p>Example: a failover ladder with columns {@code client 127.0.1.100:5060}, {@code balancer 127.0.1.1:5060},
 * {@code backend .21}, {@code backend .22} has a row {@code 05:03:00.310  +0.7 ms} with a dark arrow from the
 * balancer to .21 labelled {@code INVITE sip:sybil.16@lab.example}, a grey dashed one under it for the
 * retransmission, and green {@code 200 OK (INVITE)} from .22 further down.
 *
 * <p>The output suits browsers and Batik (the PDF path) alike: styling is in presentation attributes, arrowheads
 * are polygons, and there are no scripts, no CSS, no foreignObject and no external references. Every string taken
 * from SIP goes through {@link Html#text} and ids through {@link Html#id}. Arrow {@code i} (0-based, as in
 * {@link Ladder#messages()}) is {@code <g id="PREFIX-i" class="msg">} with the summary as its {@code <title>};
 * column {@code j} is {@code <g id="PREFIX-node-j" class="node">}.
 */
public final class LadderSvg {
  private static final int LEFT = 110;
  private static final int COLUMN = 200;
  private static final int BOX_WIDTH = 176;
  private static final int BOX_HEIGHT = 38;
  private static final int TOP = 8;
  private static final int ROW = 30;
  private static final int HEAD = 8;
  private static final int LOOP = 28;
  private static final int MAX_SUMMARY = 60;
  private static final int MAX_TITLE = 300;
  private static final String DARK = "#212121";
  private static final String GREY = "#9e9e9e";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private LadderSvg() {}

  /**
   * Returns an {@code <svg>} element for the ladder.
   *
   * @param columnOrder the nodes to put first, left to right (client, balancer, backends); those not in the ladder
   *     get no column, and the ladder's other nodes follow in order of appearance
   * @param labels names shown above a node's address, such as {@code "balancer"} or {@code "backend .21"}
   * @param idPrefix prefix of the element ids, unique on the page
   */
  public static String render(Ladder ladder, List<Endpoint> columnOrder, Map<Endpoint, String> labels,
      String idPrefix) {
    List<Endpoint> columns = columns(ladder, columnOrder);
    String prefix = Html.id(idPrefix);
    List<LadderMessage> messages = ladder.messages();
    int width = LEFT + COLUMN * Math.max(1, columns.size()) + 8;
    int firstRow = TOP + BOX_HEIGHT + ROW;
    int bottom = firstRow + ROW * Math.max(0, messages.size() - 1) + 14;
    int height = bottom + (messages.isEmpty() || ladder.omitted() > 0 ? 24 : 6);
    StringBuilder s = new StringBuilder(512 + 640 * messages.size());
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"ladder\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">\n");
    for (int j = 0; j < columns.size(); j++) {
      node(s, prefix + "-node-" + j, x(j), columns.get(j), labels.getOrDefault(columns.get(j), ""), bottom);
    }
    Instant start = messages.isEmpty() ? Instant.EPOCH : messages.get(0).ref().timestamp();
    for (int i = 0; i < messages.size(); i++) {
      LadderMessage m = messages.get(i);
      arrow(s, prefix + "-" + i, m, x(columns.indexOf(m.src())), x(columns.indexOf(m.dst())), firstRow + ROW * i,
          width, start);
    }
    if (messages.isEmpty() || ladder.omitted() > 0) {
      String note = messages.isEmpty() ? "no messages" : "… " + ladder.omitted() + " more messages not shown";
      s.append("<text x=\"8\" y=\"").append(height - 8).append("\" fill=\"").append(GREY).append("\">")
          .append(Html.text(note)).append("</text>\n");
    }
    return s.append("</svg>\n").toString();
  }

  private static List<Endpoint> columns(Ladder ladder, List<Endpoint> columnOrder) {
    List<Endpoint> nodes = ladder.nodes();
    Set<Endpoint> columns = new LinkedHashSet<>();
    for (Endpoint e : columnOrder) {
      if (nodes.contains(e)) {
        columns.add(e);
      }
    }
    columns.addAll(nodes);
    return new ArrayList<>(columns);
  }

  private static int x(int column) {
    return LEFT + COLUMN * column + COLUMN / 2;
  }

  private static void node(StringBuilder s, String id, int x, Endpoint e, String label, int bottom) {
    String address = e.toString();
    int left = x - BOX_WIDTH / 2;
    s.append("<g id=\"").append(id).append("\" class=\"node\">\n<title>")
        .append(Html.text(cut(label.isBlank() ? address : label + " " + address, MAX_TITLE))).append("</title>\n")
        .append("<line x1=\"").append(x).append("\" y1=\"").append(TOP + BOX_HEIGHT).append("\" x2=\"").append(x)
        .append("\" y2=\"").append(bottom).append("\" stroke=\"#cfd8dc\" stroke-width=\"1\"/>\n")
        .append("<rect x=\"").append(left).append("\" y=\"").append(TOP).append("\" width=\"").append(BOX_WIDTH)
        .append("\" height=\"").append(BOX_HEIGHT)
        .append("\" rx=\"4\" ry=\"4\" fill=\"#eceff1\" stroke=\"#607d8b\" stroke-width=\"1\"/>\n");
    if (label.isBlank()) {
      text(s, x, TOP + 23, "middle", DARK, "", cut(address, 28));
    } else {
      text(s, x, TOP + 16, "middle", DARK, " font-weight=\"bold\"", cut(label, 24));
      text(s, x, TOP + 31, "middle", "#455a64", " font-size=\"10\"", cut(address, 28));
    }
    s.append("</g>\n");
  }

  private static void arrow(StringBuilder s, String id, LadderMessage m, int x1, int x2, int y, int width,
      Instant start) {
    String colour = colour(m);
    String dash = m.retransmission() ? " stroke-dasharray=\"6,3\"" : "";
    String title = m.summary() + (m.retransmission() ? " (retransmission)" : "")
        + (m.problem() == null ? "" : " - " + m.problem());
    s.append("<g id=\"").append(id).append("\" class=\"msg\">\n<title>").append(Html.text(cut(title, MAX_TITLE)))
        .append("</title>\n<rect x=\"0\" y=\"").append(y - ROW / 2 - 6).append("\" width=\"").append(width)
        .append("\" height=\"").append(ROW).append("\" fill=\"#ffffff\" fill-opacity=\"0\"/>\n");
    text(s, 8, y - 2, "start", "#424242", "", TIME.format(m.ref().timestamp()));
    text(s, 8, y + 10, "start", GREY, " font-size=\"9\"", delta(Duration.between(start, m.ref().timestamp())));
    String summary;
    if (x1 == x2) {
      s.append("<polyline points=\"").append(x1).append(',').append(y - 6).append(' ').append(x1 + LOOP).append(',')
          .append(y - 6).append(' ').append(x1 + LOOP).append(',').append(y + 6).append(' ').append(x1 + HEAD)
          .append(',').append(y + 6).append("\" fill=\"none\" stroke=\"").append(colour)
          .append("\" stroke-width=\"1.5\"").append(dash).append("/>\n");
      head(s, x1, y + 6, -1, colour);
      summary = cut(m.summary(), 40);
      text(s, x1 + LOOP + 6, y + 2, "start", colour, "", summary);
    } else {
      int direction = x2 > x1 ? 1 : -1;
      s.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(x2 - direction * HEAD)
          .append("\" y2=\"").append(y).append("\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\"")
          .append(dash).append("/>\n");
      head(s, x2, y, direction, colour);
      summary = cut(m.summary(), Math.min(MAX_SUMMARY, Math.max(24, Math.abs(x2 - x1) / 7)));
      text(s, (x1 + x2) / 2, y - 5, "middle", colour, "", summary);
    }
    s.append("</g>\n");
  }

  /** An arrowhead with its tip at (x, y), pointing right for direction 1 and left for -1. */
  private static void head(StringBuilder s, int x, int y, int direction, String colour) {
    int back = x - direction * HEAD;
    s.append("<polygon points=\"").append(x).append(',').append(y).append(' ').append(back).append(',').append(y - 4)
        .append(' ').append(back).append(',').append(y + 4).append("\" fill=\"").append(colour).append("\"/>\n");
  }

  private static void text(StringBuilder s, int x, int y, String anchor, String fill, String extra, String content) {
    s.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
        .append("\" fill=\"").append(fill).append('"').append(extra).append('>').append(Html.text(content))
        .append("</text>\n");
  }

  /** Grey for retransmissions, orange for damaged messages, red for >= 400, green for 2xx, dark for requests. */
  private static String colour(LadderMessage m) {
    if (m.retransmission()) {
      return GREY;
    }
    if (m.problem() != null) {
      return "#e65100";
    }
    int status = m.status();
    return status >= 400 ? "#c62828" : status >= 200 && status < 300 ? "#2e7d32" : status > 0 ? "#546e7a" : DARK;
  }

  /** Returns {@code "+12.3 ms"}, or {@code "+12.345 s"} from 10 s on ({@code "-"} for a message read too early). */
  private static String delta(Duration d) {
    String sign = d.isNegative() ? "-" : "+";
    double ms = d.abs().toNanos() / 1e6;
    return sign + (ms < 10_000
        ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.3f s", ms / 1e3));
  }

  /** Returns at most {@code max} characters of {@code s}, ending in "…" when cut; never splits a surrogate pair. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int keep = max - 1;
    if (Character.isHighSurrogate(s.charAt(keep - 1))) {
      keep--;
    }
    return s.substring(0, keep) + "…";
  }
}
