package io.sipaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipaudit.ladder.Ladder;
import io.sipaudit.ladder.LadderMessage;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.batik.util.XMLResourceDescriptor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

final class LadderSvgTest {
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final Endpoint CLIENT = Endpoint.parse("127.0.1.100:5060");
  private static final Endpoint BALANCER = Endpoint.parse("127.0.1.1:5060");
  private static final Endpoint B21 = Endpoint.parse("127.0.1.21:5060");
  private static final Endpoint B22 = Endpoint.parse("127.0.1.22:5060");
  private static final Endpoint B23 = Endpoint.parse("127.0.1.23:5060");
  private static final Map<Endpoint, String> LABELS =
      Map.of(CLIENT, "client", BALANCER, "balancer", B21, "backend .21", B22, "backend .22");
  private static final String[] HOSTILE =
      {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><svg onload=alert(1)>"};

  private static LadderMessage message(int ms, Endpoint src, Endpoint dst, String summary, int status,
      boolean retransmission, @Nullable String problem) {
    Instant t = Instant.parse("2026-11-26T05:03:00.309Z").plusMillis(ms);
    return new LadderMessage(new PacketRef("capture.pcap", ms + 1, 24L * ms, t), src, dst, Transport.UDP, summary,
        status, "17.17788.lab-failover", summary + "\r\n\r\n", retransmission, problem);
  }

  /** The failover of call 17 in priority-alg8-failover: .21 is dead, .22 answers; 9 messages. */
  private static Ladder failover() {
    return new Ladder("failover-1", List.of("17.17788.lab-failover"), List.of(
        message(0, CLIENT, BALANCER, "INVITE sip:sybil.16@lab.example", 0, false, null),
        message(1, BALANCER, CLIENT, "100 trying -- your call is important to us (INVITE)", 100, false, null),
        message(1, BALANCER, B21, "INVITE sip:sybil.16@lab.example", 0, false, null),
        message(496, BALANCER, B21, "INVITE sip:sybil.16@lab.example", 0, true, null),
        message(1499, BALANCER, B22, "INVITE sip:sybil.16@lab.example", 0, false, null),
        message(1500, B22, BALANCER, "180 Ringing (INVITE)", 180, false, null),
        message(1500, B22, BALANCER, "200 OK (INVITE)", 200, false, null),
        message(1501, BALANCER, CLIENT, "503 Service Unavailable (INVITE)", 503, false, null),
        message(1502, CLIENT, BALANCER, "ACK sip:backend@127.0.1.22:5060", 0, false, "truncated")), 0);
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }

  private static List<Element> groups(Document d, String cls) {
    List<Element> out = new ArrayList<>();
    NodeList g = d.getElementsByTagNameNS(SVG, "g");
    for (int i = 0; i < g.getLength(); i++) {
      Element e = (Element) g.item(i);
      if (e.getAttribute("class").equals(cls)) {
        out.add(e);
      }
    }
    return out;
  }

  private static Element first(Element parent, String name) {
    Element e = (Element) parent.getElementsByTagNameNS(SVG, name).item(0);
    assertNotNull(e, "no <" + name + "> in " + parent.getAttribute("id"));
    return e;
  }

  private static int number(Element e, String attribute) {
    return Integer.parseInt(e.getAttribute(attribute));
  }

  /** Returns the x of each column's lifeline, left to right. */
  private static List<Integer> lifelines(Document d) {
    return groups(d, "node").stream().map(n -> number(first(n, "line"), "x1")).toList();
  }

  @Test
  void outputIsWellFormedSvgWithItsSize() throws Exception {
    Element svg = parse(LadderSvg.render(failover(), List.of(CLIENT, BALANCER), LABELS, "l1")).getDocumentElement();

    assertEquals(SVG, svg.getNamespaceURI());
    assertEquals("svg", svg.getLocalName());
    int width = number(svg, "width");
    int height = number(svg, "height");
    assertTrue(width > 0 && height > 0);
    assertEquals("0 0 " + width + " " + height, svg.getAttribute("viewBox"));
  }

  @Test
  void oneColumnPerNodeOfTheLadderAndOneArrowPerMessage() throws Exception {
    Document d = parse(LadderSvg.render(failover(), List.of(CLIENT, BALANCER, B21, B22, B23), LABELS, "l1"));

    List<Element> nodes = groups(d, "node");
    assertEquals(4, nodes.size(), "B23 takes no part in the call");
    assertEquals(List.of("client 127.0.1.100:5060", "balancer 127.0.1.1:5060", "backend .21 127.0.1.21:5060",
        "backend .22 127.0.1.22:5060"), nodes.stream().map(n -> first(n, "title").getTextContent()).toList());
    List<Element> arrows = groups(d, "msg");
    assertEquals(9, arrows.size());
    for (int i = 0; i < arrows.size(); i++) {
      assertEquals("l1-" + i, arrows.get(i).getAttribute("id"));
    }
  }

  @Test
  void nodesMissingFromTheColumnOrderFollowInOrderOfAppearance() throws Exception {
    Document d = parse(LadderSvg.render(failover(), List.of(B22), Map.of(), "l1"));

    assertEquals(List.of("127.0.1.22:5060", "127.0.1.100:5060", "127.0.1.1:5060", "127.0.1.21:5060"),
        groups(d, "node").stream().map(n -> first(n, "title").getTextContent()).toList());
  }

  @Test
  void arrowsRunFromTheSendersColumnToTheReceivers() throws Exception {
    Ladder ladder = failover();
    List<Endpoint> order = List.of(CLIENT, BALANCER, B21, B22);
    Document d = parse(LadderSvg.render(ladder, order, LABELS, "l1"));
    List<Integer> x = lifelines(d);
    assertTrue(x.get(0) < x.get(1) && x.get(1) < x.get(2) && x.get(2) < x.get(3), x.toString());

    List<Element> arrows = groups(d, "msg");
    for (int i = 0; i < arrows.size(); i++) {
      LadderMessage m = ladder.messages().get(i);
      int from = x.get(order.indexOf(m.src()));
      int to = x.get(order.indexOf(m.dst()));
      Element line = first(arrows.get(i), "line");
      assertEquals(from, number(line, "x1"), "arrow " + i);
      assertEquals(Integer.signum(to - from), Integer.signum(number(line, "x2") - number(line, "x1")), "arrow " + i);
      String tip = first(arrows.get(i), "polygon").getAttribute("points").split(" ")[0];
      assertEquals(to + "," + line.getAttribute("y1"), tip, "arrow " + i);
    }
  }

  @Test
  void retransmissionsAreGreyAndDashedErrorsRedSuccessGreenRequestsDark() throws Exception {
    List<Element> arrows = groups(parse(LadderSvg.render(failover(), List.of(), LABELS, "l1")), "msg");

    Element retransmission = first(arrows.get(3), "line");
    assertFalse(retransmission.getAttribute("stroke-dasharray").isEmpty());
    assertEquals("#9e9e9e", retransmission.getAttribute("stroke"));
    assertEquals("", first(arrows.get(2), "line").getAttribute("stroke-dasharray"));
    assertEquals("#212121", first(arrows.get(2), "line").getAttribute("stroke"));
    assertEquals("#2e7d32", first(arrows.get(6), "line").getAttribute("stroke"));
    assertEquals("#c62828", first(arrows.get(7), "line").getAttribute("stroke"));
  }

  @Test
  void timeAndDeltaAreAtTheLeftMargin() throws Exception {
    List<Element> arrows = groups(parse(LadderSvg.render(failover(), List.of(), LABELS, "l1")), "msg");

    NodeList texts = arrows.get(4).getElementsByTagNameNS(SVG, "text");
    assertEquals("05:03:01.808", texts.item(0).getTextContent());
    assertEquals("+1499.0 ms", texts.item(1).getTextContent());
  }

  @Test
  void longSummariesAreCutButTheTitleKeepsThemWhole() throws Exception {
    String uri = "INVITE sip:" + "x".repeat(200) + "@lab.example";
    Ladder ladder = new Ladder("k", List.of("c"), List.of(message(0, CLIENT, B22, uri, 0, false, null)), 0);

    Element arrow = groups(parse(LadderSvg.render(ladder, List.of(), Map.of(), "l1")), "msg").get(0);

    NodeList texts = arrow.getElementsByTagNameNS(SVG, "text");
    String shown = texts.item(texts.getLength() - 1).getTextContent();
    assertTrue(shown.length() <= 60 && shown.endsWith("…") && uri.startsWith(shown.substring(0, shown.length() - 1)),
        shown);
    assertEquals(uri, first(arrow, "title").getTextContent());
  }

  @Test
  void omittedMessagesAndEmptyLaddersAreSaidInWords() throws Exception {
    Ladder full = new Ladder("k", List.of("c"), failover().messages(), 41);
    Ladder empty = new Ladder("k", List.of(), List.of(), 0);

    assertTrue(parse(LadderSvg.render(full, List.of(), Map.of(), "a")).getDocumentElement().getTextContent()
        .contains("41 more messages not shown"));
    Document d = parse(LadderSvg.render(empty, List.of(CLIENT), Map.of(), "b"));
    assertEquals(0, groups(d, "msg").size());
    assertTrue(d.getDocumentElement().getTextContent().contains("no messages"));
  }

  @Test
  void hostileStringsFromSipNeverBecomeMarkup() throws Exception {
    List<LadderMessage> messages = new ArrayList<>();
    for (String h : HOSTILE) {
      messages.add(new LadderMessage(new PacketRef(h, 1, 0, Instant.EPOCH), CLIENT, BALANCER, Transport.UDP,
          "INVITE sip:" + h, 0, h, h, false, h));
      messages.add(message(1, BALANCER, BALANCER, h, 0, true, h));
    }
    Ladder ladder = new Ladder(HOSTILE[0], List.of(HOSTILE), messages, 0);
    Map<Endpoint, String> labels = Map.of(CLIENT, HOSTILE[1], BALANCER, HOSTILE[2]);

    String svg = LadderSvg.render(ladder, List.of(CLIENT), labels, HOSTILE[2]);

    Document d = parse(svg);
    NodeList all = d.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      String name = e.getLocalName();
      assertFalse(name.equals("script") || name.equals("img") || name.equals("foreignObject"), name);
      assertTrue(e.getParentNode() == d || !name.equals("svg"), "nested <svg>");
      NamedNodeMap attributes = e.getAttributes();
      for (int a = 0; a < attributes.getLength(); a++) {
        Attr attr = (Attr) attributes.item(a);
        assertFalse(attr.getName().toLowerCase().startsWith("on"), attr.getName() + " on <" + name + ">");
        if (attr.getName().equals("id")) {
          assertTrue(attr.getValue().matches("[A-Za-z0-9_-]+"), attr.getValue());
        }
      }
    }
    assertTrue(d.getDocumentElement().getTextContent().contains(HOSTILE[0]), "shown as text");
  }

  @Test
  void batikParsesAndRendersIt() throws Exception {
    List<LadderMessage> messages = new ArrayList<>(failover().messages());
    messages.add(message(1600, BALANCER, BALANCER, "OPTIONS sip:self", 0, false, null));
    String svg = LadderSvg.render(new Ladder("k", List.of("c"), messages, 3), List.of(CLIENT, BALANCER), LABELS, "p");
    int width = number(parse(svg).getDocumentElement(), "width");

    new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName())
        .createSVGDocument("file:/ladder.svg", new StringReader(svg));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    new PNGTranscoder().transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(png));

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    assertEquals(width, image.getWidth());
    assertTrue(hasPixel(image, 0xc6, 0x28, 0x28), "the 503 arrow is drawn in red");
    assertTrue(hasPixel(image, 0x2e, 0x7d, 0x32), "the 200 arrow is drawn in green");
  }

  private static boolean hasPixel(BufferedImage image, int r, int g, int b) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (Math.abs((p >> 16 & 0xff) - r) < 8 && Math.abs((p >> 8 & 0xff) - g) < 8 && Math.abs((p & 0xff) - b) < 8) {
          return true;
        }
      }
    }
    return false;
  }
}
