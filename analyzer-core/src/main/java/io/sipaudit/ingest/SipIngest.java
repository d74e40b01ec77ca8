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
import io.sipaudit.net.StreamClosed;
import io.sipaudit.net.StreamData;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Reads captures and emits the SIP messages in them, in capture-time order.
 *
 * <p>Example: {@code SipIngest.Result r = new SipIngest().run(List.of(Path.of("a.pcap")), event -> ...)}.
 * Several files are merged by frame time (ties: file order, then frame number). A file that is damaged part
 * way through contributes everything before the damage and an {@link InputError}; the others go on.
 */
public final class SipIngest {

  /**
   * What a run saw.
   *
   * @param net link/IP/TCP level counts
   * @param sip SIP framing counts
   * @param errors files that could not be read to the end
   */
  public record Result(NetStats net, IngestCounters sip, List<InputError> errors) {}

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

  private final SipFraming framing = new SipFraming();
  private Progress progress = (frames, offset) -> { };
  private final NetDecoder net = new NetDecoder();
  private final IngestCounters counters = new IngestCounters();
  private final Map<FlowKey, StreamBuffer> streams = new HashMap<>();

  /** Sets the progress listener. */
  public SipIngest onProgress(Progress listener) {
    this.progress = listener;
    return this;
  }

  /** Reads {@code inputs} to the end, handing every SIP message (or malformed one) to {@code sink}. */
  public Result run(List<Path> inputs, Consumer<IngestEvent> sink) {
    List<InputError> errors = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    try {
      for (int i = 0; i < inputs.size(); i++) {
        Path p = inputs.get(i);
        try {
          sources.add(new Source(p.toString(), i, CaptureFormat.open(p)));
        } catch (MalformedInputException e) {
          errors.add(new InputError(p.toString(), e.getMessage()));
        }
      }
      PriorityQueue<Source> queue = new PriorityQueue<>(Comparator
          .comparing((Source s) -> s.head.timestamp()).thenComparingInt(s -> s.index)
          .thenComparingLong(s -> s.head.number()));
      for (Source s : sources) {
        if (s.advance(errors)) {
          queue.add(s);
        }
      }
      Consumer<NetEvent> onNet = e -> onNet(e, sink);
      long frames = 0;
      while (!queue.isEmpty()) {
        Source s = queue.poll();
        try {
          net.decode(s.name, s.head, onNet);
        } catch (RuntimeException bug) {
          // A decoder bug must not lose the rest of the capture: report it with its location, go on.
          counters.decoderFailures++;
          if (errors.size() < MAX_REPORTED_FAILURES) {
            errors.add(new InputError(s.name, "frame " + s.head.number() + " (offset " + s.head.fileOffset()
                + ") could not be decoded, skipped: " + bug));
          }
        }
        s.offset = s.head.fileOffset();
        if (++frames % PROGRESS_EVERY == 0) {
          progress.update(frames, sources.stream().mapToLong(x -> x.offset).sum());
        }
        if (s.advance(errors)) {
          queue.add(s);
        }
      }
      net.finish(onNet);
    } finally {
      for (Source s : sources) {
        s.reader.close();
      }
    }
    return new Result(net.stats(), counters, List.copyOf(errors));
  }

  private void onNet(NetEvent e, Consumer<IngestEvent> sink) {
    if (e instanceof Datagram d) {
      framing.datagram(d, counters, sink);
    } else if (e instanceof StreamData s) {
      streams.computeIfAbsent(s.flow(), k -> new StreamBuffer()).append(s, framing, counters, sink);
    } else if (e instanceof StreamClosed c) {
      StreamBuffer b = streams.remove(c.flow());
      if (b != null) {
        b.close(counters);
      }
    }
  }

  /** One input file and its next frame. */
  private static final class Source {
    final String name;
    final int index;
    final CaptureReader reader;
    CapturedFrame head;
    long offset;

    Source(String name, int index, CaptureReader reader) {
      this.name = name;
      this.index = index;
      this.reader = reader;
    }

    boolean advance(List<InputError> errors) {
      try {
        head = reader.next();
        return head != null;
      } catch (MalformedInputException | UncheckedIOException e) {
        errors.add(new InputError(name, e.getMessage()));
        return false;
      }
    }
  }

  static ByteBuffer copy(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return ByteBuffer.wrap(a);
  }
}
