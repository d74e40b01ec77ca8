package io.sipaudit.sip;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;

/**
 * The outcome of {@link SipParser#tryParse}: a message, or a malformed input as data to count and report
 * (STYLE §10).
 *
 * <p>Example: {@code "INVITE sip:bob@b.example SIP/3\r\n"} gives
 * {@code Malformed(offset=25, reason="expected SIP-Version (\"SIP/2.0\"), found 'SIP/3\r\n'", raw=...)}.
 */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Malformed {

  /** A parsed message. */
  record Parsed(SipMessage message) implements ParseResult {
    public Parsed {
      requireNonNull(message, "message");
    }
  }

  /**
   * Bytes that are not a SIP message.
   *
   * @param offset where the problem is, relative to the start of the input
   * @param reason what was found and what was expected
   * @param raw the input, read-only
   */
  record Malformed(int offset, String reason, ByteBuffer raw) implements ParseResult {
    public Malformed {
      requireNonNull(reason, "reason");
      requireNonNull(raw, "raw");
      if (offset < 0) {
        throw new IllegalArgumentException("offset " + offset + " (expected: >= 0)");
      }
      raw = raw.isReadOnly() ? raw : raw.asReadOnlyBuffer();
    }
  }
}
