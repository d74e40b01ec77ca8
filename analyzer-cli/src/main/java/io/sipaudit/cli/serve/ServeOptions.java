package io.sipaudit.cli.serve;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How {@code sipaudit serve} listens and what it allows.
 *
 * <p>Example: {@code new ServeOptions("127.0.0.1", 8080, ByteSize.parse("200MB"), 2, Duration.ofSeconds(60),
 * Duration.ofHours(1), 100)} is the default of a two-processor machine.
 *
 * @param bind the address to listen on; {@code 127.0.0.1} keeps the server to this machine
 * @param port the TCP port, 0 for any free one
 * @param maxUpload the largest request body taken, in bytes; larger ones get 413 before they are read
 * @param workers how many analyses may run at once
 * @param queueWait how long a request waits for a free worker before it gets 503 with Retry-After
 * @param keep how long a report and its downloads stay available after the analysis
 * @param maxResults how many analyses are kept at most; the oldest go first
 */
public record ServeOptions(String bind, int port, long maxUpload, int workers, Duration queueWait, Duration keep,
    int maxResults) {

  public ServeOptions {
    requireNonNull(bind, "bind");
    requireNonNull(queueWait, "queueWait");
    requireNonNull(keep, "keep");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " (expected: 0 to 65535)");
    }
    if (maxUpload < 1) {
      throw new IllegalArgumentException("maxUpload " + maxUpload + " (expected: at least 1 byte)");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers " + workers + " (expected: at least 1)");
    }
    if (queueWait.isNegative() || keep.isNegative() || keep.isZero()) {
      throw new IllegalArgumentException("queueWait " + queueWait + ", keep " + keep + " (expected: >= 0, > 0)");
    }
    if (maxResults < 1) {
      throw new IllegalArgumentException("maxResults " + maxResults + " (expected: at least 1)");
    }
  }

  /** The defaults on {@code port}: loopback, 200 MB, one worker per processor (at most 4), 60 s, 1 h, 100. */
  public static ServeOptions defaults(int port) {
    return new ServeOptions("127.0.0.1", port, 200L << 20,
        Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), Duration.ofSeconds(60),
        Duration.ofHours(1), 100);
  }

  /** Returns these options with {@code workers} and {@code queueWait} changed. */
  public ServeOptions withWorkers(int workers, Duration queueWait) {
    return new ServeOptions(bind, port, maxUpload, workers, queueWait, keep, maxResults);
  }

  /** Returns these options with {@code maxUpload} changed. */
  public ServeOptions withMaxUpload(long maxUpload) {
    return new ServeOptions(bind, port, maxUpload, workers, queueWait, keep, maxResults);
  }
}
