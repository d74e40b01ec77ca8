package io.sipaudit.ingest;

import static java.util.Objects.requireNonNull;

/**
 * A file that could not be read to its end; everything before the damage was used.
 *
 * <p>Example: {@code calls.pcap at offset 1048600: record header needs 16 bytes, file ends after 7}.
 *
 * @param source the file
 * @param message what went wrong, with the byte offset where the format gives one
 */
public record InputError(String source, String message) {
  public InputError {
    requireNonNull(source, "source");
    requireNonNull(message, "message");
  }
}
