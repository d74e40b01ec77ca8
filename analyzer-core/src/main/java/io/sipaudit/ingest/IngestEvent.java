package io.sipaudit.ingest;

import io.sipaudit.net.Endpoint;
import io.sipaudit.net.PacketRef;
import io.sipaudit.net.Transport;

/** A SIP message found in the input, well-formed or not, with where it was found. */
public sealed interface IngestEvent permits SipPacket, MalformedSip {

  /** Returns the file, frame and time. */
  PacketRef ref();

  /** Returns the sender. */
  Endpoint src();

  /** Returns the receiver. */
  Endpoint dst();

  /** Returns the transport it arrived on. */
  Transport transport();
}
