package io.sipaudit.cli;

import io.sipaudit.ingest.SipIngest;
import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr for long reads: {@code [#####     ]  48%  1,204,352 frames}. Redrawn at
 * most four times a second; silent when disabled (not a terminal, or {@code --quiet}).
 */
final class ProgressBar implements SipIngest.Progress {
  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintWriter err;
  private final long totalBytes;
  private final boolean enabled;
  private long lastDraw;
  private boolean drawn;

  ProgressBar(PrintWriter err, long totalBytes, boolean enabled) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.enabled = enabled;
  }

  @Override
  public void update(long frames, long offset) {
    long now = System.nanoTime();
    if (!enabled || now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    int percent = totalBytes > 0 ? (int) Math.min(99, offset * 100 / totalBytes) : 0;
    int filled = percent / 5;
    err.printf("\r[%s%s] %3d%%  %,d frames", "#".repeat(filled), " ".repeat(20 - filled), percent, frames);
    err.flush();
    drawn = true;
  }

  /** Clears the bar so that later output starts on a clean line. */
  void done() {
    if (drawn) {
      err.print("\r" + " ".repeat(60) + "\r");
      err.flush();
    }
  }
}
