package io.sipaudit.cli.serve;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How far each running analysis has got, by a token the page made up and sent with its upload, so that the page
 * can poll it while it waits. Bounded: at most {@link #MAX} tokens, each forgotten {@link #KEEP} after its
 * analysis ended.
 *
 * <p>Example: {@code {"stage": "reading the input (pass 1)", "pass": 1, "percent": 42, "frames": 81920,
 * "done": false}}. A report reads the input up to three times (analysis, ladders, JSON).
 */
final class ProgressBoard {
  static final int MAX = 1000;
  static final Duration KEEP = Duration.ofMinutes(2);
  private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

  /** One analysis's progress. */
  static final class Entry {
    volatile String stage = "receiving the upload";
    volatile int pass;
    volatile long frames;
    volatile int percent;
    volatile @Nullable Instant ended;
    volatile long totalBytes = 1;
    private long lastOffset = -1;

    /** The ingest's progress; a reading that starts again from the beginning is the next pass. */
    synchronized void read(long frameCount, long offset) {
      if (offset < lastOffset || pass == 0) {
        pass++;
        stage = "reading the input (pass " + pass + ")";
      }
      lastOffset = offset;
      frames = frameCount;
      percent = (int) Math.min(99, offset * 100 / Math.max(1, totalBytes));
    }

  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** Returns whether {@code token} looks like one the page makes (32 lowercase hex digits). */
  static boolean valid(@Nullable String token) {
    return token != null && TOKEN.matcher(token).matches();
  }

  /** Starts following an analysis; returns null when the token is invalid or the board is full. */
  @Nullable Entry start(@Nullable String token) {
    if (!valid(token)) {
      return null;
    }
    sweep();
    if (entries.size() >= MAX) {
      return null;
    }
    Entry e = new Entry();
    entries.put(token, e);
    return e;
  }

  /** Marks an analysis ended (done or failed). */
  void end(@Nullable Entry e, String stage) {
    if (e != null) {
      e.stage = stage;
      e.percent = 100;
      e.ended = Instant.now();
    }
  }

  /** Returns what to answer a poll with, or null for an unknown token. */
  @Nullable Map<String, Object> view(String token) {
    Entry e = entries.get(token);
    if (e == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", e.stage);
    m.put("pass", e.pass);
    m.put("percent", e.percent);
    m.put("frames", e.frames);
    m.put("done", e.ended != null);
    return m;
  }

  private void sweep() {
    Instant cutoff = Instant.now().minus(KEEP);
    entries.values().removeIf(e -> e.ended != null && e.ended.isBefore(cutoff));
  }
}
