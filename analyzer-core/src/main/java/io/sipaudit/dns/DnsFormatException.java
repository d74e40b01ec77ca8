package io.sipaudit.dns;

/**
 * A DNS message that cannot be decoded, with where and why: {@code "name pointer loop at offset 12"}. Thrown only
 * by {@link DnsDecoder}; the observer counts it and goes on.
 */
public final class DnsFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int offset;

  public DnsFormatException(int offset, String reason) {
    super(reason + " at offset " + offset, null, false, false);
    this.offset = offset;
  }

  /** Returns the offset in the message where decoding stopped. */
  public int offset() {
    return offset;
  }
}
