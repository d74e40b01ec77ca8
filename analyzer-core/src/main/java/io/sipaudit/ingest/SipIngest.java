package io.sipaudit.ingest;

import io.sipaudit.MalformedInputException;
import io.sipaudit.capture.CaptureFormat;
import io.sipaudit.capture.CaptureReader;
import io.sipaudit.capture.CapturedFrame;
import io.sipaudit.net.Datagram;
import io.sipaudit.net.FlowKey;
import io.sipaudit.net.NetDecoder;
import io.sipaudit.net.NetEvent;
import io.sipaudit.net.NetStats;
import io.sipaudit.net.PortWatcher;
import io.sipaudit.net.StreamClosed;
import io.sipaudit.net.StreamData;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipParseException;
import io.sipaudit.textlog.TextTraceOptions;
import io.sipaudit.textlog.TextTraceReader;
import io.sipaudit.textlog.TextTraceStats;
import io.sipaudit.textlog.TextTraces;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Reads captures and text traces and emits the SIP messages in them, in capture-time order.
 *
 * <p>Example: {@code SipIngest.Result r = new SipIngest().run(List.of(Path.of("a.pcap")), event -> ...)}.
 * Several files are merged by frame time (ties: file order, then frame number). A file that is damaged part
 * way through contributes everything before the damage and an {@link InputError}; the others go on.
 *
 * <p>Each input is a capture when its (gunzipped) content starts with a pcap or pcapng magic, and a text trace
 * ({@link io.sipaudit.textlog}) otherwise; {@code -} is standard input. Captures go through {@link NetDecoder};
 * a text trace yields its messages in trace order, merged with the rest by their time.
 *
 * <p>With two or more processors, reading, network decoding and the framing and parsing of datagrams run on a
 * second thread, while this one frames and parses TCP streams and calls the sink ({@link #parallel}); the events
 * and their order do not depend on it.
 */
public final class SipIngest {

  /**
   * What a run saw.
   *
   * @param net link/IP/TCP level counts
   * @param sip SIP framing counts
   * @param errors files that could not be read to the end, and damage skipped in text traces
   * @param text what the text traces held besides messages (all zero without text inputs)
   */
  public record Result(NetStats net, IngestCounters sip, List<InputError> errors, TextTraceStats text) {}

  /** Told how far a run has got, every few thousand frames. */
  public interface Progress {
    /**
     * Reports progress.
     *
     * @param frames frames read so far, all files together
     * @param offset sum over the files of the byte offset reached (uncompressed)
     */
    void update(long frames, long offset);
  }

  private static final int PROGRESS_EVERY = 8192;
  private static final int MAX_REPORTED_FAILURES = 20;

  /** Stateless: datagrams are framed on the reader thread, TCP streams on the calling one. */
  private final SipFraming framing = new SipFraming();
  private Progress progress = (frames, offset) -> { };
  private final NetDecoder net = new NetDecoder();
  /** Datagram framing and decoder failures, counted by the reader. */
  private final IngestCounters counters = new IngestCounters();
  /** TCP stream framing, counted on the calling thread; added to {@link #counters} at the end. */
  private final IngestCounters streamCounters = new IngestCounters();
  private final List<InputError> streamErrors = new ArrayList<>();
  private final Map<FlowKey, StreamBuffer> streams = new HashMap<>();
  private boolean parallel = Runtime.getRuntime().availableProcessors() > 1
      && !"false".equals(System.getProperty("sipaudit.parallel"));
  private TextTraceOptions textOptions = TextTraceOptions.DEFAULTS;
  private InputStream stdin = System.in;
  private Map<Path, String> names = Map.of();
  private @org.jspecify.annotations.Nullable PortWatcher watcher;
  private int watchedPort = -1;
  private boolean requireDialogHeaders;

  /** Sets how text traces are read (format, logging node, date); auto-detection and UTC by default. */
  public SipIngest textOptions(TextTraceOptions options) {
    this.textOptions = options;
    return this;
  }

  /** Sets what the input {@code -} reads; {@link System#in} by default. */
  public SipIngest stdin(InputStream in) {
    this.stdin = in;
    return this;
  }

  /**
   * Calls some inputs by a name instead of their path, in every event, error and message: for example a copy
   * stored as {@code /tmp/sipaudit-serve-1/4f2a/input-1} is called {@code calls.pcap}, the name it was sent with.
   */
  public SipIngest names(Map<Path, String> names) {
    this.names = Map.copyOf(names);
    return this;
  }

  /**
   * Hands the UDP datagrams and TCP stream data to or from {@code watcher}'s port (DNS: 53) to it as well, on the
   * thread that calls the sink, in input order. The SIP reading is unchanged; what other ports carry costs one
   * comparison per datagram.
   */
  public SipIngest watch(PortWatcher watcher) {
    this.watcher = watcher;
    this.watchedPort = watcher.port();
    return this;
  }

  /**
   * Hands on as a {@link MalformedSip} (counted among the malformed messages) every message whose dialog and
   * transaction identity cannot be decoded: its CSeq, the tags of From and To, or its top Via. Off by default
   * ({@code stats} and {@code messages} read none of them); the stages that follow dialogs turn it on, so that one
   * such message is reported with its location instead of ending the run.
   *
   * <p>Example: {@code "CSeq: abc INVITE"} at byte 120 of frame 7 becomes
   * {@code "frame 7 (offset ...), byte 126 of the message: CSeq: expected sequence number ..."}.
   */
  public SipIngest requireDialogHeaders(boolean on) {
    this.requireDialogHeaders = on;
    return this;
  }

  /** Sets the progress listener. */
  public SipIngest onProgress(Progress listener) {
    this.progress = listener;
    return this;
  }

  /**
   * Sets whether reading, network decoding and the parsing of datagrams run on a thread of their own, overlapping
   * with the parsing of TCP streams and the sink; the events and their order are the same either way. On by
   * default when there are several processors, unless the system property {@code sipaudit.parallel} is
   * {@code false}. The sink and the progress listener are always called on the thread that calls {@link #run}.
   */
  public SipIngest parallel(boolean on) {
    this.parallel = on;
    return this;
  }

  /** Reads {@code inputs} to the end, handing every SIP message (or malformed one) to {@code sink}. */
  public Result run(List<Path> inputs, Consumer<IngestEvent> sink) {
    List<InputError> errors = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    TextTraceStats text = new TextTraceStats("text traces");
    try {
      for (int i = 0; i < inputs.size(); i++) {
        Path p = inputs.get(i);
        try {
          sources.add(open(p, i, text));
        } catch (MalformedInputException e) {
          errors.add(new InputError(names.getOrDefault(p, p.toString()), e.getMessage()));
        }
      }
      PriorityQueue<Source> queue = new PriorityQueue<>(Comparator
          .comparing(Source::time).thenComparingInt(s -> s.index).thenComparingLong(Source::number));
      for (Source s : sources) {
        if (s.advance(errors)) {
          queue.add(s);
        }
      }
      Consumer<IngestEvent> guarded = e -> {
        try {
          sink.accept(requireDialogHeaders ? dialogReadable(e) : e);
        } catch (RuntimeException | Error failure) {
          throw new SinkFailed(failure);
        }
      };
      Handoff.run(out -> readAll(queue, sources, errors, out), item -> deliver(item, guarded), parallel);
    } catch (SinkFailed f) {
      throw f.rethrow();
    } finally {
      for (Source s : sources) {
        s.close();
      }
    }
    counters.add(streamCounters);
    for (InputError e : streamErrors) {
      if (errors.size() < MAX_REPORTED_FAILURES) {
        errors.add(e);
      }
    }
    return new Result(net.stats(), counters, List.copyOf(errors), text);
  }

  /**
   * Takes the items of all sources in time order, decodes frames and frames and parses their datagrams, handing
   * on the {@link IngestEvent}s, the TCP {@link NetEvent}s and progress marks; on the reader thread when the run
   * is parallel.
   */
  private void readAll(PriorityQueue<Source> queue, List<Source> sources, List<InputError> errors,
      Consumer<Object> out) {
    Consumer<IngestEvent> events = out::accept;
    Consumer<NetEvent> onNet = e -> {
      if (e instanceof Datagram d) {
        if ((d.src().port() == watchedPort || d.dst().port() == watchedPort) && d.transport() == Transport.UDP) {
          out.accept(new Watched(new Datagram(d.ref(), d.src(), d.dst(), d.transport(), copy(d.payload()), null)));
        }
        framing.datagram(d, counters, events);
      } else {
        out.accept(e);
      }
    };
    long frames = 0;
    out.accept(new ProgressMark(0, 0));   // a reading starts: watchers count the readings
    while (!queue.isEmpty()) {
      Source s = queue.poll();
      if (s instanceof TextSource t) {
        out.accept(t.head);
      } else {
        CaptureSource c = (CaptureSource) s;
        try {
          net.decode(s.name, c.head, onNet);
        } catch (RuntimeException bug) {
          // A decoder bug must not lose the rest of the capture: report it with its location, go on.
          counters.decoderFailures++;
          if (errors.size() < MAX_REPORTED_FAILURES) {
            errors.add(new InputError(s.name, "frame " + c.head.number() + " (offset " + c.head.fileOffset()
                + ") could not be decoded, skipped: " + bug));
          }
        }
      }
      s.offset = s.fileOffset();
      if (++frames % PROGRESS_EVERY == 0) {
        out.accept(new ProgressMark(frames, sources.stream().mapToLong(x -> x.offset).sum()));
      }
      if (s.advance(errors)) {
        queue.add(s);
      }
    }
    net.finish(onNet);
    out.accept(new ProgressMark(frames, sources.stream().mapToLong(x -> x.offset).sum()));   // and where it ended
  }

  /**
   * Hands on what {@link #readAll} produced, framing and parsing TCP streams on the way, and reports progress; on
   * the calling thread.
   */
  private void deliver(Object item, Consumer<IngestEvent> sink) {
    if (item instanceof IngestEvent e) {
      sink.accept(e);
    } else if (item instanceof NetEvent e) {
      try {
        stream(e, sink);
      } catch (RuntimeException bug) {
        // As in readAll: a framing bug must not lose the rest of the capture.
        streamCounters.decoderFailures++;
        if (streamErrors.size() < MAX_REPORTED_FAILURES) {
          streamErrors.add(new InputError(e.ref().source(), "frame " + e.ref().frame() + " (offset "
              + e.ref().fileOffset() + ") could not be decoded, skipped: " + bug));
        }
      }
    } else if (item instanceof ProgressMark p) {
      progress.update(p.frames(), p.offset());
    } else if (item instanceof Watched w && watcher != null) {
      watcher.datagram(w.datagram());
    }
  }

  /** Returns {@code e}, or a {@link MalformedSip} for a message whose dialog identity cannot be decoded. */
  private IngestEvent dialogReadable(IngestEvent e) {
    if (!(e instanceof SipPacket p)) {
      return e;
    }
    SipMessage m = p.message();
    try {
      m.cseq();
      m.fromTag();
      m.toTag();
      m.topVia();
      return e;
    } catch (SipParseException bad) {
      streamCounters.malformedMessages++;
      return new MalformedSip(p.ref(), p.src(), p.dst(), p.transport(), bad.offset(), bad.reason(), m.raw());
    }
  }

  /** A datagram for the {@link #watch watcher}, copied on the reader thread and delivered on the sink's. */
  private record Watched(Datagram datagram) {}

  /** What {@link Progress#update} is told, passed along with the events so that it is called in order. */
  private record ProgressMark(long frames, long offset) {}

  /**
   * Opens {@code p} as a capture or, when it has no capture magic, a text trace. {@code -} is standard input; it and
   * other inputs that are not regular files (a pipe, {@code /dev/stdin}) are read once, sniffed without consuming.
   */
  private Source open(Path p, int index, TextTraceStats text) {
    String name = names.getOrDefault(p, p.toString());
    if (p.toString().equals("-") || !Files.isRegularFile(p)) {
      BufferedInputStream in = new BufferedInputStream(p.toString().equals("-") ? stdin : newInputStream(p),
          64 * 1024);
      return TextTraces.startsLikeCapture(in) ? new CaptureSource(name, index, CaptureFormat.open(in, name))
          : new TextSource(index, TextTraces.open(in, name, textOptions), text);
    }
    return CaptureFormat.detect(p, name).isPresent() ? new CaptureSource(name, index, CaptureFormat.open(p, name))
        : new TextSource(index, TextTraces.open(p, name, textOptions), text);
  }

  private static InputStream newInputStream(Path p) {
    try {
      return Files.newInputStream(p);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("opening " + p, e);
    }
  }

  private void stream(NetEvent e, Consumer<IngestEvent> sink) {
    if (watcher != null) {
      if (e instanceof StreamData s && (s.flow().src().port() == watchedPort || s.flow().dst().port() == watchedPort)) {
        watcher.stream(s);
      } else if (e instanceof StreamClosed c
          && (c.flow().src().port() == watchedPort || c.flow().dst().port() == watchedPort)) {
        watcher.closed(c);
      }
    }
    if (e instanceof StreamData s) {
      streams.computeIfAbsent(s.flow(), k -> new StreamBuffer()).append(s, framing, streamCounters, sink);
    } else if (e instanceof StreamClosed c) {
      StreamBuffer b = streams.remove(c.flow());
      if (b != null) {
        b.close(streamCounters);
      }
    }
  }

  /**
   * Carries an exception thrown by the caller's sink past the decoders' "skip the frame" handlers (it is an
   * Error), to be rethrown unchanged by {@link #run}: a failing sink ends the run, whichever thread it is on.
   */
  private static final class SinkFailed extends Error {
    private static final long serialVersionUID = 1L;

    SinkFailed(Throwable cause) {
      super(cause.toString(), cause, false, false);
    }

    RuntimeException rethrow() {
      if (getCause() instanceof Error e) {
        throw e;
      }
      return (RuntimeException) getCause();
    }
  }

  /** One input and its next item, ordered by time in the merge. */
  private abstract static class Source {
    final String name;
    final int index;
    long offset;

    Source(String name, int index) {
      this.name = name;
      this.index = index;
    }

    abstract Instant time();

    abstract long number();

    abstract long fileOffset();

    /** Moves to the next item; returns false at the end, or after damage recorded in {@code errors}. */
    abstract boolean advance(List<InputError> errors);

    abstract void close();
  }

  /** A capture file and its next frame. */
  private static final class CaptureSource extends Source {
    final CaptureReader reader;
    CapturedFrame head;

    CaptureSource(String name, int index, CaptureReader reader) {
      super(name, index);
      this.reader = reader;
    }

    @Override
    Instant time() {
      return head.timestamp();
    }

    @Override
    long number() {
      return head.number();
    }

    @Override
    long fileOffset() {
      return head.fileOffset();
    }

    @Override
    boolean advance(List<InputError> errors) {
      try {
        head = reader.next();
        return head != null;
      } catch (MalformedInputException | UncheckedIOException e) {
        errors.add(new InputError(name, e.getMessage()));
        return false;
      }
    }

    @Override
    void close() {
      reader.close();
    }
  }

  /** A text trace and its next message; its damage reports become errors at its end. */
  private static final class TextSource extends Source {
    final TextTraceReader reader;
    final TextTraceStats total;
    IngestEvent head;

    TextSource(int index, TextTraceReader reader, TextTraceStats total) {
      super(reader.source(), index);
      this.reader = reader;
      this.total = total;
    }

    @Override
    Instant time() {
      return head.ref().timestamp();
    }

    @Override
    long number() {
      return head.ref().frame();
    }

    @Override
    long fileOffset() {
      return head.ref().fileOffset();
    }

    @Override
    boolean advance(List<InputError> errors) {
      try {
        head = reader.next();
        if (head != null) {
          return true;
        }
      } catch (MalformedInputException | UncheckedIOException e) {
        errors.add(new InputError(name, e.getMessage()));
      }
      total.add(reader.stats());
      reader.stats().damage().forEach(d -> errors.add(new InputError(name, d)));
      return false;
    }

    @Override
    void close() {
      reader.close();
    }
  }

  static ByteBuffer copy(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return ByteBuffer.wrap(a);
  }
}
