package io.sipaudit.ingest;

/**
 * What the SIP framing saw besides messages. Mutable, owned by one {@link SipIngest} run; each of its two threads
 * counts into its own instance, and they are added up at the end.
 */
public final class IngestCounters {
  long keepalives;
  long nonSipDatagrams;
  long nonSipStreamBytes;
  long droppedStreamBytes;
  long truncatedMessages;
  long malformedMessages;
  long malformedHeaders;
  long decoderFailures;

  /** Adds another run's counts to these. */
  void add(IngestCounters o) {
    keepalives += o.keepalives;
    nonSipDatagrams += o.nonSipDatagrams;
    nonSipStreamBytes += o.nonSipStreamBytes;
    droppedStreamBytes += o.droppedStreamBytes;
    truncatedMessages += o.truncatedMessages;
    malformedMessages += o.malformedMessages;
    malformedHeaders += o.malformedHeaders;
    decoderFailures += o.decoderFailures;
  }

  /** CRLF keep-alives (RFC 5626) in datagrams and streams. */
  public long keepalives() {
    return keepalives;
  }

  /** Datagrams (UDP, SCTP, WebSocket, HEP) whose payload is not SIP: RTP, DNS, STUN, ... */
  public long nonSipDatagrams() {
    return nonSipDatagrams;
  }

  /** Bytes of TCP streams skipped because they were not SIP (before the first start line, or after a gap). */
  public long nonSipStreamBytes() {
    return nonSipStreamBytes;
  }

  /** Bytes of partial SIP messages dropped at a TCP gap or at the end of a stream. */
  public long droppedStreamBytes() {
    return droppedStreamBytes;
  }

  /** Messages whose Content-Length promised more than the datagram held (still parsed, and counted). */
  public long truncatedMessages() {
    return truncatedMessages;
  }

  /** Datagram messages read despite a bad framing header (Content-Length not a number, or given twice). */
  public long malformedHeaders() {
    return malformedHeaders;
  }

  /** Frames skipped because decoding them failed unexpectedly (a bug; each is also reported as an error). */
  public long decoderFailures() {
    return decoderFailures;
  }

  /** Messages that could not be parsed. */
  public long malformedMessages() {
    return malformedMessages;
  }
}
