package io.sipaudit.textlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the lines of one message and rebuilds its bytes: the start line, the header lines (repairing paste
 * damage), the empty line, then the body up to its Content-Length.
 *
 * <p>Line ends: when no line of the start line and headers ended in CR LF, the paste lost its CRs; every line end
 * becomes CR LF again and counts 2 bytes against Content-Length. Otherwise body lines keep their own line end.
 * Header lines always end in CR LF.
 * Example: {@code "INVITE ...\n...\nContent-Length: 10\n\nv=0\ns=x\n"} (no CRs) is complete after {@code s=x}, and
 * comes out as {@code "INVITE ...\r\n...\r\n\r\nv=0\r\ns=x\r\n"}.
 *
 * <p>Repairs in the header section (§1.13): a line that cannot start a header (no {@code token:} before its first
 * colon, e.g. {@code 192.168.1.9:5160;branch=z9hG4bK1}, or starting with {@code <} or {@code "}) is a hard wrap,
 * joined to the header before it; a line indented by mbox escaping ({@code " From: ..."}) that names a well-known
 * header is a header, not a continuation. Each repair is noted.
 */
final class MessageBuilder {
  private enum State { HEADERS, BODY, DONE }

  private static final java.util.regex.Pattern SENT_PROTOCOL =
      java.util.regex.Pattern.compile("(?i)SIP/2\\.0/[A-Z]+$");

  private final long line;
  private final long offset;
  private final int maxBytes;
  private final boolean bodies;
  private final List<String> headers = new ArrayList<>();
  private final StringBuilder body = new StringBuilder();
  private final List<String> notes = new ArrayList<>();
  private State state = State.HEADERS;
  private boolean anyCr;
  private boolean hasCr;
  private int size;
  private long budget = -1;
  private long contentLength = -1;
  private int pendingBlankLines;
  private int repairs;
  private boolean cut;

  MessageBuilder(String startLine, boolean crlf, long line, long offset, int maxBytes, boolean bodies) {
    this.line = line;
    this.offset = offset;
    this.maxBytes = maxBytes;
    this.bodies = bodies;
    headers.add(startLine);
    anyCr = crlf;
    size = startLine.length() + 2;
  }

  long line() {
    return line;
  }

  long offset() {
    return offset;
  }

  boolean isDone() {
    return state == State.DONE;
  }

  boolean inBody() {
    return state == State.BODY;
  }

  /** Adds the next line; returns true when the message is complete. */
  boolean add(String text, boolean crlf, long lineNumber) {
    if (state == State.DONE) {
      throw new IllegalStateException("message from line " + line + " is complete");
    }
    int cost = text.length() + (state == State.BODY && hasCr && !crlf ? 1 : 2);
    if (size + cost > maxBytes) {
      notes.add("longer than the " + maxBytes + "-byte limit: cut at line " + lineNumber);
      cut = true;
      state = State.DONE;
      return true;
    }
    size += cost;
    if (state == State.HEADERS) {
      header(text, crlf, lineNumber);
    } else {
      bodyLine(text, crlf);
    }
    return state == State.DONE;
  }

  private void header(String text, boolean crlf, long lineNumber) {
    anyCr |= crlf;
    if (text.isEmpty()) {
      endHeaders();
      return;
    }
    String last = headers.get(headers.size() - 1);
    boolean indented = text.charAt(0) == ' ' || text.charAt(0) == '\t';
    if (indented && SipLines.startsWithKnownHeader(text)) {
      headers.add(text.strip());
      repaired(lineNumber, "indented header");
    } else if (indented || headers.size() == 1 || (SipLines.isHeaderLine(text) && !endsLikeWrap(last, text))) {
      headers.add(text);
    } else {
      headers.set(headers.size() - 1, last + (needsSpace(last, text) ? " " : "") + text);
      repaired(lineNumber, "hard wrap joined");
    }
  }

  /** A wrap at a space the paste dropped: after {@code SIP/2.0/UDP}, or before a {@code <uri>} after a name. */
  private static boolean needsSpace(String previous, String piece) {
    if (previous.isEmpty() || Character.isWhitespace(previous.charAt(previous.length() - 1))
        || previous.endsWith(":")) {
      return false;
    }
    return SENT_PROTOCOL.matcher(previous).find() || piece.startsWith("<") && !previous.endsWith(";");
  }

  private static boolean endsLikeWrap(String previous, String text) {
    return (previous.endsWith(",") || previous.endsWith(" ")) && !SipLines.startsWithKnownHeader(text);
  }

  private void repaired(long lineNumber, String what) {
    if (repairs++ == 0) {
      notes.add("repaired: " + what + " at line " + lineNumber);
    }
  }

  private void endHeaders() {
    hasCr = anyCr;
    long cl = -1;
    for (int i = 1; i < headers.size(); i++) {
      long v = SipLines.contentLength(headers.get(i));
      if (v == -2 || (v >= 0 && cl >= 0)) {
        notes.add("Content-Length unusable ('" + headers.get(i).strip() + "'" + (cl >= 0 ? ", repeated" : "")
            + "): body taken up to the next record");
        cl = -1;
        break;
      }
      if (v >= 0) {
        cl = v;
      }
    }
    contentLength = cl;
    if (!bodies || cl == 0) {
      state = State.DONE;
      return;
    }
    budget = cl;
    state = State.BODY;
  }

  private void bodyLine(String text, boolean crlf) {
    if (budget < 0 && text.isEmpty()) {
      pendingBlankLines++;   // without Content-Length, trailing empty lines are not body
      return;
    }
    for (; pendingBlankLines > 0; pendingBlankLines--) {
      body.append("\r\n");
    }
    body.append(text).append(hasCr && !crlf ? "\n" : "\r\n");
    if (budget >= 0) {
      budget -= text.length() + (hasCr && !crlf ? 1 : 2);
      if (budget <= 0) {
        state = State.DONE;
      }
    }
  }

  /**
   * Ends the message; {@code why} says what ended it when it was not complete yet.
   *
   * @return the rebuilt bytes and what was noticed
   */
  Built finish(String why) {
    if (state == State.HEADERS) {
      endHeaders();   // a paste often ends without the empty line; that only matters when a body was announced
    }
    if (state == State.BODY && budget > 0) {
      notes.add("body cut by " + why + ": Content-Length " + contentLength + ", " + (contentLength - budget)
          + " bytes present");
      cut = true;
    }
    StringBuilder out = new StringBuilder(size + 4);
    String eol = "\r\n";
    for (String h : headers) {
      out.append(h).append(eol);
    }
    out.append(eol).append(body);
    return new Built(out.toString().getBytes(StandardCharsets.ISO_8859_1), line, offset, List.copyOf(notes),
        repairs > 0, cut);
  }

  /**
   * A rebuilt message.
   *
   * @param bytes the message, line ends restored
   * @param line the line of its start line
   * @param offset the byte offset of that line
   * @param notes what was noticed, e.g. {@code "repaired: hard wrap joined at line 4"}
   * @param repaired whether header lines were joined or re-read
   * @param cut whether the body ended before its Content-Length
   */
  record Built(byte[] bytes, long line, long offset, List<String> notes, boolean repaired, boolean cut) {
    Built {
      java.util.Objects.requireNonNull(bytes, "bytes");
      notes = List.copyOf(notes);
    }
  }
}
