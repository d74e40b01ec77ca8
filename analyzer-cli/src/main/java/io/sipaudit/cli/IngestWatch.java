package io.sipaudit.cli;

import io.sipaudit.ingest.SipIngest;
import org.jspecify.annotations.Nullable;

/**
 * Lets code that runs a command in this process (the web server) follow how far its reading of the inputs has
 * got: commands started on this thread while a watch is open report every reading's progress to it as well.
 *
 * <p>Example: {@code try (var w = IngestWatch.open((frames, offset) -> board.update(...))) { cli.run(...); }}.
 */
public final class IngestWatch implements AutoCloseable {
  private static final ThreadLocal<SipIngest.@Nullable Progress> CURRENT = new ThreadLocal<>();

  private IngestWatch() {
  }

  /** Starts reporting the readings of commands run on this thread to {@code progress}; close to stop. */
  public static IngestWatch open(SipIngest.Progress progress) {
    CURRENT.set(progress);
    return new IngestWatch();
  }

  /** Returns the watch of this thread, or null. */
  static SipIngest.@Nullable Progress current() {
    return CURRENT.get();
  }

  @Override
  public void close() {
    CURRENT.remove();
  }
}
