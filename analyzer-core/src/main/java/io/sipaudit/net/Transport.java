package io.sipaudit.net;

/** The transport a payload arrived on, as SIP's Via names it ({@code SIP/2.0/UDP}, {@code SIP/2.0/WS}, ...). */
public enum Transport {
  UDP,
  TCP,
  SCTP,
  /** SIP over WebSocket on a plain TCP connection (RFC 7118). */
  WS,
  /** TLS on TCP; encrypted, so never analysable without keys. */
  TLS
}
