package io.sipaudit.attribution;

import java.util.Locale;

/** What a node does in the capture, judged from its behaviour. */
public enum NodeRole {
  /** Receives calls and forwards each to one of several other nodes; often sends OPTIONS probes. */
  BALANCER,
  /** Receives a call and places it again with a new Call-ID (an SBC or B2BUA), its legs tied by X-CID and the like. */
  B2BUA,
  /** Receives calls from a balancer and answers them. */
  BACKEND,
  /** Starts calls. */
  CLIENT,
  /** Seen, but its role is not clear (for example only probes). */
  OTHER;

  /** Returns the JSON spelling, for example {@code backend}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
