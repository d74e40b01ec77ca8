package io.sipaudit.cli.serve;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most N analyses at once. A request that finds every worker busy waits up to the queue wait for one, then is
 * turned away (the server answers 503 with Retry-After).
 *
 * <p>Example: with {@code new WorkerPool(2)}, a third {@code acquire(Duration.ofSeconds(15))} while two leases are
 * open waits until one is closed, or returns empty after 15 s.
 */
public final class WorkerPool {
  private final Semaphore permits;
  private final int size;

  public WorkerPool(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size " + size + " (expected: at least 1)");
    }
    this.size = size;
    this.permits = new Semaphore(size, true);
  }

  /** A worker held until closed. */
  public final class Lease implements AutoCloseable {
    private boolean closed;

    private Lease() {}

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        permits.release();
      }
    }
  }

  /** Returns a worker, waiting up to {@code wait} for one; empty when none came free or the thread was interrupted. */
  public Optional<Lease> acquire(Duration wait) {
    try {
      return permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(new Lease()) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Returns how many workers are busy now. */
  public int busy() {
    return size - permits.availablePermits();
  }
}
