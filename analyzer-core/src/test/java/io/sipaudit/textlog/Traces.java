package io.sipaudit.textlog;

import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads text traces in tests: a sample from {@code src/test/resources/textlog/}, or a text block.
 *
 * <p>Example: {@code Traces.resource("sofia-old.txt", options).summaries()} is {@code ["REGISTER reg-1@192.0.2.4",
 * "401 reg-1@192.0.2.4"]}.
 */
record Traces(List<IngestEvent> events, TextTraceStats stats) {

  static Traces resource(String name, TextTraceOptions options) {
    try (InputStream in = Traces.class.getResourceAsStream("/textlog/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource textlog/" + name);
      }
      return read(in.readAllBytes(), name, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Traces resource(String name) {
    return resource(name, TextTraceOptions.DEFAULTS);
  }

  static Traces text(String text, TextTraceOptions options) {
    return read(text.getBytes(StandardCharsets.ISO_8859_1), "paste", options);
  }

  static Traces text(String text) {
    return text(text, TextTraceOptions.DEFAULTS);
  }

  static Traces read(byte[] bytes, String name, TextTraceOptions options) {
    return read(new ByteArrayInputStream(bytes), name, options);
  }

  static Traces read(InputStream in, String name, TextTraceOptions options) {
    List<IngestEvent> events = new ArrayList<>();
    try (TextTraceReader r = TextTraces.open(in, name, options)) {
      for (IngestEvent e; (e = r.next()) != null; ) {
        events.add(e);
      }
      return new Traces(events, r.stats());
    }
  }

  /** Returns {@code "METHOD call-id"} or {@code "STATUS call-id"} per message, {@code "MALFORMED"} otherwise. */
  List<String> summaries() {
    return events.stream().map(e -> e instanceof SipPacket p ? summary(p.message()) : "MALFORMED").toList();
  }

  /** Returns {@code "src -> dst TRANSPORT"} per message. */
  List<String> routes() {
    return events.stream().map(e -> e.src() + " -> " + e.dst() + " " + e.transport()).toList();
  }

  SipPacket packet(int i) {
    return (SipPacket) events.get(i);
  }

  /** Returns the problem of each message, null where there is none. */
  List<String> problems() {
    List<String> out = new ArrayList<>();
    events.forEach(e -> out.add(e instanceof SipPacket p ? p.problem() : "malformed"));
    return out;
  }

  /** Returns the message bytes as text, CRs shown as {@code \r}. */
  String text(int i) {
    return new String(packet(i).message().toByteArray(), StandardCharsets.ISO_8859_1);
  }

  /** Returns the body of a message as the parser cut it at Content-Length. */
  static String body(SipPacket p) {
    java.nio.ByteBuffer b = p.message().body();
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return new String(a, StandardCharsets.ISO_8859_1);
  }

  private static String summary(SipMessage m) {
    String kind = m instanceof SipResponse r ? Integer.toString(r.statusCode()) : m.startLine().split(" ")[0];
    return kind + " " + m.callId();
  }
}
