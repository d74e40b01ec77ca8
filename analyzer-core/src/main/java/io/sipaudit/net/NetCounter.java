package io.sipaudit.net;

/** The counters of {@link NetStats}, each with the name reports and JSON use. */
public enum NetCounter {
  FRAMES("frames"),
  TRUNCATED_FRAMES("frames cut by snaplen"),
  IPV4_PACKETS("IPv4 packets"),
  IPV6_PACKETS("IPv6 packets"),
  UDP_DATAGRAMS("UDP datagrams"),
  IP_FRAGMENTS("IP fragments"),
  REASSEMBLED_DATAGRAMS("datagrams reassembled from fragments"),
  INCOMPLETE_DATAGRAMS("incomplete fragmented datagrams (dropped)"),
  OVERLAPPING_FRAGMENTS("overlapping fragments"),
  TCP_SEGMENTS("TCP segments"),
  TCP_CONNECTIONS("TCP connections"),
  TCP_RETRANSMISSIONS("TCP retransmitted segments"),
  TCP_OUT_OF_ORDER("TCP out-of-order segments"),
  TCP_GAPS("TCP gaps (bytes lost)"),
  TCP_GAP_BYTES("TCP bytes lost in gaps"),
  TLS_CONNECTIONS("TLS connections (encrypted, not analysable)"),
  WEBSOCKET_CONNECTIONS("WebSocket connections"),
  WEBSOCKET_MESSAGES("WebSocket messages"),
  SCTP_DATA_CHUNKS("SCTP DATA chunks"),
  HEP_PACKETS("HEP packets"),
  HEP_NON_SIP("HEP packets not carrying SIP");

  private final String label;

  NetCounter(String label) {
    this.label = label;
  }

  /** Returns the human-readable name, for example {@code "TCP gaps (bytes lost)"}. */
  public String label() {
    return label;
  }
}
