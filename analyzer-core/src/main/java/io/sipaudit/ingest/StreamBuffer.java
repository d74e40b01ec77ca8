package io.sipaudit.ingest;

import io.sipaudit.net.StreamData;
import io.sipaudit.sip.FrameResult;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The not-yet-framed bytes of one TCP direction. Complete messages are copied out (so the buffer can be
 * compacted); a partial message waits for more data. After a gap the partial message is dropped, and framing
 * resynchronises at the next SIP start line. Bounded: a "message" that grows past {@link #MAX_BYTES} without
 * completing is dropped.
 */
final class StreamBuffer {
  static final int MAX_BYTES = 1 << 20;

  private byte[] buf = new byte[4096];
  private int len;

  void append(StreamData s, SipFraming framing, IngestCounters counters, Consumer<IngestEvent> sink) {
    if (s.skippedBefore() > 0 && len > 0) {
      counters.droppedStreamBytes += len;
      len = 0;
    }
    int n = s.data().remaining();
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
    s.data().duplicate().get(buf, len, n);
    len += n;
    int off = 0;
    while (off < len) {
      FrameResult r = framing.framer().frameStream(buf, off, len - off);
      if (r.kind() == FrameResult.Kind.NEED_MORE
          || (r.kind() == FrameResult.Kind.KEEPALIVE && onlyLineEnds(off, len))) {
        break;   // a CRLF run at the end may go on in the next segment: count it once it is whole
      }
      switch (r.kind()) {
        case COMPLETE -> {
          byte[] msg = Arrays.copyOfRange(buf, off, off + r.length());
          framing.emit(s.ref(), s.flow().src(), s.flow().dst(), s.transport(), msg, 0, msg.length, null, counters, sink);
        }
        case KEEPALIVE -> counters.keepalives++;
        case NOT_SIP -> counters.nonSipStreamBytes += r.length();
        case MALFORMED, TRUNCATED -> {
          byte[] msg = Arrays.copyOfRange(buf, off, off + r.length());
          framing.malformed(s.ref(), s.flow().src(), s.flow().dst(), s.transport(), msg, 0, msg.length, 0,
              r.problem(), counters, sink);
        }
        default -> throw new IllegalStateException("unexpected " + r.kind());
      }
      off += r.length();
    }
    System.arraycopy(buf, off, buf, 0, len - off);
    len -= off;
    if (len > MAX_BYTES) {
      counters.droppedStreamBytes += len;
      len = 0;
    }
    if (buf.length > 64 * 1024 && len < 4096) {
      buf = Arrays.copyOf(buf, 4096);
    }
  }

  private boolean onlyLineEnds(int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] != '\r' && buf[i] != '\n') {
        return false;
      }
    }
    return to > from;
  }

  void close(IngestCounters counters) {
    if (onlyLineEnds(0, len)) {
      counters.keepalives++;
    } else {
      counters.droppedStreamBytes += len;
    }
    len = 0;
  }
}
