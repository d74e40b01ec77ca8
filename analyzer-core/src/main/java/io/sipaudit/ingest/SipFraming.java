package io.sipaudit.ingest;

import io.sipaudit.net.Datagram;
import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;
import io.sipaudit.sip.FrameResult;
import io.sipaudit.sip.ParseResult;
import io.sipaudit.sip.SipFramer;
import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipParser;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Frames and parses the SIP messages of one datagram, or of one complete stretch of a stream.
 *
 * <p>A datagram may hold several messages, CRLF keep-alives, or no SIP at all (RTP, DNS: counted once).
 * Messages whose Content-Length runs past the datagram are parsed leniently and flagged truncated; a bad
 * Content-Length does not stop a datagram's message from being read (the rest of the datagram is its body).
 */
final class SipFraming {
  private final SipFramer framer = new SipFramer();

  SipFramer framer() {
    return framer;
  }

  void datagram(Datagram d, IngestCounters counters, Consumer<IngestEvent> sink) {
    ByteBuffer p = d.payload();
    byte[] buf = new byte[p.remaining()];
    p.duplicate().get(buf);
    int off = 0;
    int len = buf.length;
    if (len > 0) {
      SipMessage whole = framer.parseWholeDatagram(buf, 0, len);   // most datagrams: one message, one pass
      if (whole != null) {
        sink.accept(new SipPacket(d.ref(), d.src(), d.dst(), d.transport(), whole, null));
        return;
      }
    }
    boolean any = false;
    while (len > 0) {
      FrameResult r = framer.frameDatagram(buf, off, len);
      switch (r.kind()) {
        case COMPLETE -> {
          emit(d.ref(), d.src(), d.dst(), d.transport(), buf, off, r.length(), null, counters, sink);
          any = true;
        }
        case KEEPALIVE -> {
          counters.keepalives++;
          any = true;
        }
        case TRUNCATED -> {
          counters.truncatedMessages++;
          emitTruncated(d, buf, off, r.length(), r.bodyOffset() < 0, "truncated: " + r.problem(), counters, sink);
          any = true;
        }
        case MALFORMED -> {
          // a datagram needs no Content-Length to be framed: read the rest leniently, keep the problem
          counters.malformedHeaders++;
          emit(d.ref(), d.src(), d.dst(), d.transport(), buf, off, r.length(), r.problem(), counters, sink);
          any = true;
        }
        case NOT_SIP, NEED_MORE -> {
          if (!any) {
            counters.nonSipDatagrams++;
          }
          return;   // the rest of a non-SIP datagram, or junk after its messages
        }
      }
      off += r.length();
      len -= r.length();
    }
  }

  /** Parses {@code buf[off, off+length)} (which must not change afterwards) and emits it. */
  void emit(PacketRef ref, Endpoint src, Endpoint dst, Transport transport, byte[] buf, int off, int length,
      @Nullable String problem, IngestCounters counters, Consumer<IngestEvent> sink) {
    ParseResult parsed = SipParser.tryParse(buf, off, length);
    if (parsed instanceof ParseResult.Parsed ok) {
      sink.accept(new SipPacket(ref, src, dst, transport, ok.message(), problem));
    } else if (parsed instanceof ParseResult.Malformed bad) {
      malformed(ref, src, dst, transport, buf, off, length, bad.offset(), bad.reason(), counters, sink);
    }
  }

  /**
   * Emits a message cut short (snaplen, a lost fragment). When the cut falls inside the headers
   * ({@code inHeaders}), the line it cut (say {@code "To: <sip:bo"}) is left out, as its value is not what was sent:
   * the message is read up to its last complete line, so that its start line and whole headers still count.
   */
  private void emitTruncated(Datagram d, byte[] buf, int off, int length, boolean inHeaders, String problem,
      IngestCounters counters, Consumer<IngestEvent> sink) {
    int end = off + length;
    if (inHeaders && buf[end - 1] != '\n') {
      int lastLf = end - 1;
      while (lastLf >= off && buf[lastLf] != '\n') {
        lastLf--;
      }
      if (lastLf >= off) {
        end = lastLf + 1;
      }
    }
    ParseResult parsed = SipParser.tryParse(buf, off, end - off);
    if (parsed instanceof ParseResult.Parsed ok) {
      sink.accept(new SipPacket(d.ref(), d.src(), d.dst(), d.transport(), ok.message(), problem));
    } else if (parsed instanceof ParseResult.Malformed bad) {
      malformed(d.ref(), d.src(), d.dst(), d.transport(), buf, off, length, bad.offset(), bad.reason(), counters, sink);
    }
  }

  void malformed(PacketRef ref, Endpoint src, Endpoint dst, Transport transport, byte[] buf, int off, int length,
      int at, String reason, IngestCounters counters, Consumer<IngestEvent> sink) {
    counters.malformedMessages++;
    sink.accept(new MalformedSip(ref, src, dst, transport, at, reason, ByteBuffer.wrap(buf, off, length).slice()));
  }
}
