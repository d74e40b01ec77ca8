package io.sipaudit.textlog;

import org.jspecify.annotations.Nullable;

/**
 * Bare SIP pasted back to back (§1.11): no record lines at all. A message starts at a start line followed by a
 * header line, and ends at its Content-Length, the next such start line, or the end of the input.
 *
 * <p>Example input: {@code "OPTIONS sip:lb.example SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1\n..."}.
 */
final class BareDialect implements Dialect {

  @Override
  public TextFormat format() {
    return TextFormat.BARE;
  }

  @Override
  public @Nullable TraceRecord open(TextLine line, @Nullable LogTime logTime) {
    return null;
  }
}
