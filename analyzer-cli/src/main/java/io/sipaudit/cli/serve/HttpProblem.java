package io.sipaudit.cli.serve;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request the server answers with a 4xx or 5xx status and a message for people, never a stack trace.
 *
 * <p>Example: {@code new HttpProblem(413, "the upload is larger than the limit of 200 MB")}; the API answers
 * {@code {"status":413,"error":"the upload is larger than the limit of 200 MB","messages":[]}} and the page shows
 * the sentence.
 */
public final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final List<String> messages;
  private final @Nullable Integer retryAfterSeconds;
  private final @Nullable String partial;

  /** A problem with a summary and no details. */
  public HttpProblem(int status, String error) {
    this(status, error, List.of(), null, null);
  }

  /**
   * A problem with details.
   *
   * @param status the HTTP status, 400 to 599
   * @param error one sentence: what is wrong
   * @param messages details, such as the reader's messages with their offsets or lines
   * @param retryAfterSeconds for 503: when to try again
   * @param partial the id of an analysis of what could be read before the damage, or null
   */
  public HttpProblem(int status, String error, List<String> messages, @Nullable Integer retryAfterSeconds,
      @Nullable String partial) {
    super(requireNonNull(error, "error"), null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status " + status + " (expected: 400 to 599)");
    }
    this.status = status;
    this.messages = List.copyOf(messages);
    this.retryAfterSeconds = retryAfterSeconds;
    this.partial = partial;
  }

  public int status() {
    return status;
  }

  public String error() {
    return getMessage();
  }

  public List<String> messages() {
    return messages;
  }

  public @Nullable Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The id of the analysis of what was read before the damage, or null. */
  public @Nullable String partial() {
    return partial;
  }
}
