package io.sipaudit.ingest;

import io.sipaudit.sip.SipMessage;
import io.sipaudit.sip.SipRequest;
import io.sipaudit.sip.SipResponse;

/**
 * Wireshark's retransmission rule for one (Call-ID, source, destination): the last CSeq number and method, and
 * whether a request or a final response was seen last. Example: INVITE CSeq 1 then the same INVITE again: the
 * second is a resend; 100, 200, 200 from the same side: the second 200 is.
 *
 * <p>{@link ResendDetector} keeps one per direction in its table (the test oracle keeps the same state in a plain
 * map), so the rule is written once.
 */
class ResendState {
  long cseq;
  String method;
  boolean requestSeen;
  boolean finalSeen;
  int finalCode;

  ResendState(long cseq, String method) {
    this.cseq = cseq;
    this.method = method;
  }

  /**
   * Records {@code m} (CSeq {@code number}, {@code method}) and returns whether it repeats the last request or
   * final response; {@code fresh} when this state was just made for it (there is no previous CSeq).
   */
  final boolean see(SipMessage m, long number, String method, boolean fresh) {
    long previous = fresh ? 0 : cseq;
    if (number != cseq) {
      cseq = number;
      this.method = method;
      requestSeen = false;
      finalSeen = false;
    }
    boolean resend = false;
    if (m instanceof SipRequest) {
      resend = number == previous && requestSeen && method.equals(this.method)
          && !method.equals("ACK") && !method.equals("CANCEL");
      requestSeen = true;
      finalSeen = false;
    } else if (m instanceof SipResponse r) {
      int code = r.statusCode();
      resend = number == previous && finalSeen && method.equals(this.method) && code >= 200 && code == finalCode;
      requestSeen = false;
      finalSeen = code >= 200;
      if (code >= 200) {
        finalCode = code;
      }
    }
    return resend;   // like Wireshark, the stored method changes only with the CSeq number (CANCEL keeps INVITE's)
  }
}
