package io.sipaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sipaudit.ingest.IngestEvent;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ingest.MalformedSip;
import io.sipaudit.ingest.MessageFilter;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipPacket;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.PacketRef.Inferred;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sipaudit messages capture.pcap}: one line per SIP message, like tshark's summary.
 *
 * <p>Example line: {@code 3  2026-11-26T04:45:05.733131Z  127.0.1.1:5060 -> 127.0.1.13:5060  UDP  INVITE
 * sip:2000@lab.example  1-3296@127.0.1.100}. From a FreeSWITCH log, the date and the logging node's address are
 * assumed and marked: {@code 12  ~2024-06-10T12:30:57.917301Z  ~192.0.2.4:5060 -> 192.0.2.10:5090  UDP  401 ...}.
 */
@Command(
    name = "messages",
    mixinStandardHelpOptions = true,
    description = {
      "List the SIP messages of captures and text traces, one per line: frame number (for a text trace: the"
          + " line), time, source -> destination, transport, request line or status, Call-ID. Malformed messages"
          + " are listed with their location and reason. Values a text trace did not hold are marked with ~.",
      "Filter: terms key=value or key!=value joined by 'and' or ','; keys call-id, method, status (503 or 5xx),"
          + " addr (source or destination, ip or ip:port), src, dst, transport, malformed."
          + " Example: --filter 'method=INVITE and addr=127.0.1.12'."
    })
final class MessagesCommand implements Callable<Integer> {

  enum Format { text, json, csv }

  @Spec CommandSpec spec;

  @Mixin CaptureInputs inputs;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or csv.")
  Format format = Format.text;

  @Option(names = "--filter", paramLabel = "EXPR", description = "Only messages matching EXPR.")
  @Nullable String filter;

  @Override
  public Integer call() throws Exception {
    MessageFilter accept;
    try {
      accept = filter == null ? MessageFilter.all() : MessageFilter.parse(filter);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = inputs.progress(err);
    SipIngest.Result result;
    try (Sink sink = open(out)) {
      result = inputs.ingest(bar).run(inputs.checked(), e -> {
        if (accept.test(e)) {
          sink.accept(e);
        }
      });
    }
    bar.done();
    out.flush();
    for (InputError e : result.errors()) {
      err.println("sipaudit: " + e.message());
    }
    err.flush();
    return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERR;
  }

  private Sink open(PrintWriter out) throws IOException {
    return switch (format) {
      case text -> new TextSink(out);
      case json -> new JsonSink(out);
      case csv -> new CsvSink(out);
    };
  }

  /** Returns the request line or status line of a message: {@code INVITE sip:bob@x} or {@code 200 OK}. */
  static String summary(SipMessage m) {
    if (m instanceof SipRequest r) {
      return r.method().name() + " " + r.requestUri();
    }
    SipResponse r = (SipResponse) m;
    return r.statusCode() + " " + r.reasonPhrase();
  }

  private interface Sink extends Consumer<IngestEvent>, AutoCloseable {
    @Override
    void close() throws IOException;
  }

  private static final class TextSink implements Sink {
    private final PrintWriter out;

    TextSink(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void accept(IngestEvent e) {
      String what = e instanceof SipPacket p
          ? summary(p.message()) + (p.problem() != null ? " [" + p.problem() + "]" : "") + "  " + nullToEmpty(p.message().callId())
          : "MALFORMED at byte " + ((MalformedSip) e).offset() + ": " + ((MalformedSip) e).reason();
      PacketRef r = e.ref();
      out.printf("%6d  %s  %s -> %s  %s  %s%n", r.frame(), mark(r, Inferred.TIME, r.timestamp()),
          mark(r, Inferred.SOURCE, e.src()), mark(r, Inferred.DESTINATION, e.dst()),
          mark(r, Inferred.TRANSPORT, e.transport()), what);
    }

    @Override
    public void close() {
      out.flush();
    }
  }

  private static final class JsonSink implements Sink {
    private final JsonGenerator json;

    JsonSink(PrintWriter out) throws IOException {
      json = new JsonFactory().createGenerator(out);
      json.writeStartArray();
    }

    @Override
    public void accept(IngestEvent e) {
      try {
        json.writeStartObject();
        json.writeStringField("file", e.ref().source());
        json.writeNumberField("frame", e.ref().frame());
        json.writeStringField("time", e.ref().timestamp().toString());
        json.writeStringField("src", e.src().toString());
        json.writeStringField("dst", e.dst().toString());
        json.writeStringField("transport", e.transport().name());
        if (!e.ref().inferred().isEmpty()) {
          json.writeArrayFieldStart("inferred");
          for (String name : inferredNames(e.ref())) {
            json.writeString(name);
          }
          json.writeEndArray();
        }
        if (e instanceof SipPacket p) {
          if (p.message() instanceof SipRequest r) {
            json.writeStringField("method", r.method().name());
            json.writeStringField("requestUri", r.requestUri());
          } else {
            SipResponse r = (SipResponse) p.message();
            json.writeNumberField("status", r.statusCode());
            json.writeStringField("reason", r.reasonPhrase());
          }
          json.writeStringField("callId", p.message().callId());
          if (p.problem() != null) {
            json.writeStringField("problem", p.problem());
          }
        } else {
          MalformedSip m = (MalformedSip) e;
          json.writeBooleanField("malformed", true);
          json.writeNumberField("offset", m.offset());
          json.writeStringField("reason", m.reason());
        }
        json.writeEndObject();
        json.writeRaw('\n');
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }

    @Override
    public void close() throws IOException {
      json.writeEndArray();
      json.writeRaw('\n');
      json.flush();
    }
  }

  private static final class CsvSink implements Sink {
    private final CSVPrinter csv;

    CsvSink(PrintWriter out) throws IOException {
      csv = CSVFormat.RFC4180.builder().setRecordSeparator('\n')
          .setHeader("file", "frame", "time", "src", "dst", "transport", "summary", "call_id", "problem", "inferred")
          .get().print(out);
    }

    @Override
    public void accept(IngestEvent e) {
      try {
        if (e instanceof SipPacket p) {
          csv.printRecord(e.ref().source(), e.ref().frame(), e.ref().timestamp(), e.src(), e.dst(), e.transport(),
              summary(p.message()), nullToEmpty(p.message().callId()), nullToEmpty(p.problem()),
              String.join(" ", inferredNames(e.ref())));
        } else {
          MalformedSip m = (MalformedSip) e;
          csv.printRecord(e.ref().source(), e.ref().frame(), e.ref().timestamp(), e.src(), e.dst(), e.transport(),
              "", "", "malformed at byte " + m.offset() + ": " + m.reason(), String.join(" ", inferredNames(e.ref())));
        }
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }

    @Override
    public void close() throws IOException {
      csv.flush();
    }
  }

  /** Returns {@code value}, prefixed with {@code ~} when the input did not hold it. */
  static String mark(PacketRef ref, Inferred what, Object value) {
    return ref.isInferred(what) ? "~" + value : value.toString();
  }

  /** Returns the inferred values in a fixed order: {@code time}, {@code src}, {@code dst}, {@code transport}. */
  static java.util.List<String> inferredNames(PacketRef ref) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (Inferred i : Inferred.values()) {
      if (ref.isInferred(i)) {
        names.add(switch (i) {
          case TIME -> "time";
          case SOURCE -> "src";
          case DESTINATION -> "dst";
          case TRANSPORT -> "transport";
        });
      }
    }
    return names;
  }

  private static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
