package io.sipaudit.net;

/** What the network stage emits: whole datagrams, in-order stream data, and stream ends. */
public sealed interface NetEvent permits Datagram, StreamData, StreamClosed {

  /** Returns where the event's bytes came from. */
  PacketRef ref();
}
